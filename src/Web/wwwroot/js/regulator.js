// The regulator's dashboard: the ad-hoc aggregate (filters, group-by) as a table and bar charts by
// month, region and ATC class; the live dispensing feed with alerts; the latest checkpoint checked
// for consistency with the one this browser saw before (kept in localStorage).
import { gql } from './graphql.js';
import { subscribe } from './ws.js';
import { barChart } from './charts.js';
import * as checkpoints from './checkpoint.js';
import { applyI18n, pageHeader, $, h, t, show, say, errorMessage, signIn, time, table } from './dom.js';

pageHeader();
applyI18n();

const GROUPS = ['MONTH', 'REGION', 'ATC3', 'ATC1', 'ATC2', 'ATC4', 'ATC5', 'DRUG', 'INSTITUTION', 'PRESCRIBER_INSTITUTION', 'DAY', 'WEEK'];
show($('#group-by'), GROUPS.map((g) => h('label', {},
  h('input', { type: 'checkbox', name: 'group', value: g, checked: g === 'MONTH' }), ' ', t(`regulator.group.${g}`))));

const AGGREGATE = `query($filter: AggregateFilter, $groupBy: [AggregateGroupBy!], $orderBy: AggregateOrder, $descending: Boolean, $first: Int) {
  distributionAggregate(filter: $filter, groupBy: $groupBy, orderBy: $orderBy, descending: $descending, first: $first) { totalGroups rows { keys count quantity patients } } }`;

let token = null;
let feed = null;

signIn('regulator', (newToken) => {
  token = newToken;
  $('#content').hidden = !token;
  feed?.close();
  feed = null;
  if (token) { report(); follow(); }
});

function filter() {
  const f = {};
  const set = (name, id) => { const v = $(id).value.trim(); if (v) f[name] = v; };
  set('from', '#f-from'); set('to', '#f-to'); set('atcPrefix', '#f-atc'); set('drug', '#f-drug'); set('region', '#f-region');
  set('institution', '#f-institution'); set('prescriberInstitution', '#f-prescriber'); set('schedule', '#f-schedule');
  return f;
}

const aggregate = (f, groupBy, orderBy = 'KEYS', descending = false) =>
  gql(AGGREGATE, { filter: f, groupBy, orderBy, descending, first: 1000 }, token).then((d) => d.distributionAggregate);

async function report() {
  const message = $('#report-message');
  const f = filter();
  const groupBy = [...document.querySelectorAll('input[name=group]:checked')].map((i) => i.value);
  const orderBy = $('#order-by').value;
  say(message, t('common.loading'));
  try {
    const [page, byMonth, byRegion, byClass] = await Promise.all([
      aggregate(f, groupBy, orderBy, orderBy !== 'KEYS'),
      aggregate(f, ['MONTH']), aggregate(f, ['REGION']), aggregate(f, ['ATC3'])]);
    say(message, t('regulator.groups', { count: page.totalGroups }));
    const headings = [...groupBy.map((g) => t(`regulator.group.${g}`)), t('regulator.count'), t('regulator.quantity'), t('regulator.patients')];
    show($('#aggregate'),
      table(t('regulator.aggregateCaption'), headings,
        page.rows.map((r) => [...r.keys.map((k) => k ?? '—'), String(r.count), String(r.quantity), String(r.patients)]), { 'data-testid': 'aggregate' }),
      groupBy.length ? barChart(t('regulator.chartOf', { what: groupBy.map((g) => t(`regulator.group.${g}`)).join(' × ') }),
        page.rows.slice(0, 30).map((r) => ({ label: r.keys.map((k) => k ?? '—').join(' · '), count: r.count }))) : null);
    const chart = (title, p) => h('figure', {}, h('figcaption', {}, title),
      barChart(title, p.rows.map((r) => ({ label: r.keys[0] ?? '—', count: r.count }))));
    show($('#charts'),
      chart(t('regulator.byMonth'), byMonth), chart(t('regulator.byRegion'), byRegion), chart(t('regulator.byClass'), byClass));
  } catch (error) {
    say(message, errorMessage(error), 'error');
  }
}

