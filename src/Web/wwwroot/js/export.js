// Builds a patient's verifiable export (ddl.export.v1, the format `ddl export --patient` writes)
// from the public GraphQL API: the patient's chain, every chain its patient.linked entries name,
// the chains of every institution that wrote to them, the genesis, the latest checkpoint and each
// entry's inclusion proof in it. No server-side export is needed, and none is trusted: the file is
// checked by verify.js, which knows only the protocol.
import { gql } from './graphql.js';

const PAGE = 1000;
const PROOF_PAGE = 200;

async function chainEntries(id, token) {
  const entries = [];
  const authors = new Set();
  for (;;) {
    const data = await gql(
      'query($id: String!, $from: Long!, $first: Int!) { chain(id: $id) { entries(fromSeq: $from, first: $first) { hash author canonical } } }',
      { id, from: entries.length, first: PAGE }, token);
    const page = data.chain.entries;
    for (const e of page) { entries.push({ hash: e.hash, canonical: e.canonical }); authors.add(e.author); }
    if (page.length < PAGE) return { entries, authors };
  }
}

function linkedChains(entries) {
  const linked = [];
  for (const { canonical } of entries) {
    try {
      const s = JSON.parse(canonical).submission;
      if (s?.type === 'patient.linked' && typeof s.body?.chain === 'string') linked.push(s.body.chain);
    } catch { /* a malformed entry is the verifier's to report */ }
  }
  return linked;
}

async function proofs(chain, checkpoint) {
  const out = [];
  while (out.length < chain.entries.length) {
    const first = Math.min(PROOF_PAGE, chain.entries.length - out.length);
    const { entryProofs } = await gql(
      'query($chain: String!, $from: Long!, $first: Int!, $cp: Long!) { entryProofs(chain: $chain, fromSeq: $from, first: $first, checkpoint: $cp) { leafIndex auditPath } }',
      { chain: chain.id, from: out.length, first, cp: checkpoint });
    out.push(...entryProofs);
    if (entryProofs.length < first) break; // the checkpoint covers no more of this chain
  }
  return out;
}

/**
 * The patient's export, as an object ready for JSON.stringify. Entries written in the last seal
 * interval are not in a checkpoint yet: it waits for one that covers everything (up to `waitMs`),
 * then exports what it has; unsealed entries carry no proof and say so when verified.
 */
export async function buildPatientExport(patient, token, { waitMs = 15000, onProgress = () => {} } = {}) {
  const genesis = JSON.parse((await gql('{ ledger { genesis } }')).ledger.genesis);
  const chains = [];
  const fetched = new Set();
  const pending = [patient];
  while (pending.length) {
    const id = pending.shift();
    if (fetched.has(id)) continue;
    fetched.add(id);
    onProgress(id);
    const { entries, authors } = await chainEntries(id, id.startsWith('institution:') ? null : token);
    chains.push({ id, entries });
    for (const a of authors) if (a.startsWith('institution:') && !fetched.has(a)) pending.push(a);
    if (id === patient) for (const l of linkedChains(entries)) if (!fetched.has(l)) pending.push(l);
  }
  // Institutions first (a verifier builds its key directory from them), then by id in ordinal order.
  const rank = (c) => (c.id.startsWith('institution:') ? 0 : 1);
  chains.sort((a, b) => rank(a) - rank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const deadline = Date.now() + waitMs;
  for (;;) {
    const { latestCheckpoint } = await gql('{ latestCheckpoint { json } }');
    if (latestCheckpoint) {
      const checkpoint = JSON.parse(latestCheckpoint.json);
      let unsealed = 0;
      const proven = [];
      for (const chain of chains) {
        const found = await proofs(chain, checkpoint.number);
        unsealed += chain.entries.length - found.length;
        proven.push({
          id: chain.id,
          entries: chain.entries.map((e, i) => (found[i] ? { ...e, leafIndex: found[i].leafIndex, auditPath: found[i].auditPath } : e)),
        });
      }
      if (unsealed === 0 || Date.now() >= deadline) {
        return { format: 'ddl.export.v1', exportedAt: new Date().toISOString(), genesis, chains: proven, checkpoint };
      }
    } else if (Date.now() >= deadline) {
      return { format: 'ddl.export.v1', exportedAt: new Date().toISOString(), genesis, chains };
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
