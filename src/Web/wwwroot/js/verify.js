// Verifies a DDL export (ddl.export.v1) in the browser, with WebCrypto only: the same checks as
// `ddl verify` and tests/Interop/verify-export.mjs + verify-notary.mjs, written from PROTOCOL.md.
// Every entry is judged on its own (hash, link, signature, inclusion), so one changed byte is
// reported at the entry it touches and the rest still show what holds.
import { jcs, bytes, toHex, fromHex, sha256 } from './jcs.js';
import { verifies, checkpointHolds, leafHash, inclusionHolds } from './crypto.js';

const ZERO = '0'.repeat(64);

/** Key validity windows per institution (PROTOCOL.md section 6), from the institution chains. */
function keyWindows(chains) {
  const windows = new Map(); // "author|keyId" -> {pub, from, until}
  for (const chain of chains.filter((c) => typeof c.id === 'string' && c.id.startsWith('institution:'))) {
    for (const { canonical } of chain.entries ?? []) {
      let entry;
      try { entry = JSON.parse(canonical); } catch { continue; } // reported when the entry itself is checked
      const { type, body } = entry.submission ?? {};
      const at = entry.recordedAt;
      const keys = type === 'institution.registered' ? body?.keys ?? [] : type === 'institution.key.added' ? [body?.key] : [];
      for (const k of keys) if (k) windows.set(`${chain.id}|${k.id}`, { pub: k.pub, from: at, until: null });
      if (type === 'institution.key.revoked') {
        const w = windows.get(`${chain.id}|${body?.id}`);
        if (w) w.until = at;
      }
    }
  }
  return windows;
}

function keyFinder(genesis, windows) {
  return (author, keyId, at) => {
    if (author === 'ledger') return genesis.system?.id === keyId ? genesis.system.pub : null;
    if (typeof author === 'string' && author.startsWith('authority:')) {
      const a = (genesis.authorities ?? []).find((x) => x.id === author);
      return a && a.key.id === keyId ? a.key.pub : null;
    }
    const w = windows.get(`${author}|${keyId}`);
    // Times are fixed-width RFC 3339 UTC, so string order is time order.
    return w && w.from <= at && (w.until === null || at < w.until) ? w.pub : null;
  };
}

/**
 * Verifies an export given as text. Returns
 * {ok, error?, ledger, checkpoint: {ok, number, size} | null, entries: [{chain, seq, ok, problem?}], counts}.
 * `problem` is an i18n key under "verify.problem." (with `detail` for the message's blanks).
 */
export async function verifyExport(text) {
  let file;
  try { file = JSON.parse(text); } catch { return { ok: false, error: 'notJson', entries: [], checkpoint: null }; }
  if (file?.format !== 'ddl.export.v1' || !Array.isArray(file.chains) || typeof file.genesis !== 'object') {
    return { ok: false, error: 'notExport', entries: [], checkpoint: null };
  }
  const { genesis } = file;
  const keyFor = keyFinder(genesis, keyWindows(file.chains));

  // The checkpoint first: inclusion proofs mean something only under a root the notary signed.
  let checkpoint = null;
  let root = null;
  if (file.checkpoint) {
    const ok = await checkpointHolds(file.checkpoint, genesis);
    checkpoint = { ok, number: file.checkpoint.number, size: file.checkpoint.size, sealedAt: file.checkpoint.sealedAt };
    if (ok) root = fromHex(file.checkpoint.root);
  }

  const entries = [];
  for (const chain of file.chains) {
    let prev = ZERO;
    const list = Array.isArray(chain.entries) ? chain.entries : [];
    for (let seq = 0; seq < list.length; seq++) {
      const result = await checkEntry(chain.id, seq, list[seq], prev, keyFor, checkpoint, root);
      entries.push(result);
      // The next entry must link to the hash this one claims, whatever became of this one.
      prev = list[seq]?.hash;
    }
  }

  const failed = entries.filter((e) => !e.ok).length;
  return {
    ok: failed === 0 && entries.length > 0 && (checkpoint === null || checkpoint.ok),
    ledger: genesis.ledger,
    checkpoint,
    entries,
    counts: { entries: entries.length, failed, chains: file.chains.length },
  };
}

async function checkEntry(chainId, seq, item, prev, keyFor, checkpoint, root) {
  const fail = (problem, detail = {}) => ({ chain: chainId, seq, ok: false, problem, detail });
  const { hash, canonical } = item ?? {};
  let entry;
  try { entry = JSON.parse(canonical); } catch { return fail('notJson'); }
  try {
    if (jcs(entry) !== canonical) return fail('notCanonical');
  } catch { return fail('notCanonical'); }
  if (toHex(await sha256(bytes(`ddl.v1.entry\n${canonical}`))) !== hash) return fail('hash');
  if (entry.v !== 1 || entry.chain !== chainId || entry.seq !== seq) return fail('position');
  if (entry.prev !== prev) return fail('link');
  const s = entry.submission ?? {};
  if (s.chain !== chainId) return fail('otherChain');
  const pub = keyFor(s.author, s.key, entry.recordedAt);
  if (!pub) return fail('noKey', { key: s.key, author: s.author, at: entry.recordedAt });
  if (!(await verifies(pub, 'ddl.v1.submission', s, entry.sig))) return fail('signature');
  if (checkpoint) {
    if (!checkpoint.ok) return fail('checkpoint');
    if (item.leafIndex === undefined) return { chain: chainId, seq, ok: true, type: s.type, recordedAt: entry.recordedAt, sealed: false };
    const path = Array.isArray(item.auditPath) ? item.auditPath.map(fromHex) : [null];
    if (!(await inclusionHolds(item.leafIndex, checkpoint.size, await leafHash(chainId, hash, seq), path, root))) {
      return fail('inclusion', { leaf: item.leafIndex, number: checkpoint.number });
    }
  }
  return { chain: chainId, seq, ok: true, type: s.type, recordedAt: entry.recordedAt, sealed: checkpoint !== null };
}
