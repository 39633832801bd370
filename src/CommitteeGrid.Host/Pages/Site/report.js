// One information report (/reports/{id}): its text, where it stands at each committee it reached, and
// its history. Every action on a report is credited to its lead author, so the lead's live stream
// tells the page when to refetch.

import { h, getJson, enc, segment, unitHref, unitNames, header, showError, section, follow, coalesce, table } from './core.js';
import { t, onLanguage, levelLabel, statusLabel, eventLabel, formatTime, formatNumber } from './i18n.js';

const id = segment(1);
const main = document.getElementById('main');
const state = { report: null, names: new Map(), error: null };

async function load() {
  try {
    const report = await getJson(`/api/reports/${enc(id)}`);
    const codes = [
      report.lead, report.currentCommittee, ...(report.coAuthors || []),
      ...(report.levels || []).map((l) => l.committee),
      ...(report.history || []).map((e) => e.committee),
      ...(report.history || []).map(forwardTarget),
    ];
    state.names = await unitNames(codes);
    state.report = report;
    state.error = null;
  } catch (error) {
    state.error = error;
  }
}

/** The committee a forwarding went to ("to 420600" in the history's detail). */
function forwardTarget(entry) {
  const match = entry.event === 'report.forwarded' && /^to (\S+)$/.exec(entry.detail || '');
  return match ? match[1] : null;
}

function name(code) {
  return state.names.get(code) || code || '';
}

function memberLink(code) {
  return h('a', { href: unitHref(code, 'member') }, name(code));
}

function render() {
  if (!state.report) {
    showError(main, state.error);
    return;
  }
  const r = state.report;
  document.title = `${r.title} · ${t('brand')}`;
  const facts = table([
    ['lead', () => memberLink(r.lead)],
    ['coAuthors', () => ((r.coAuthors || []).length ? (r.coAuthors || []).flatMap((c, i) => [i ? '、' : null, memberLink(c)]) : t('none'))],
    ['submittedAt', () => formatTime(r.submittedAt)],
    ['status', () => h('span', { class: `status ${r.status}` }, statusLabel(r.status))],
    ['currentCommittee', () => name(r.currentCommittee)],
  ], [r], { class: 'facts-table' });

  const [levels, levelsBody] = section('levels', 'levels');
  levelsBody.append(table([
    ['committee', (l) => h('a', { href: `/committees/${enc(l.committee)}/inbox` }, name(l.committee))],
    ['level', (l) => levelLabel(l.level)],
    ['received', (l) => formatTime(l.receivedAt)],
    ['status', (l) => h('span', { class: `status ${l.status}` }, statusLabel(l.status))],
    ['adopted', (l) => (l.adopted ? '✓' : ''), 'num'],
    ['forwarded', (l) => (l.forwarded ? '✓' : ''), 'num'],
    ['endorsements', (l) => (l.endorsements || []).map((e) =>
      h('div', { class: 'endorsement' }, `${e.leaderTitle} ${e.date}${e.note ? `: ${e.note}` : ''}`))],
  ], r.levels || [], { class: 'levels' }));

  const [history, historyBody] = section('history', 'history');
  historyBody.append(table([
    ['version', (e) => formatNumber(e.version), 'num'],
    ['at', (e) => formatTime(e.at)],
    ['event', (e) => eventLabel(e.event)],
    ['committee', (e) => name(e.committee)],
    ['actor', (e) => `${e.actor} (${e.role})`],
    ['detail', (e) => (forwardTarget(e) ? `→ ${name(forwardTarget(e))}` : e.detail || '')],
  ], r.history || [], { class: 'history', rowProps: (e) => ({ data: { event: e.event } }) }));

  const [text, textBody] = section('text', 'body');
  textBody.append(h('div', { id: 'report-body', class: 'text' }, r.body));

  main.replaceChildren(
    h('p', { class: 'kicker' }, t('report')),
    h('h1', { id: 'report-title' }, r.title),
    facts,
    text, levels, history);
  document.body.dataset.version = String(r.version);
}

const refresh = coalesce(async () => {
  await load();
  render();
});

function crumbs() {
  const r = state.report;
  return r
    ? [{ label: name(r.currentCommittee), href: `/committees/${enc(r.currentCommittee)}/inbox` }, { label: r.title }]
    : [{ label: id }];
}

async function start() {
  header(crumbs);
  await load();
  header(crumbs);
  render();
  onLanguage(render);
  if (state.report) {
    follow(state.report.lead, '', () => refresh());
  }
}

start();
