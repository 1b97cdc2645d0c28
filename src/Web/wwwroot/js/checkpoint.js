// The latest checkpoint, checked in the browser: the notary's signature under the genesis's notary
// key, and (regulator page) RFC 9162 consistency with the checkpoint this browser saw before.
import { gql } from './graphql.js';
import { checkpointHolds, consistencyHolds, fromHex } from './crypto.js';
import { h, t, time } from './dom.js';

const GENESIS_KEY = 'ddl.genesis';
const SAVED_KEY = 'ddl.checkpoint.saved';

/**
 * The ledger's genesis. The first one this browser sees is kept (trust on first use), so a server
 * that later swaps in other roots of trust is noticed: `changed` is true then, and the pinned one is used.
 */
export async function genesis() {
  const text = (await gql('{ ledger { genesis } }')).ledger.genesis;
  const served = JSON.parse(text);
  const pinned = localStorage.getItem(GENESIS_KEY);
  if (!pinned) {
    localStorage.setItem(GENESIS_KEY, text);
    return { genesis: served, changed: false };
  }
  return { genesis: JSON.parse(pinned), changed: pinned !== text };
}

/** The latest checkpoint (members + sig) and whether its signature holds; null before the first seal. */
export async function latest() {
  const data = await gql('{ latestCheckpoint { json } }');
  if (!data.latestCheckpoint) return null;
  const { genesis: g, changed } = await genesis();
  const signed = JSON.parse(data.latestCheckpoint.json);
  return { signed, signatureOk: !changed && (await checkpointHolds(signed, g)), genesisChanged: changed };
}

/**
 * Compares `signed` (already signature-checked) with the checkpoint saved in localStorage: the
 * consistency proof from its size must lead from its root to the new root. Saves the new one
 * when it holds. Returns {status: 'first' | 'consistent' | 'inconsistent', saved}.
 */
export async function consistencyWithSaved(signed) {
  const savedText = localStorage.getItem(SAVED_KEY);
  const saved = savedText ? JSON.parse(savedText) : null;
  if (!saved || saved.ledger !== signed.ledger) {
    localStorage.setItem(SAVED_KEY, JSON.stringify(signed));
    return { status: 'first', saved: null };
  }
  let holds;
  if (saved.size > signed.size) {
    holds = false; // the log shrank: it was rolled back or rewritten
  } else if (saved.size === signed.size) {
    holds = saved.root === signed.root;
  } else {
    const { consistencyProof } = await gql(
      'query($from: Long!, $to: Long!) { consistencyProof(fromSize: $from, toNumber: $to) { proof } }',
      { from: saved.size, to: signed.number });
    holds = await consistencyHolds(saved.size, signed.size, fromHex(saved.root), fromHex(signed.root), consistencyProof.proof.map(fromHex));
  }
  // An inconsistent checkpoint is never saved: the old one stays as the evidence to compare with.
  if (holds) localStorage.setItem(SAVED_KEY, JSON.stringify(signed));
  return { status: holds ? 'consistent' : 'inconsistent', saved };
}

/** A description list of a checkpoint with its signature verdict. */
export function describe(result) {
  if (!result) return h('p', {}, t('checkpoint.none'));
  const { signed, signatureOk, genesisChanged } = result;
  return h('div', {},
    h('dl', { class: 'facts' },
      h('dt', {}, t('checkpoint.number')), h('dd', { 'data-testid': 'checkpoint-number' }, String(signed.number)),
      h('dt', {}, t('checkpoint.size')), h('dd', {}, String(signed.size)),
      h('dt', {}, t('checkpoint.sealedAt')), h('dd', {}, time(signed.sealedAt)),
      h('dt', {}, t('checkpoint.root')), h('dd', { class: 'hash' }, signed.root),
      h('dt', {}, t('checkpoint.ledger')), h('dd', {}, signed.ledger)),
    h('p', { class: signatureOk ? 'verdict ok' : 'verdict bad', 'data-testid': 'checkpoint-signature' },
      signatureOk ? `✔ ${t('checkpoint.signatureOk')}` : `✘ ${t(genesisChanged ? 'checkpoint.genesisChanged' : 'checkpoint.signatureBad')}`));
}
