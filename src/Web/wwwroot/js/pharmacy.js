// The pharmacy desk: look up a prescription, claim it, dispense all or part of an item's issue
// (signed here, in the browser, with the pharmacy's own key), see refusals in plain words, and
// follow the prescriptions it handles live (prescriptionUpdates over graphql-transport-ws).
import { gql } from './graphql.js';
import { subscribe } from './ws.js';
import { loadKeyFile, submission } from './crypto.js';
import { applyI18n, pageHeader, $, h, t, tOr, typeName, show, say, errorMessage, signIn, time, table } from './dom.js';

pageHeader();
applyI18n();

const PRESCRIPTION = `query($id: String!) { prescription(id: $id) {
  id issuer patient validFrom validUntil status claimedBy length
  items { index drug { atc national name } dose quantity unit repeats issuesStarted dispensed remainingOnIssue schedule substitution status notDispensedReason }
  dispensings { seq item issue quantity pharmacy recordedAt } } }`;

let token = null;
let pharmacy = null;
let signing = null;
let feed = null;
let current = null;

signIn('pharmacy', (newToken, claims) => {
  token = newToken;
  pharmacy = claims?.sub ?? null;
  $('#content').hidden = !token;
  feed?.close();
  feed = null;
  if (token) { loadWorklist(); follow(); }
});

$('#key-file').addEventListener('change', async (event) => {
  const [file] = event.target.files;
  if (!file) return;
  try {
    signing = await loadKeyFile(await file.text());
    say($('#key-status'), t('pharmacy.keyLoaded', { id: signing.id }), 'ok');
  } catch (error) {
    signing = null;
    say($('#key-status'), t('pharmacy.keyBad', { reason: error.message }), 'error');
  }
});

$('#lookup').addEventListener('submit', (event) => {
  event.preventDefault();
  let id = $('#rx-id').value.trim();
  if (id && !id.includes(':')) id = `prescription:${id}`;
  open(id);
});

async function open(id, keepMessage = false) {
  if (!keepMessage) say($('#desk-message'), '');
  try {
    const { prescription } = await gql(PRESCRIPTION, { id }, token);
    current = prescription;
    if (!prescription) { show($('#rx'), h('p', {}, t('pharmacy.notFound', { id }))); return; }
    render(prescription);
  } catch (error) {
    current = null;
    show($('#rx'));
    say($('#desk-message'), errorMessage(error), 'error');
  }
}

/** The issue a dispense of this item goes to: the open one, else the next (issues count from 1). */
function issueOf(rx, item) {
  if (item.issuesStarted === 0) return 1;
  const inLast = rx.dispensings.filter((d) => d.item === item.index && d.issue === item.issuesStarted).reduce((n, d) => n + d.quantity, 0);
  return inLast < item.quantity ? item.issuesStarted : item.issuesStarted + 1;
}

function render(rx) {
  const mine = rx.claimedBy === pharmacy;
  const items = rx.items.map((item) => {
    const open = ['active', 'partly_dispensed', 'with_dispenser'].includes(item.status) && item.remainingOnIssue > 0;
    const qtyId = `qty-${item.index}`;
    const batchId = `batch-${item.index}`;
    return h('li', { class: 'item', 'data-item': item.index },
      h('h4', {}, `${item.index + 1}. ${item.drug.name}`, item.schedule ? h('span', { class: 'badge' }, t('pharmacy.controlled', { schedule: item.schedule })) : null),
      h('dl', { class: 'facts' },
        h('dt', {}, t('pharmacy.atc')), h('dd', {}, item.drug.atc ?? '—'),
        h('dt', {}, t('pharmacy.dose')), h('dd', {}, item.dose),
        h('dt', {}, t('pharmacy.perIssue')), h('dd', {}, `${item.quantity} ${item.unit}`),
        h('dt', {}, t('pharmacy.issues')), h('dd', {}, t('pharmacy.issuesValue', { started: item.issuesStarted, allowed: item.repeats + 1 })),
        h('dt', {}, t('pharmacy.remaining')), h('dd', { 'data-testid': `remaining-${item.index}` }, `${item.remainingOnIssue} ${item.unit}`),
        h('dt', {}, t('pharmacy.status')), h('dd', {}, tOr(`status.${item.status}`, item.status))),
      open ? h('form', { class: 'dispense inline', 'data-item': item.index, onsubmit: (e) => { e.preventDefault(); dispense(rx, item, Number($(`#${qtyId}`).value), $(`#${batchId}`).value.trim()); } },
        h('label', { for: qtyId }, t('pharmacy.quantity', { unit: item.unit })),
        h('input', { id: qtyId, type: 'number', min: '1', step: '1', value: String(item.remainingOnIssue), required: true, inputmode: 'numeric' }),
        h('label', { for: batchId }, t('pharmacy.batch')),
        h('input', { id: batchId, autocomplete: 'off' }),
        h('button', { type: 'submit' }, t('pharmacy.dispense')),
        h('button', { type: 'button', class: 'secondary', onclick: () => dispense(rx, item, item.remainingOnIssue, $(`#${batchId}`).value.trim()) },
          t('pharmacy.dispenseAll', { quantity: item.remainingOnIssue, unit: item.unit })))
        : null);
  });
  show($('#rx'),
    h('article', { class: 'card rx', 'aria-labelledby': 'rx-title' },
      h('h3', { id: 'rx-title' }, rx.id, ' ', h('span', { class: `status status-${rx.status}`, 'data-testid': 'rx-status' }, tOr(`status.${rx.status}`, rx.status))),
      h('dl', { class: 'facts' },
        h('dt', {}, t('pharmacy.patient')), h('dd', {}, rx.patient),
        h('dt', {}, t('pharmacy.issuer')), h('dd', {}, rx.issuer),
        h('dt', {}, t('pharmacy.valid')), h('dd', {}, time(rx.validFrom), ' – ', time(rx.validUntil)),
        h('dt', {}, t('pharmacy.claimedBy')), h('dd', {}, rx.claimedBy ? (mine ? t('pharmacy.claimedByYou') : rx.claimedBy) : t('pharmacy.unclaimed'))),
      mine ? null : h('button', { type: 'button', id: 'claim', onclick: () => claim(rx) }, t('pharmacy.claim')),
      h('ol', { class: 'items' }, items),
      rx.dispensings.length
        ? table(t('pharmacy.dispensings'), [t('pharmacy.item'), t('pharmacy.issue'), t('pharmacy.quantityShort'), t('pharmacy.by'), t('pharmacy.when')],
          rx.dispensings.map((d) => [String(d.item + 1), String(d.issue), String(d.quantity), d.pharmacy, time(d.recordedAt)]))
        : null));
}

