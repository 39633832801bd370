// Plots drawn as SVG with DOM calls: a horizontal bar chart for rankings and a line chart for
// monthly trends. Labels go in as text nodes, never as markup.

import { s } from './core.js';
import { formatNumber } from './i18n.js';

/** Rounds a maximum up to 1, 2 or 5 times a power of ten, so the axis reads well. */
function niceMax(value) {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) {
    if (value <= step * power) return step * power;
  }
  return 10 * power;
}

function shorten(text, max) {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + '…';
}

/**
 * Bars for rows [{label, value, href?, code?}], longest first as given. Each bar is a link when
 * href is given, and carries data-code so the page (and its tests) can find it.
 */
export function barChart(rows, options = {}) {
  const rowHeight = 26;
  const labelWidth = options.labelWidth ?? 170;
  const valueWidth = 64;
  const width = options.width ?? 680;
  const plot = width - labelWidth - valueWidth;
  const height = Math.max(1, rows.length) * rowHeight + 8;
  const max = niceMax(Math.max(0, ...rows.map((r) => r.value || 0)));

  const bars = rows.map((row, i) => {
    const y = 4 + i * rowHeight;
    const length = Math.max(0, (row.value || 0) / max) * plot;
    const parts = [
      s('title', {}, `${row.label}: ${formatNumber(row.value)}`),
      s('text', { x: labelWidth - 8, y: y + rowHeight / 2, class: 'label', 'text-anchor': 'end', 'dominant-baseline': 'middle' }, shorten(row.label, 12)),
      s('rect', { x: labelWidth, y: y + 4, width: length.toFixed(1), height: rowHeight - 8, rx: 3, class: 'bar' }),
      s('text', { x: labelWidth + length + 6, y: y + rowHeight / 2, class: 'value', 'dominant-baseline': 'middle' }, formatNumber(row.value)),
    ];
    const group = row.href ? s('a', { href: row.href }, parts) : s('g', {}, parts);
    if (row.code) group.dataset.code = row.code;
    return group;
  });

  return s('svg', {
    class: 'chart bars',
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: 'img',
    'aria-label': options.title || '',
  }, s('line', { x1: labelWidth, x2: labelWidth, y1: 0, y2: height, class: 'axis' }), bars);
}

/**
 * Lines for series [{name, cls, values: number[]}] over the x labels given (e.g. 12 months),
 * with a y axis from zero, gridlines and a legend.
 */
export function lineChart(labels, series, options = {}) {
  const width = options.width ?? 680;
  const height = options.height ?? 240;
  const m = { top: 16, right: 16, bottom: 44, left: 44 };
  const plotW = width - m.left - m.right;
  const plotH = height - m.top - m.bottom;
  const max = niceMax(Math.max(0, ...series.flatMap((x) => x.values)));
  const x = (i) => m.left + (labels.length <= 1 ? plotW / 2 : (i * plotW) / (labels.length - 1));
  const y = (v) => m.top + plotH - (v / max) * plotH;

  const grid = [0, 0.25, 0.5, 0.75, 1].map((f) => {
    const value = max * f;
    return s('g', {},
      s('line', { x1: m.left, x2: width - m.right, y1: y(value), y2: y(value), class: f === 0 ? 'axis' : 'grid' }),
      s('text', { x: m.left - 6, y: y(value), class: 'tick', 'text-anchor': 'end', 'dominant-baseline': 'middle' }, formatNumber(value)));
  });
  const ticks = labels.map((label, i) =>
    s('text', { x: x(i), y: height - m.bottom + 16, class: 'tick', 'text-anchor': 'middle' }, label));
  const lines = series.map((one) => s('g', { class: `series ${one.cls}` },
    s('polyline', { points: one.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' '), fill: 'none' }),
    one.values.map((v, i) => s('circle', { cx: x(i).toFixed(1), cy: y(v).toFixed(1), r: 3 },
      s('title', {}, `${one.name} ${labels[i]}: ${formatNumber(v)}`)))));
  const legend = series.map((one, i) => s('g', { class: `series ${one.cls}`, transform: `translate(${m.left + i * 140},${height - 12})` },
    s('line', { x1: 0, x2: 18, y1: 0, y2: 0 }),
    s('text', { x: 24, y: 0, class: 'legend', 'dominant-baseline': 'middle' }, one.name)));

  return s('svg', {
    class: 'chart lines',
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: 'img',
    'aria-label': options.title || '',
  }, grid, ticks, lines, legend);
}
