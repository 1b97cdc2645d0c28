// Offline validation of a kustomize folder of Kubernetes manifests (DDL's k8s/), as an operator's
// tooling would read them: every resource of kustomization.yaml is parsed and checked against the
// Kubernetes OpenAPI schema of its kind (kubernetes-models: the upstream schemas compiled to ajv
// validators, no cluster or network needed), and then against what DDL's cluster mode relies on.
// Usage: node validate-manifests.mjs <folder>
// Prints one line per problem and exits 1 when there is any; exit 0 and "OK ..." otherwise.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

const folder = process.argv[2];
const problems = [];
const fail = (where, message) => problems.push(`${where}: ${message}`);

const kustomization = parse(readFileSync(join(folder, 'kustomization.yaml'), 'utf8'));
if (kustomization?.kind !== 'Kustomization' || !Array.isArray(kustomization.resources)) {
  fail('kustomization.yaml', 'not a Kustomization with a resources list');
}

const objects = [];
for (const file of kustomization?.resources ?? []) {
  if (!existsSync(join(folder, file))) {
    fail('kustomization.yaml', `resource ${file} does not exist`);
    continue;
  }
  for (const doc of parseAllDocuments(readFileSync(join(folder, file), 'utf8'))) {
    if (doc.errors.length > 0) {
      fail(file, `YAML: ${doc.errors[0].message}`);
      continue;
    }
    const object = doc.toJS();
    if (object !== null) objects.push({ file, object });
  }
}

// Schema level: the model class of each apiVersion/kind validates the whole object.
for (const { file, object } of objects) {
  const where = `${file} ${object.kind ?? '?'}/${object.metadata?.name ?? '?'}`;
  if (typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') {
    fail(where, 'apiVersion and kind are required');
    continue;
  }
  let Model;
  try {
    Model = (await import(`kubernetes-models/${object.apiVersion}/${object.kind}`))[object.kind];
  } catch {
    fail(where, `unknown apiVersion/kind ${object.apiVersion}/${object.kind}`);
    continue;
  }
  try {
    new Model(object).validate();
  } catch (e) {
    fail(where, e.message);
  }
}

// What DDL relies on beyond the schema.
const named = (kind, name) => objects.find((o) => o.object.kind === kind && o.object.metadata?.name === name);
const matches = (selector, labels) => Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
// Created by hand from the ledger's genesis and keys (k8s/README.md), never committed.
const createdByHand = new Set(['ConfigMap/ddl-genesis', 'Secret/ddl-keys']);
const exists = (kind, name) => createdByHand.has(`${kind}/${name}`) || named(kind, name) !== undefined;

const workloads = objects.filter((o) => ['Deployment', 'StatefulSet'].includes(o.object.kind));
for (const { file, object } of workloads) {
  const where = `${file} ${object.kind}/${object.metadata?.name}`;
  const pod = object.spec?.template;
  if (!matches(object.spec?.selector?.matchLabels, pod?.metadata?.labels)) fail(where, 'selector does not match the pod template labels');
  if (pod?.spec?.automountServiceAccountToken !== false) fail(where, 'automountServiceAccountToken must be false: no pod here calls the Kubernetes API');
  for (const c of pod?.spec?.containers ?? []) {
    for (const e of c.env ?? []) {
      const ref = e.valueFrom?.secretKeyRef ?? e.valueFrom?.configMapKeyRef;
      const kind = e.valueFrom?.secretKeyRef ? 'Secret' : 'ConfigMap';
      if (ref && !exists(kind, ref.name)) fail(where, `env ${e.name} names the missing ${kind} ${ref.name}`);
    }
    for (const from of c.envFrom ?? []) {
      if (from.configMapRef && !exists('ConfigMap', from.configMapRef.name)) fail(where, `envFrom names the missing ConfigMap ${from.configMapRef.name}`);
    }
    if (c.resources?.limits?.cpu !== undefined) fail(where, `container ${c.name} has a CPU limit: throttling stalls Orleans' liveness probes`);
  }
  for (const v of pod?.spec?.volumes ?? []) {
    if (v.secret && !exists('Secret', v.secret.secretName)) fail(where, `volume ${v.name} names the missing Secret ${v.secret.secretName}`);
    if (v.configMap && !exists('ConfigMap', v.configMap.name)) fail(where, `volume ${v.name} names the missing ConfigMap ${v.configMap.name}`);
  }
}

