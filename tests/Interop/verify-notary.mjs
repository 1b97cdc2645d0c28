// An independent verifier of the notary's proofs in DDL exports and proof bundles, written from
// PROTOCOL.md section 5 and RFC 9162 section 2.1 alone (nothing shared with the C# code): the
// checkpoint's Ed25519 signature with the genesis's notary key, each entry's leaf
// SHA-256(0x00 || JCS({"chain","hash","seq"})) and its audit path to the checkpoint's root, and,
// given a checkpoint saved earlier, the consistency proof from it.
// Usage: node verify-notary.mjs <export.json | bundle.json> [saved-checkpoint.json]
// Exit 0 when everything holds; otherwise prints each failure and exits 1.
import { readFileSync } from 'node:fs';
import { createHash, createPublicKey, verify } from 'node:crypto';

// RFC 8785 for the ledger's documents (objects, arrays, strings, booleans, null, safe integers).
function jcs(value) {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) throw new Error(`non-integer number ${value}`);
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(jcs).join(',')}]`;
  return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${jcs(value[k])}`).join(',')}}`;
}

const sha256 = (...parts) => { const h = createHash('sha256'); for (const p of parts) h.update(p); return h.digest(); };
const leafHash = (chain, hash, seq) => sha256(Buffer.from([0]), Buffer.from(jcs({ chain, hash, seq }), 'utf8'));
const nodeHash = (l, r) => sha256(Buffer.from([1]), l, r);
const hex = (h) => (/^[0-9a-f]{64}$/.test(h) ? Buffer.from(h, 'hex') : null);

// RFC 9162 2.1.3.2.
function inclusionHolds(index, size, leaf, path, root) {
  let fn = BigInt(index); let sn = BigInt(size) - 1n; let r = leaf;
  if (fn > sn) return false;
  for (const p of path) {
    if (p === null || sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(p, r);
      while ((fn & 1n) === 0n && fn !== 0n) { fn >>= 1n; sn >>= 1n; }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1n; sn >>= 1n;
  }
  return sn === 0n && r.equals(root);
}

// RFC 9162 2.1.4.2.
function consistencyHolds(size1, size2, root1, root2, proof) {
  let [m, n] = [BigInt(size1), BigInt(size2)];
  if (m > n) return false;
  if (m === n) return proof.length === 0 && root1.equals(root2);
  if (m === 0n) return proof.length === 0;
  if (proof.length === 0 || proof.some((p) => p === null)) return false;
  const path = (m & (m - 1n)) === 0n ? [root1, ...proof] : [...proof];
  let fn = m - 1n; let sn = n - 1n;
  while ((fn & 1n) === 1n) { fn >>= 1n; sn >>= 1n; }
  let fr = path[0]; let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0n) return false;
    if ((fn & 1n) === 1n || fn === sn) {
      fr = nodeHash(c, fr); sr = nodeHash(c, sr);
      while ((fn & 1n) === 0n && fn !== 0n) { fn >>= 1n; sn >>= 1n; }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1n; sn >>= 1n;
  }
  return fr.equals(root1) && sr.equals(root2) && sn === 0n;
}

let failures = 0;
const fail = (where, why) => { console.error(`FAIL ${where} ${why}`); failures++; };

const file = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const { genesis } = file;
const notaryKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: genesis.notary.pub }, format: 'jwk' });

function checkpointHolds(signed, label) {
  const { sig, ...checkpoint } = signed;
  const ok = checkpoint.v === 1 && checkpoint.ledger === genesis.ledger && checkpoint.key === genesis.notary.id
    && verify(null, Buffer.from(`ddl.v1.checkpoint\n${jcs(checkpoint)}`, 'utf8'), notaryKey, Buffer.from(sig, 'base64url'));
  if (!ok) fail(`${label}#${checkpoint.number}`, 'signature does not verify with the notary key');
  return ok;
}

const checkpoint = file.checkpoint;
if (!checkpoint) {
  fail('file', 'carries no checkpoint');
} else if (checkpointHolds(checkpoint, 'checkpoint')) {
  const root = hex(checkpoint.root);
  const entries = file.format === 'ddl.proof.v1'
    ? [{ chain: file.entry.chain, seq: file.entry.seq, ...file.entry, leafIndex: file.leafIndex, auditPath: file.auditPath }]
    : file.chains.flatMap((c) => c.entries.map((e, seq) => ({ chain: c.id, seq, ...e })));
  for (const e of entries) {
    const hash = e.canonical === undefined ? e.hash : sha256(Buffer.from(`ddl.v1.entry\n${e.canonical}`, 'utf8')).toString('hex');
    if (e.leafIndex === undefined) { fail(`${e.chain}#${e.seq}`, 'has no inclusion proof'); continue; }
    if (!inclusionHolds(e.leafIndex, checkpoint.size, leafHash(e.chain, hash, e.seq), e.auditPath.map(hex), root)) {
      fail(`${e.chain}#${e.seq}`, `is not leaf ${e.leafIndex} of checkpoint ${checkpoint.number}`);
    }
  }

  if (process.argv[3]) {
    const savedFile = JSON.parse(readFileSync(process.argv[3], 'utf8'));
    const saved = savedFile.format ? savedFile.checkpoint : savedFile;
    if (checkpointHolds(saved, 'saved-checkpoint')) {
      const item = (file.consistency ?? []).find((c) => c.fromSize === saved.size);
      const proof = saved.size === checkpoint.size ? [] : item?.proof.map(hex);
      if (!proof || !consistencyHolds(saved.size, checkpoint.size, hex(saved.root), root, proof)) {
        fail(`saved-checkpoint#${saved.number}`, `is not extended by checkpoint ${checkpoint.number}`);
      }
    }
  }
}

if (failures > 0) process.exit(1);
console.log(`OK checkpoint ${checkpoint.number} (size ${checkpoint.size}) signed by the notary; every entry's proof holds`);
