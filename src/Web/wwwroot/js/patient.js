// The patient's page: their treatment report (timeline and graph), who read their record, and
// their verifiable export, built from the public API and verified here with WebCrypto.
import { gql } from './graphql.js';
import { applyI18n, pageHeader, $, h, t, tOr, typeName, show, say, errorMessage, signIn, time, table } from './dom.js';
import { graph } from './graph.js';
import { buildPatientExport } from './export.js';
import { verifyExport } from './verify.js';

pageHeader();
applyI18n();

const REPORT = `{ treatmentReport {
  patient
  prescriptions { chain seq hash prescriber prescriberName issuedAt validFrom validUntil status claimedBy
    items { item atc name dose quantity unit repeats repeatsLeft schedule issuesStarted dispensedTotal status notDispensedReason }
    dispensings { chain seq hash item issue quantity unit productName batch pharmacy pharmacyName at } }
  treatments { chain seq hash issuer issuerName createdAt validUntil cancelled
    medications { item name dose quantity unit administered }
    procedureOrders { procedure code name count done }
    administrations { chain seq hash item quantity unit author at }
    procedures { chain seq hash procedure author at } } } }`;

let token = null;
let subject = null;
let downloadUrl = null;

signIn('patient', (newToken, claims) => {
  token = newToken;
  subject = claims?.sub ?? null;
  $('#content').hidden = !token;
  if (token) { loadReport(); loadReads(); } else { resetExport(); }
});

function status(s) {
  return h('span', { class: `status status-${s}` }, t(`status.${s}`));
}

