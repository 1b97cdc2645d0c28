// An independent verifier of DDL exports, written from PROTOCOL.md alone (nothing shared with the
// C# code): canonical JSON, tagged SHA-256 entry hashes, hash links, Ed25519 signatures with the
// key each author held at recordedAt. Usage: node verify-export.mjs export.json
// Exit 0 when everything holds; otherwise prints the first failure of each chain and exits 1.
import { readFileSync } from 'node:fs';
import { createHash, createPublicKey, verify } from 'node:crypto';

const ZERO = '0'.repeat(64);

// RFC 8785 for the ledger's documents (objects, arrays, strings, booleans, null, safe integers):
// ECMAScript's JSON.stringify escapes strings as JCS requires, and sort() compares UTF-16 code units.
function jcs(value) {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) throw new Error(`non-integer number ${value}`);
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(jcs).join(',')}]`;
  return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${jcs(value[k])}`).join(',')}}`;
}

const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest('hex');
const publicKey = (pub) => createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: pub }, format: 'jwk' });
const verifies = (pub, tag, doc, sig) =>
  verify(null, Buffer.from(`${tag}\n${jcs(doc)}`, 'utf8'), publicKey(pub), Buffer.from(sig, 'base64url'));

const exported = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const genesis = exported.genesis;

// Key validity windows per institution, from the institution chains (PROTOCOL.md section 6).
const windows = new Map(); // "author|keyId" -> {pub, from, until}
for (const chain of exported.chains.filter((c) => c.id.startsWith('institution:'))) {
  for (const { canonical } of chain.entries) {
    const entry = JSON.parse(canonical);
    const { type, body } = entry.submission;
    const at = entry.recordedAt;
    const keys = type === 'institution.registered' ? body.keys : type === 'institution.key.added' ? [body.key] : [];
    for (const k of keys) windows.set(`${chain.id}|${k.id}`, { pub: k.pub, from: at, until: null });
    if (type === 'institution.key.revoked') {
      const w = windows.get(`${chain.id}|${body.id}`);
      if (w) w.until = at;
    }
  }
}

function keyFor(author, keyId, at) {
  if (author === 'ledger') return genesis.system.id === keyId ? genesis.system.pub : null;
  if (author.startsWith('authority:')) {
    const a = genesis.authorities.find((x) => x.id === author);
    return a && a.key.id === keyId ? a.key.pub : null;
  }
  const w = windows.get(`${author}|${keyId}`);
  // Times are fixed-width RFC 3339 UTC, so string order is time order.
  return w && w.from <= at && (w.until === null || at < w.until) ? w.pub : null;
}

let failures = 0;
let count = 0;
for (const chain of exported.chains) {
  let prev = ZERO;
  for (let seq = 0; seq < chain.entries.length; seq++) {
    const { hash, canonical } = chain.entries[seq];
    const fail = (why) => { console.error(`FAIL ${chain.id}#${seq} ${why}`); failures++; };
    let entry;
    try { entry = JSON.parse(canonical); } catch { fail('not JSON'); break; }
    if (jcs(entry) !== canonical) { fail('not in canonical form'); break; }
    if (sha256(`ddl.v1.entry\n${canonical}`) !== hash) { fail('hash does not match the entry'); break; }
    if (entry.v !== 1 || entry.chain !== chain.id || entry.seq !== seq) { fail('wrong version, chain or seq'); break; }
    if (entry.prev !== prev) { fail('prev does not link to the entry before'); break; }
    const s = entry.submission;
    if (s.chain !== chain.id) { fail('submission is for another chain'); break; }
    const pub = keyFor(s.author, s.key, entry.recordedAt);
    if (!pub) { fail(`no valid key ${s.key} for ${s.author} at ${entry.recordedAt}`); break; }
    if (!verifies(pub, 'ddl.v1.submission', s, entry.sig)) { fail('signature does not verify'); break; }
    prev = hash;
    count++;
  }
}

if (failures > 0) process.exit(1);
console.log(`OK ${exported.chains.length} chains, ${count} entries`);
