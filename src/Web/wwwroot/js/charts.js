// Simple horizontal SVG bar charts: one bar per row, labelled, with the value at its end. Each
// chart has a <title> and every bar a text label, so a screen reader reads it as a list of values.
import { svg, t } from './dom.js';

export function barChart(title, rows, { valueFor = (r) => r.count, labelFor = (r) => r.label } = {}) {
  const BAR_H = 22; const GAP = 6; const LABEL_W = 150; const WIDTH = 560; const TOP = 4;
  const max = Math.max(1, ...rows.map(valueFor));
  const height = TOP + rows.length * (BAR_H + GAP) + 4;
  const bars = rows.map((r, i) => {
    const y = TOP + i * (BAR_H + GAP);
    const w = Math.max(1, Math.round((valueFor(r) / max) * (WIDTH - LABEL_W - 60)));
    const label = labelFor(r);
    return svg('g', { role: 'listitem', 'aria-label': `${label}: ${valueFor(r)}` },
      svg('text', { x: LABEL_W - 6, y: y + 15, class: 'bar-label', 'text-anchor': 'end' }, label.length > 22 ? `${label.slice(0, 21)}…` : label),
      svg('rect', { x: LABEL_W, y, width: w, height: BAR_H, class: 'bar', rx: 2 }),
      svg('text', { x: LABEL_W + w + 6, y: y + 15, class: 'bar-value' }, String(valueFor(r))));
  });
  return svg('svg', { viewBox: `0 0 ${WIDTH} ${Math.max(height, 30)}`, class: 'chart', role: 'list', 'aria-label': title },
    svg('title', {}, title),
    rows.length ? bars : svg('text', { x: 8, y: 20 }, t('common.noData')));
}