const silo = named('Deployment', 'ddl-silo')?.object;
if (!silo) {
  fail('k8s', 'no Deployment ddl-silo');
} else {
  const spec = silo.spec.template.spec;
  const container = spec.containers?.[0] ?? {};
  const env = Object.fromEntries((container.env ?? []).map((e) => [e.name, e]));
  for (const [name, path] of [['POD_NAME', 'metadata.name'], ['POD_IP', 'status.podIP'], ['POD_NAMESPACE', 'metadata.namespace']]) {
    if (env[name]?.valueFrom?.fieldRef?.fieldPath !== path) fail('ddl-silo', `${name} must come from the downward API (${path})`);
  }
  const args = (container.args ?? []).join(' ');
  if (!args.includes('--silo-name $(POD_NAME)') || !args.includes('--advertise-ip $(POD_IP)')) fail('ddl-silo', 'args must pass --silo-name $(POD_NAME) and --advertise-ip $(POD_IP)');
  const ports = Object.fromEntries((container.ports ?? []).map((p) => [p.name, p.containerPort]));
  if (ports.http !== 8080 || ports.silo !== 11111 || ports.gateway !== 30000) fail('ddl-silo', 'ports must be http 8080, silo 11111, gateway 30000');
  for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
    if (!container[probe]?.httpGet?.path?.startsWith('/health/')) fail('ddl-silo', `${probe} must GET /health/*`);
  }
  if (container.readinessProbe?.httpGet?.path !== '/health/ready') fail('ddl-silo', 'readinessProbe must be /health/ready');
  const shutdown = Number(env.shutdownTimeoutSeconds?.value ?? 30);
  if (!(spec.terminationGracePeriodSeconds > shutdown)) fail('ddl-silo', `terminationGracePeriodSeconds (${spec.terminationGracePeriodSeconds}) must exceed the host shutdown timeout (${shutdown} s)`);
  if (silo.spec.strategy?.rollingUpdate?.maxUnavailable !== 0) fail('ddl-silo', 'rollingUpdate.maxUnavailable must be 0');
  if (!(spec.securityContext?.runAsNonRoot === true)) fail('ddl-silo', 'pods must run as non-root');
  const labels = silo.spec.template.metadata.labels;
  if (!objects.some((o) => o.object.kind === 'PodDisruptionBudget' && matches(o.object.spec?.selector?.matchLabels, labels))) fail('ddl-silo', 'no PodDisruptionBudget selects the silos');
  const services = objects.filter((o) => o.object.kind === 'Service' && matches(o.object.spec?.selector, labels)).map((o) => o.object);
  if (!services.some((s) => s.spec.clusterIP === 'None' && s.spec.ports?.some((p) => p.port === 11111))) fail('ddl-silo', 'no headless Service for silo-to-silo traffic on 11111');
  if (!services.some((s) => s.spec.clusterIP !== 'None' && s.spec.ports?.some((p) => p.targetPort === 'http' || p.targetPort === 8080))) fail('ddl-silo', 'no Service for GraphQL');
}

for (const { object } of objects.filter((o) => o.object.kind === 'Service')) {
  if (!workloads.some((w) => matches(object.spec?.selector, w.object.spec?.template?.metadata?.labels))) fail(`Service/${object.metadata?.name}`, 'selects no pod of these manifests');
}

for (const p of problems) console.log(`FAIL ${p}`);
if (problems.length > 0) process.exit(1);
console.log(`OK ${objects.length} objects in ${folder} hold their Kubernetes schemas and DDL's cluster rules`);
