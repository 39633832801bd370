// The member page (/members/{code}): "six ones" progress, the score explained line by line, the
// member's record (the reports they lead and how each stands at every level) and their proposals (led,
// co-signed, drafted, with the answer class and their own rating). Live like the unit page.

import { h, put, getJson, enc, segment, params, query, unitHref, header, section, follow, coalesce, table, me, actionForm, field, loadUnit } from './core.js';
import { t, onLanguage, levelLabel, statusLabel, proposalStatusLabel, formatTime, formatNumber } from './i18n.js';
import { tallyView, scoreView } from './widgets.js';

const code = segment(1);
const main = document.getElementById('main');
const state = { year: params().get('year') || '', unit: null, ancestors: [], results: {}, user: null, recorded: [] };
let dutyForm = null;
const bodies = {};

/** The six ones (六个一) and the counters that show each; proposals count led or co-signed. */
const sixOnes = [
  ['six.inspection', ['duty.inspection']],
  ['six.proposal', ['proposal.submitted', 'proposal.cosigned']],
  ['six.report', ['report.submitted']],
  ['six.household', ['duty.household']],
  ['six.deed', ['duty.deed']],
  ['six.reportback', ['duty.reportback']],
];

async function load() {
  const year = query({ year: state.year });
  const [tally, score, record, proposals] = await Promise.allSettled([
    getJson(`/api/units/${enc(code)}/tally${year}`),
    getJson(`/api/units/${enc(code)}/score${year}`),
    getJson(`/api/members/${enc(code)}/reports${year}`),
    getJson(`/api/members/${enc(code)}/proposals${year}`),
  ]);
  state.results = { tally, score, record, proposals };
  if (tally.status === 'fulfilled' && !state.year) state.year = String(tally.value.year);
}

function unavailable(result) {
  const detail = result.reason && result.reason.message;
  return h('p', { class: 'muted' }, t('notAvailable'), detail ? ` (${detail})` : '');
}

function drawSixOnes() {
  const r = state.results.tally;
  if (r.status !== 'fulfilled') {
    bodies.six.replaceChildren(unavailable(r));
    return;
  }
  const counters = r.value.counters || {};
  const items = sixOnes.map(([key, names]) => ({ key, count: names.reduce((sum, n) => sum + (counters[n] || 0), 0) }));
  const done = items.filter((i) => i.count > 0).length;
  bodies.six.replaceChildren(
    h('p', { class: 'progress' }, h('meter', { min: 0, max: 6, value: done }), ' ', t('sixOnesDone', done)),
    h('ul', { class: 'six' }, items.map((i) => h('li', { class: i.count > 0 ? 'done' : 'todo', data: { item: i.key } },
      h('span', { class: 'mark' }, i.count > 0 ? '✓' : '○'), ' ', t(i.key), ' ', h('span', { class: 'count' }, `× ${i.count}`)))),
    tallyView(r.value));
}

function drawScore() {
  const r = state.results.score;
  bodies.score.replaceChildren(r.status === 'fulfilled' ? scoreView(r.value) : unavailable(r));
}

/** One of the member's lists: its rows as a table, a line when there are none, or why it could not be read. */
function drawList(body, result, rowsOf, emptyKey, columns, options) {
  if (result.status !== 'fulfilled') {
    body.replaceChildren(unavailable(result));
    return;
  }
  const rows = rowsOf(result.value) || [];
  body.replaceChildren(rows.length === 0 ? h('p', { class: 'muted' }, t(emptyKey)) : table(columns, rows, options));
}

function drawRecord() {
  drawList(bodies.record, state.results.record, (v) => v.reports, 'noReports', [
    ['submittedAt', (x) => formatTime(x.submittedAt)],
    ['title', (x) => h('a', { href: `/reports/${enc(x.id)}` }, x.title)],
    ['status', (x) => h('span', { class: `status ${x.status}` }, statusLabel(x.status))],
    ['currentCommittee', (x) => x.currentCommitteeName || x.currentCommittee],
    ['levels', (x) => h('span', { class: 'chips' }, (x.levels || []).map((l) => h('span', { class: `chip ${l.status}` },
      `${levelLabel(l.level)} ${statusLabel(l.status)}${l.endorsements ? ` · ${t('endorsements')} ${formatNumber(l.endorsements)}` : ''}`)))],
  ], { class: 'record', rowProps: (x) => ({ data: { report: x.id } }) });
}

function drawProposals() {
  drawList(bodies.proposals, state.results.proposals, (v) => v.proposals, 'noProposals', [
    ['submittedAt', (x) => formatTime(x.submittedAt || x.draftedAt)],
    ['number', (x) => x.numberText || ''],
    ['title', (x) => h('a', { href: `/proposals/${enc(x.id)}` }, x.title)],
    ['proposalRole', (x) => t(`part.${x.role}`)],
    ['status', (x) => h('span', { class: `status ${x.status}` }, proposalStatusLabel(x.status),
      x.key ? ` · ${t('keyProposal')}` : '', x.excellent ? ` · ${t('excellent')}` : '')],
    ['answerClass', (x) => (x.answerClass ? t(`class.${String(x.answerClass).toLowerCase()}`) : '')],
    ['myRating', (x) => (x.myRating ? t(`rating.${x.myRating}`) : '')],
  ], { class: 'proposals', rowProps: (x) => ({ data: { proposal: x.id } }) });
}

