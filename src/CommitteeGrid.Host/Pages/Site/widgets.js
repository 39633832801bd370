// Views shared by the unit and member pages: a tally, a score explained line by line.

import { h, table } from './core.js';
import { t, levelKeys, levelLabel, counterLabel, gradeLabel, lineLabel, formatNumber } from './i18n.js';

/** The sum of report.<action>.<level> over every level. */
export function sumOver(counters, action) {
  return levelKeys.reduce((sum, level) => sum + (counters[`report.${action}.${level}`] || 0), 0);
}

/** Summary cards, the report counters by level, and any proposal or duty counters. */
export function tallyView(tally) {
  const c = tally.counters || {};
  const card = (key, value, cls) => h('div', { class: ['card', cls], data: { counter: key } },
    h('span', { class: 'number' }, formatNumber(value)), h('span', { class: 'caption' }, t(key)));
  const cards = h('div', { class: 'cards' },
    card('submitted', c['report.submitted'] || 0, 'submitted'),
    card('adopted', sumOver(c, 'adopted'), 'adopted'),
    card('forwarded', sumOver(c, 'forwarded'), 'forwarded'),
    card('endorsed', sumOver(c, 'endorsed'), 'endorsed'));

  const cell = (action) => (level) => {
    const name = `report.${action}.${level}`;
    return name in c ? formatNumber(c[name]) : '—';
  };
  const byLevel = table([
    ['level', (level) => levelLabel(level)],
    ['adopted', cell('adopted'), 'num'],
    ['forwarded', cell('forwarded'), 'num'],
    ['endorsed', cell('endorsed'), 'num'],
    ['declined', cell('declined'), 'num'],
    ['returned', cell('returned'), 'num'],
  ], levelKeys, { class: 'levels' });

  const others = Object.keys(c).filter((name) => !name.startsWith('report.') && c[name] !== 0).sort();
  const otherTable = others.length === 0 ? null : h('div', {},
    h('h3', {}, t('otherCounters')),
    table([
      ['counter', (name) => counterLabel(name)],
      ['count', (name) => formatNumber(c[name]), 'num'],
    ], others, { class: 'others' }));

  return h('div', { class: 'tally', data: { version: tally.version } }, cards, byLevel, otherTable);
}

/** Total, grade and the rules' lines: count × points, capped per item. */
export function scoreView(score) {
  const r = score.rules;
  const rules = r ? [r.name, [r.committee, r.year, r.version != null ? `v${r.version}` : null].filter(Boolean).join(' ')].filter(Boolean).join(' · ') : '';
  const lines = table([
    ['item', (line) => [lineLabel(line), h('span', { class: 'counter' }, counterLabel(line.counter), line.bonus ? ` (${t('bonus')})` : '')]],
    ['count', (line) => formatNumber(line.count), 'num'],
    ['points', (line) => formatNumber(line.points), 'num'],
    ['amount', (line) => formatNumber(line.amount), 'num'],
    ['cap', (line) => (line.cap == null ? '—' : formatNumber(line.cap)), 'num'],
    ['cappedOff', (line) => (line.cappedOff ? formatNumber(line.cappedOff) : ''), 'num'],
  ], score.lines || [], { class: 'lines', rowProps: (line) => ({ data: { item: line.item, counter: line.counter } }) });
  return h('div', { class: 'score' },
    h('div', { class: 'total' },
      h('span', { class: 'number' }, formatNumber(score.total)),
      score.maxTotal != null ? h('span', { class: 'caption' }, `/ ${formatNumber(score.maxTotal)}`) : null,
      h('span', { class: 'caption' }, t('total')),
      score.grade ? h('span', { class: 'grade' }, gradeLabel(score.grade)) : null),
    rules ? h('p', { class: 'rules' }, `${t('rules')}: ${rules}`) : null,
    lines);
}