async function write(mutation, rx, type, body, done) {
  const message = $('#desk-message');
  if (!signing) { say(message, t('pharmacy.needKey'), 'error'); $('#key-file').focus(); return; }
  try {
    const input = await submission(signing, pharmacy, rx.id, type, body);
    const data = await gql(`mutation($input: SignedSubmissionInput!) { ${mutation}(input: $input) { chain seq hash recordedAt } }`, { input }, token);
    say(message, done(data[mutation]), 'ok');
    message.dataset.code = '';
  } catch (error) {
    // Refusals are the ledger's rules speaking: show the reason in plain words, keep the code.
    say(message, errorMessage(error), 'error');
    message.dataset.code = error.code ?? '';
  }
  await open(rx.id, true);
  loadWorklist();
}

function claim(rx) {
  return write('claimPrescription', rx, 'prescription.claimed', {}, (r) => t('pharmacy.claimed', { seq: r.seq }));
}

function dispense(rx, item, quantity, batch) {
  if (!Number.isSafeInteger(quantity) || quantity < 1) { say($('#desk-message'), t('pharmacy.badQuantity'), 'error'); return undefined; }
  const product = { name: item.drug.name };
  if (item.drug.atc) product.atc = item.drug.atc;
  if (item.drug.national) product.national = item.drug.national;
  const body = { item: item.index, issue: issueOf(rx, item), quantity, unit: item.unit, product };
  if (batch) body.batch = batch;
  return write('dispense', rx, 'prescription.dispensed', body,
    (r) => t('pharmacy.dispensed', { quantity, unit: item.unit, name: item.drug.name, seq: r.seq }));
}

async function loadWorklist() {
  try {
    const { pharmacyWorklist } = await gql('{ pharmacyWorklist(first: 100) { chain patient validUntil item name unit schedule status issue remaining } }', {}, token);
    show($('#worklist'), pharmacyWorklist.length
      ? table(t('pharmacy.worklistCaption'), [t('pharmacy.prescription'), t('pharmacy.drug'), t('pharmacy.remaining'), t('pharmacy.validUntil'), ''],
        pharmacyWorklist.map((w) => [w.chain, w.name, `${w.remaining} ${w.unit}`, time(w.validUntil),
          h('button', { type: 'button', class: 'secondary', onclick: () => { $('#rx-id').value = w.chain; open(w.chain); } }, t('pharmacy.open'))]))
      : h('p', {}, t('pharmacy.worklistEmpty')));
  } catch (error) {
    show($('#worklist'), h('p', { class: 'message error' }, errorMessage(error)));
  }
}

function follow() {
  let cursor = null;
  feed = subscribe({
    token,
    query: 'subscription($after: String) { prescriptionUpdates(after: $after) { chain seq type author recordedAt cursor replayed dispensing { quantity unit product { name } } } }',
    variables: () => (cursor ? { after: cursor } : {}),
    onStatus: (s) => { $('#feed-status').textContent = t(`feed.${s}`); $('#feed-status').dataset.status = s; },
    onError: (errors) => say($('#desk-message'), errorMessage({ code: errors[0]?.extensions?.code, message: errors[0]?.message }), 'error'),
    onNext: ({ prescriptionUpdates: e }) => {
      cursor = e.cursor ?? cursor;
      const what = e.dispensing
        ? t('feed.dispensing', { quantity: e.dispensing.quantity, unit: e.dispensing.unit, name: e.dispensing.product?.name ?? '' })
        : typeName(e.type);
      $('#feed').prepend(h('li', { 'data-chain': e.chain, 'data-type': e.type },
        time(e.recordedAt), ' ', h('strong', {}, e.chain), ` #${e.seq}: ${what}`, e.author === pharmacy ? ` (${t('feed.byYou')})` : ` (${e.author})`));
      while ($('#feed').children.length > 50) $('#feed').lastChild.remove();
      // The prescription on the desk changed under us (another pharmacy, the prescriber, expiry): refresh it.
      if (current && e.chain === current.id) open(current.id, true);
    },
  });
}