/** Every event of the report on one time line, newest first. */
function timelineEvents(report) {
  const events = [];
  for (const p of report.prescriptions) {
    events.push({ at: p.issuedAt, title: t('timeline.issued', { by: p.prescriberName ?? p.prescriber }),
      detail: [p.items.map((i) => `${i.name} — ${i.quantity} ${i.unit} (${i.dose})`).join('; '), ' ', status(p.status)], ref: p });
    for (const d of p.dispensings) {
      const item = p.items.find((i) => i.item === d.item);
      events.push({ at: d.at, title: t('timeline.dispensed', { by: d.pharmacyName ?? d.pharmacy }),
        detail: t('timeline.dispensedDetail', { quantity: d.quantity, unit: d.unit, product: d.productName, issue: d.issue, prescribed: item?.name ?? '' }), ref: d });
    }
  }
  for (const s of report.treatments) {
    events.push({ at: s.createdAt, title: t('timeline.treatment', { by: s.issuerName ?? s.issuer }),
      detail: [...s.medications.map((m) => `${m.name} ${m.quantity} ${m.unit}`), ...s.procedureOrders.map((p) => `${p.name} ×${p.count}`)].join('; '), ref: s });
    for (const a of s.administrations) {
      const m = s.medications.find((x) => x.item === a.item);
      events.push({ at: a.at, title: t('timeline.administered', { by: a.author }), detail: `${m?.name ?? ''} — ${a.quantity} ${a.unit}`, ref: a });
    }
    for (const p of s.procedures) {
      const o = s.procedureOrders.find((x) => x.procedure === p.procedure);
      events.push({ at: p.at, title: t('timeline.procedure', { by: p.author }), detail: o ? `${o.name} (${o.code})` : '', ref: p });
    }
  }
  return events.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

async function loadReport() {
  const message = $('#report-message');
  say(message, t('common.loading'));
  try {
    const { treatmentReport } = await gql(REPORT, {}, token);
    const events = timelineEvents(treatmentReport);
    say(message, events.length ? '' : t('patient.empty'));
    show($('#timeline'), events.map((e) => h('li', {},
      h('p', { class: 'when' }, time(e.at)),
      h('p', { class: 'what' }, h('strong', {}, e.title)),
      h('p', { class: 'detail' }, e.detail),
      h('p', { class: 'ref' }, `${e.ref.chain}#${e.ref.seq}`))));
    show($('#graph'), graph(treatmentReport));
  } catch (error) {
    say(message, errorMessage(error), 'error');
  }
}

async function loadReads() {
  try {
    const { whoReadMyRecord } = await gql('{ whoReadMyRecord(first: 100) { id reader readerRole field at } }', {}, token);
    show($('#reads'), whoReadMyRecord.length
      ? table(t('patient.readsCaption'), [t('reads.when'), t('reads.who'), t('reads.role'), t('reads.what')],
        whoReadMyRecord.map((r) => [time(r.at), r.reader, t(`roles.${r.readerRole}`), r.field]))
      : h('p', {}, t('patient.noReads')));
  } catch (error) {
    show($('#reads'), h('p', { class: 'message error' }, errorMessage(error)));
  }
}

function resetExport() {
  if (downloadUrl) URL.revokeObjectURL(downloadUrl);
  downloadUrl = null;
  $('#download-export').hidden = true;
  show($('#verify-result'));
}

$('#build-export').addEventListener('click', async () => {
  const button = $('#build-export');
  const message = $('#export-message');
  button.disabled = true;
  resetExport();
  try {
    const file = await buildPatientExport(subject, token, { onProgress: (id) => say(message, t('patient.fetching', { chain: id })) });
    const text = JSON.stringify(file, null, 2);
    downloadUrl = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const link = $('#download-export');
    link.href = downloadUrl;
    link.download = `${subject.replace(/[^A-Za-z0-9._-]/g, '_')}-export.json`;
    link.hidden = false;
    say(message, t('patient.exportReady'));
    await showVerification(text, t('patient.verifiedBuilt'));
    link.focus();
  } catch (error) {
    say(message, errorMessage(error), 'error');
  } finally {
    button.disabled = false;
  }
});

$('#verify-file').addEventListener('change', async (event) => {
  const [file] = event.target.files;
  if (!file) return;
  await showVerification(await file.text(), t('patient.verifiedFile', { name: file.name }));
});

async function showVerification(text, heading) {
  const box = $('#verify-result');
  show(box, h('p', { role: 'status' }, t('verify.running')));
  const result = await verifyExport(text);
  const verdict = result.ok ? 'ok' : 'failed';
  const summary = result.error
    ? t(`verify.error.${result.error}`)
    : result.ok
      ? t('verify.allOk', { entries: result.counts.entries, chains: result.counts.chains })
      : t('verify.someFailed', { failed: result.counts.failed, entries: result.counts.entries });
  const checkpoint = result.checkpoint
    ? h('p', { class: result.checkpoint.ok ? 'verdict ok' : 'verdict bad' },
      result.checkpoint.ok ? `✔ ${t('verify.checkpointOk', { number: result.checkpoint.number, size: result.checkpoint.size })}` : `✘ ${t('verify.checkpointBad')}`)
    : h('p', { class: 'verdict warn' }, t('verify.noCheckpoint'));
  // Failures first: a patient should not have to scroll to find what is wrong.
  const rows = [...result.entries].sort((a, b) => Number(a.ok) - Number(b.ok)).map((e) => [
    `${e.chain}#${e.seq}`,
    e.ok ? typeName(e.type) : '',
    e.ok
      ? h('span', { class: 'verdict ok' }, `✔ ${t(e.sealed ? 'verify.entryOk' : 'verify.entryOkUnsealed')}`)
      : h('span', { class: 'verdict bad' }, `✘ ${t(`verify.problem.${e.problem}`, e.detail)}`),
  ]);
  show(box,
    h('h3', {}, heading),
    h('p', { class: `verdict big ${result.ok ? 'ok' : 'bad'}`, 'data-testid': 'verify-verdict', 'data-verdict': verdict }, `${result.ok ? '✔' : '✘'} ${summary}`),
    checkpoint,
    result.entries.length ? table(t('verify.caption'), [t('verify.entry'), t('verify.type'), t('verify.result')], rows, { 'data-testid': 'verify-entries' }) : null);
}
