// The treatment report as a graph (SVG): prescriptions and treatment sheets, their items, and
// what was done against each item (dispensings, administrations, procedures). Laid out as a tree,
// one row per leaf, so lines never cross; the timeline above is the text equivalent.
import { svg, t } from './dom.js';

const COL = [8, 256, 504];
const NODE_W = 232;
const NODE_H = 46;
const ROW = 56;

function node(x, y, kind, line1, line2, label) {
  return svg('g', { class: `node node-${kind}`, tabindex: '0', role: 'listitem', 'aria-label': label },
    svg('title', {}, label),
    svg('rect', { x, y, width: NODE_W, height: NODE_H, rx: 6 }),
    svg('text', { x: x + 8, y: y + 19, class: 'l1' }, clip(line1, 30)),
    svg('text', { x: x + 8, y: y + 37, class: 'l2' }, clip(line2, 34)));
}

const clip = (s, n) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const day = (iso) => (iso ? iso.slice(0, 10) : '');

function edge(x1, y1, x2, y2) {
  const a = x1 + NODE_W; const ay = y1 + NODE_H / 2; const by = y2 + NODE_H / 2;
  const mid = (a + x2) / 2;
  return svg('path', { class: 'edge', d: `M${a},${ay} C${mid},${ay} ${mid},${by} ${x2},${by}`, 'aria-hidden': 'true' });
}

/** Documents → items → events, as {doc, items: [{label, children: [...]}]} rows. */
function tree(report) {
  const docs = [];
  for (const p of report.prescriptions) {
    docs.push({
      kind: 'prescription',
      l1: t('graph.prescription', { id: p.chain.replace(/^prescription:/, '') }),
      l2: `${day(p.issuedAt)} · ${t(`status.${p.status}`)}`,
      items: p.items.map((i) => ({
        kind: 'item', l1: i.name, l2: `${i.quantity} ${i.unit} × ${i.repeats + 1} · ${t(`status.${i.status}`)}`,
        children: p.dispensings.filter((d) => d.item === i.item).map((d) => ({
          kind: 'dispensing', l1: t('graph.dispensed', { quantity: d.quantity, unit: d.unit }), l2: `${day(d.at)} · ${d.pharmacyName ?? d.pharmacy}`,
        })),
      })),
    });
  }
  for (const s of report.treatments) {
    docs.push({
      kind: 'treatment',
      l1: t('graph.treatment', { id: s.chain.replace(/^treatment:/, '') }),
      l2: `${day(s.createdAt)} · ${s.issuerName ?? s.issuer}`,
      items: [
        ...s.medications.map((m) => ({
          kind: 'item', l1: m.name, l2: `${m.administered}/${m.quantity} ${m.unit}`,
          children: s.administrations.filter((a) => a.item === m.item).map((a) => ({
            kind: 'administration', l1: t('graph.administered', { quantity: a.quantity, unit: a.unit }), l2: day(a.at),
          })),
        })),
        ...s.procedureOrders.map((o) => ({
          kind: 'item', l1: o.name, l2: `${o.code} · ${o.done}/${o.count}`,
          children: s.procedures.filter((p) => p.procedure === o.procedure).map((p) => ({
            kind: 'procedure', l1: t('graph.procedureDone'), l2: day(p.at),
          })),
        })),
      ],
    });
  }
  return docs;
}

export function graph(report) {
  const docs = tree(report);
  const nodes = [];
  const edges = [];
  let row = 0;
  for (const doc of docs) {
    const docY = row * ROW + 8;
    for (const item of doc.items) {
      const itemY = row * ROW + 8;
      edges.push(edge(COL[0], docY, COL[1], itemY));
      item.children.forEach((child, k) => {
        const y = (row + k) * ROW + 8;
        edges.push(edge(COL[1], itemY, COL[2], y));
        nodes.push(node(COL[2], y, child.kind, child.l1, child.l2, `${t(`graph.kind.${child.kind}`)}: ${child.l1}, ${child.l2}`));
      });
      nodes.push(node(COL[1], itemY, item.kind, item.l1, item.l2, `${t('graph.kind.item')}: ${item.l1}, ${item.l2}`));
      row += Math.max(1, item.children.length);
    }
    if (doc.items.length === 0) row++;
    nodes.push(node(COL[0], docY, doc.kind, doc.l1, doc.l2, `${t(`graph.kind.${doc.kind}`)}: ${doc.l1}, ${doc.l2}`));
    row += 0.4; // a little air between documents
  }
  const height = Math.max(1, Math.ceil(row * ROW + 8));
  const width = COL[2] + NODE_W + 8;
  return svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'list', 'aria-label': t('patient.graph'), 'data-testid': 'report-graph' },
    svg('g', { 'aria-hidden': 'true' }, ...edges), ...nodes);
}