$('#filters').addEventListener('submit', (event) => {
  event.preventDefault();
  report();
  feed?.close();
  follow(); // the live feed takes the same filter (where the feed supports it)
});

function alertsFor(d) {
  const found = [];
  const threshold = Number($('#alert-threshold').value) || Infinity;
  if (d.quantity >= threshold) found.push(t('regulator.alert.quantity', { quantity: d.quantity, unit: d.unit ?? '', threshold }));
  if (d.product?.atc && d.prescribed?.atc && d.product.atc !== d.prescribed.atc) {
    found.push(t('regulator.alert.substitution', { product: d.product.atc, prescribed: d.prescribed.atc }));
  }
  return found;
}

function follow() {
  const f = filter();
  const feedFilter = {};
  if (f.atcPrefix) feedFilter.atcPrefix = f.atcPrefix;
  if (f.drug) feedFilter.drugCode = f.drug;
  if (f.region) feedFilter.region = f.region;
  if (f.institution) feedFilter.institution = f.institution;
  let cursor = null;
  show($('#feed'));
  feed = subscribe({
    token,
    query: `subscription($filter: DispensingFilter, $after: String) { dispensings(filter: $filter, after: $after) {
      chain seq recordedAt cursor replayed dispensing { pharmacy region prescriber quantity unit batch product { atc name } prescribed { atc name } } } }`,
    variables: () => ({ filter: feedFilter, ...(cursor ? { after: cursor } : {}) }),
    onStatus: (s) => { $('#feed-status').textContent = t(`feed.${s}`); $('#feed-status').dataset.status = s; },
    onError: (errors) => say($('#report-message'), errorMessage({ code: errors[0]?.extensions?.code, message: errors[0]?.message }), 'error'),
    onNext: ({ dispensings: e }) => {
      cursor = e.cursor ?? cursor;
      const d = e.dispensing ?? {};
      const item = h('li', { 'data-chain': e.chain, 'data-seq': e.seq },
        time(e.recordedAt), ' ',
        h('strong', {}, `${d.quantity ?? '?'} ${d.unit ?? ''} ${d.product?.name ?? ''}`), ` (${d.product?.atc ?? '—'}) `,
        t('regulator.feedLine', { pharmacy: d.pharmacy ?? '?', region: d.region ?? '—', chain: e.chain }));
      $('#feed').prepend(item);
      while ($('#feed').children.length > 100) $('#feed').lastChild.remove();
      for (const alert of alertsFor(d)) {
        $('#alerts').prepend(h('li', { class: 'alert' }, time(e.recordedAt), ' ', h('strong', {}, alert), ` — ${e.chain}#${e.seq}, ${d.pharmacy}`));
      }
    },
  });
}

async function checkpoint() {
  try {
    const result = await checkpoints.latest();
    show($('#checkpoint'), checkpoints.describe(result));
    if (!result) { $('#consistency').textContent = ''; return; }
    if (!result.signatureOk) { showConsistency('inconsistent', null); return; }
    const { status, saved } = await checkpoints.consistencyWithSaved(result.signed);
    showConsistency(status, saved);
  } catch (error) {
    show($('#consistency'), errorMessage(error));
  }
}

function showConsistency(status, saved) {
  const el = $('#consistency');
  el.dataset.status = status;
  el.className = `verdict ${status === 'inconsistent' ? 'bad' : 'ok'}`;
  el.textContent = status === 'first' ? `✔ ${t('regulator.consistencyFirst')}`
    : status === 'consistent' ? `✔ ${t('regulator.consistencyOk', { number: saved.number, size: saved.size })}`
      : `✘ ${t('regulator.consistencyBad', { number: saved?.number ?? '?' })}`;
}

$('#check-again').addEventListener('click', checkpoint);
checkpoint();
