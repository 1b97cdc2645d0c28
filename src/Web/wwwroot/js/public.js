// The public page: the published statistics (suppressed cells marked) and the latest checkpoint,
// checked in the browser and followed live over the anonymous checkpoints feed.
import { gql } from './graphql.js';
import { subscribe } from './ws.js';
import { applyI18n, pageHeader, $, h, t, show, say, errorMessage, table } from './dom.js';
import * as checkpoints from './checkpoint.js';
import { checkpointHolds } from './crypto.js';

pageHeader();
applyI18n();

const month = (d) => d.toISOString().slice(0, 7);
const now = new Date();
$('#to-month').value = month(now);
$('#from-month').value = month(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1)));

function cell(c) {
  if (!c) return '0';
  return c.suppressed
    ? h('span', { class: 'suppressed', title: t('stats.suppressedWhy') }, t('stats.suppressed'))
    : String(c.count);
}

function monthTable(m) {
  const classes = [...new Set(m.cells.map((c) => c.atcClass))].sort();
  const regions = [...new Set(m.cells.map((c) => c.region))].sort();
  const at = (cls, region) => m.cells.find((c) => c.atcClass === cls && c.region === region);
  const rows = classes.map((cls) => [
    h('span', {}, cls), ...regions.map((r) => cell(at(cls, r))), cell(m.classTotals.find((c) => c.atcClass === cls)),
  ]);
  rows.push([h('strong', {}, t('stats.total')), ...regions.map((r) => cell(m.regionTotals.find((c) => c.region === r))),
    m.total === null ? cell({ suppressed: true }) : String(m.total)]);
  return table(t('stats.caption', { month: m.month }), [t('stats.atcClass'), ...regions, t('stats.total')], rows, { class: 'stats' });
}

async function loadStatistics() {
  const message = $('#stats-message');
  say(message, t('common.loading'));
  try {
    const { publicStatistics } = await gql(
      'query($from: String!, $to: String!) { publicStatistics(fromMonth: $from, toMonth: $to) { month total cells { atcClass region count suppressed } classTotals { atcClass count suppressed } regionTotals { region count suppressed } } }',
      { from: $('#from-month').value, to: $('#to-month').value });
    const months = publicStatistics.filter((m) => m.cells.length > 0);
    say(message, months.length ? '' : t('stats.empty'));
    show($('#stats'), months.reverse().map(monthTable));
  } catch (error) {
    say(message, errorMessage(error), 'error');
  }
}

$('#stats-form').addEventListener('submit', (event) => { event.preventDefault(); loadStatistics(); });

async function loadCheckpoint() {
  try {
    show($('#checkpoint'), checkpoints.describe(await checkpoints.latest()));
  } catch (error) {
    show($('#checkpoint'), h('p', { class: 'message error' }, errorMessage(error)));
  }
}

await Promise.all([loadStatistics(), loadCheckpoint()]);

// New checkpoints as the notary seals them; each is checked before it is shown.
let last = null;
subscribe({
  query: 'subscription($after: Long) { checkpoints(after: $after) { json } }',
  variables: () => (last === null ? {} : { after: last }),
  onNext: async (data) => {
    const signed = JSON.parse(data.checkpoints.json);
    last = signed.number;
    const { genesis, changed } = await checkpoints.genesis();
    show($('#checkpoint'), checkpoints.describe({ signed, signatureOk: !changed && (await checkpointHolds(signed, genesis)), genesisChanged: changed }));
  },
});