/** Today in China, as yyyy-MM-dd. */
function chinaToday() {
  return new Date(Date.now() + 8 * 3600000).toISOString().slice(0, 10);
}

/** The member's own report of a duty (履职登记), counted once the group leader confirms it. */
function dutySection() {
  const [element, body] = section('duty', 'recordDuty');
  dutyForm ??= (() => {
    const kind = h('select', { name: 'kind' }, ['inspection', 'household', 'deed', 'reportBack', 'activity'].map((k) => h('option', { value: k }, t(`dutyKind.${k}`))));
    const title = h('input', { name: 'title', required: true, maxlength: 100, autocomplete: 'off' });
    const date = h('input', { name: 'date', type: 'date', required: true, value: chinaToday(), max: chinaToday() });
    return actionForm({ id: 'duty-form' }, [field('dutyKind', kind), field('dutyTitle', title), field('dutyDate', date)], t('recordIt'),
      (send) => send('/api/duty-records', { kind: kind.value, title: title.value, date: date.value, member: code }),
      async (answer) => {
        state.recorded.push({ id: answer.recordId, kind: kind.value, title: title.value, date: date.value });
        dutyForm = null;
        render();
      });
  })();
  put(body, dutyForm, state.recorded.length ? h('ul', { id: 'duty-recorded', class: 'recorded' }, state.recorded.map((r) =>
    h('li', { data: { record: r.id } }, `${r.date} ${t(`dutyKind.${r.kind}`)} · ${r.title} · ${t('dutyRecorded')}`))) : null);
  return element;
}

function draw() {
  drawSixOnes();
  drawScore();
  drawRecord();
  drawProposals();
  const tally = state.results.tally;
  if (tally && tally.status === 'fulfilled') document.body.dataset.version = String(tally.value.version);
}

/** The signed-in member looking at their own page. */
function own() {
  return state.user && state.user.role === 'member' && state.user.scope === code;
}

function links(group) {
  const user = state.user;
  const drafts = user && (own() || user.role === 'staff');
  const book = group && user && (user.role === 'groupleader' || user.role === 'staff');
  const items = [
    drafts ? h('a', { id: 'new-proposal', href: `/proposals/new${query({ lead: code })}` }, t('newProposal')) : null,
    user && user.role !== 'operator' ? h('a', { href: `/feeds/${enc(code)}` }, t('notifications')) : null,
    book ? h('a', { href: `/groups/${enc(group.code)}/duty-records` }, `${group.name} · ${t('duty')}`) : null,
  ].filter(Boolean);
  return items.length ? h('p', { class: 'links' }, items.flatMap((a, i) => [i ? ' · ' : null, a])) : null;
}

function render() {
  const unit = state.unit;
  document.title = `${unit.name} · ${t('brand')}`;
  const group = state.ancestors[state.ancestors.length - 1];
  const facts = [
    `${t('code')} ${unit.code}`,
    unit.sector ? `${t('sector')}: ${unit.sector}` : null,
    unit.party ? `${t('party')}: ${unit.party}` : null,
  ].filter(Boolean);
  const [six, sixBody] = section('six-ones', 'sixOnes');
  const [score, scoreBody] = section('score', 'score');
  const [record, recordBody] = section('record', 'record');
  const [proposals, proposalsBody] = section('proposals', 'myProposals');
  Object.assign(bodies, { six: sixBody, score: scoreBody, record: recordBody, proposals: proposalsBody });
  put(main,
    h('div', { class: 'title' }, h('h1', { id: 'unit-name' }, unit.name), h('span', { class: 'year' }, `${t('year')} ${state.year}`)),
    h('p', { class: 'facts' }, facts.join(' · '),
      group ? [' · ', `${t('group')}: `, h('a', { href: unitHref(group.code, group.kind, state.year) }, group.name)] : null),
    links(group),
    own() ? dutySection() : null,
    six, score, record, proposals);
  draw();
}

const refresh = coalesce(async () => {
  await load();
  draw();
});

function crumbs() {
  return [
    ...state.ancestors.map((a) => ({ label: a.name, href: unitHref(a.code, a.kind, state.year) })),
    { label: state.unit ? state.unit.name : code },
  ];
}

async function start() {
  header(crumbs);
  if (!(await loadUnit(state, code, main))) return;
  state.user = await me().catch(() => null);
  await load();
  header(crumbs);
  render();
  onLanguage(() => {
    dutyForm = null;
    render();
  });
  follow(code, state.year, (tally) => {
    if (String(tally.version) !== document.body.dataset.version) refresh();
  });
}

start();
