// The unit page (/units/{code}): a committee, liaison office or activity group with its tally, score,
// the ranking of the units below it (table and bar chart, each row a drill-down link) and the monthly
// trend. The unit's live stream triggers a refetch, and the sections are redrawn in place.

import { h, getJson, enc, segment, params, keepInAddress, query, unitHref, header, showError, section, follow, coalesce, table } from './core.js';
import { t, onLanguage, kindLabel, levelLabel, counterLabel, gradeLabel, monthLabel, formatNumber, levelKeys } from './i18n.js';
import { barChart, lineChart } from './charts.js';
import { tallyView, scoreView, sumOver } from './widgets.js';

const code = segment(1);
const main = document.getElementById('main');
const asked = params();
const state = {
  year: asked.get('year') || '',
  by: asked.get('by') || 'score',
  perCapita: asked.get('perCapita') === 'true',
  unit: null,
  ancestors: [],
  children: [],
  results: {},
};
const bodies = {};
let stream = null;

/** Ranking choices: the score, or one counter. */
function rankChoices() {
  const choices = [['score', t('byScore')], ['report.submitted', counterLabel('report.submitted')]];
  for (const action of ['adopted', 'forwarded', 'endorsed']) {
    for (const level of levelKeys) {
      if (action === 'forwarded' && level === 'county') continue;
      const name = `report.${action}.${level}`;
      choices.push([name, counterLabel(name)]);
    }
  }
  return choices;
}

async function load() {
  const year = { year: state.year };
  const ranking = state.children.length === 0
    ? Promise.resolve(null)
    : getJson(`/api/units/${enc(code)}/ranking${query({ ...year, of: 'children', by: state.by, perCapita: state.perCapita, limit: 200 })}`);
  const [tally, rank, score, trend] = await Promise.allSettled([
    getJson(`/api/units/${enc(code)}/tally${query(year)}`),
    ranking,
    getJson(`/api/units/${enc(code)}/score${query(year)}`),
    getJson(`/api/units/${enc(code)}/trend${query(year)}`),
  ]);
  state.results = { tally, ranking: rank, score, trend };
  if (tally.status === 'fulfilled' && !state.year) {
    // Fixed after the first answer, so the page and its live stream keep to one year.
    state.year = String(tally.value.year);
  }
}

function unavailable(result) {
  const detail = result.reason && result.reason.message;
  return h('p', { class: 'muted' }, t('notAvailable'), detail ? ` (${detail})` : '');
}

function drawTally() {
  const r = state.results.tally;
  bodies.tally.replaceChildren(r.status === 'fulfilled' ? tallyView(r.value) : unavailable(r));
}

function drawScore() {
  const r = state.results.score;
  bodies.score.replaceChildren(r.status === 'fulfilled' ? scoreView(r.value) : unavailable(r));
}

function childrenList() {
  return h('ul', { class: 'children' }, state.children.map((c) =>
    h('li', {}, h('a', { href: unitHref(c.code, c.kind, state.year) }, c.name), ' ', h('span', { class: 'muted' }, kindLabel(c.kind)))));
}

function drawRanking() {
  const body = bodies.ranking;
  if (state.children.length === 0) {
    body.replaceChildren(h('p', { class: 'muted' }, t('noChildren')));
    return;
  }
  const r = state.results.ranking;
  if (r.status !== 'fulfilled') {
    body.replaceChildren(unavailable(r), childrenList());
    return;
  }
  const ranking = r.value;
  const rows = ranking.rows || [];
  const valueHeading = (state.by === 'score' ? t('byScore') : counterLabel(state.by)) + (state.perCapita ? ` (${t('perCapita')})` : '');
  // Ranked by score, the value is the score: one column then, else the counter beside the score.
  const byScore = ranking.by === 'score' && !ranking.perCapita;
  const ranked = table([
    ['rank', (row) => String(row.rank), 'num'],
    ['name', (row) => h('a', { href: unitHref(row.code, row.kind, state.year) }, row.name)],
    ['members', (row) => formatNumber(row.members), 'num'],
    ['value', (row) => formatNumber(row.value), 'num value'],
    ...(byScore ? [] : [['score', (row) => formatNumber(row.score), 'num score']]),
    ['grade', (row) => gradeLabel(row.grade)],
  ], rows, { class: 'ranking', rowProps: (row) => ({ data: { code: row.code } }) });
  ranked.querySelector('thead th.value').textContent = valueHeading;
  const chart = barChart(rows.map((row) => ({
    label: row.name, value: row.value, code: row.code, href: unitHref(row.code, row.kind, state.year),
  })), { title: valueHeading });
  body.replaceChildren(h('div', { class: 'ranked', data: { by: ranking.by } }, ranked, chart));
}

function drawTrend() {
  const r = state.results.trend;
  if (r.status !== 'fulfilled') {
    bodies.trend.replaceChildren(unavailable(r));
    return;
  }
  const months = (r.value.months || []).map((m) => ({
    month: typeof m.month === 'number' ? m.month : parseInt(String(m.month).slice(-2), 10),
    counters: m.counters || {},
  }));
  bodies.trend.replaceChildren(lineChart(
    months.map((m) => monthLabel(m.month)),
    [
      { name: t('adopted'), cls: 'adopted', values: months.map((m) => sumOver(m.counters, 'adopted')) },
      { name: t('forwarded'), cls: 'forwarded', values: months.map((m) => sumOver(m.counters, 'forwarded')) },
    ],
    { title: t('trend') }));
}

function draw() {
  drawTally();
  drawScore();
  drawRanking();
  drawTrend();
  const tally = state.results.tally;
  if (tally && tally.status === 'fulfilled') document.body.dataset.version = String(tally.value.version);
}

function yearChoice() {
  const latest = Math.max(Number(state.year) || 0, new Date().getFullYear());
  const years = [0, 1, 2, 3, 4].map((back) => latest - back);
  return h('label', { class: 'control' }, `${t('year')} `,
    h('select', {
      id: 'year',
      on: {
        change: async (e) => {
          state.year = e.target.value;
          keepInAddress({ year: state.year });
          watch();
          await refresh();
        },
      },
    }, years.map((y) => h('option', { value: String(y), selected: String(y) === String(state.year) }, String(y)))));
}

function rankControls() {
  const by = h('select', {
    id: 'rank-by',
    on: {
      change: async (e) => {
        state.by = e.target.value;
        keepInAddress({ by: state.by === 'score' ? null : state.by });
        await refresh();
      },
    },
  }, rankChoices().map(([value, label]) => h('option', { value, selected: value === state.by }, label)));
  const perCapita = h('input', {
    id: 'per-capita',
    type: 'checkbox',
    checked: state.perCapita,
    on: {
      change: async (e) => {
        state.perCapita = e.target.checked;
        keepInAddress({ perCapita: state.perCapita });
        await refresh();
      },
    },
  });
  return [h('label', { class: 'control' }, `${t('rankBy')} `, by), h('label', { class: 'control' }, perCapita, ` ${t('perCapita')}`)];
}

/** Builds the page's frame and sections (again after a language switch), then draws the data. */
function render() {
  const unit = state.unit;
  document.title = `${unit.name} · ${t('brand')}`;
  const facts = [
    unit.kind === 'committee' ? `${levelLabel(unit.level)}${kindLabel(unit.kind)}` : kindLabel(unit.kind),
    `${t('code')} ${unit.code}`,
    t('membersCount', unit.memberCount),
    unit.specialCommittee || null,
  ].filter(Boolean);
  const links = unit.kind === 'committee'
    ? h('p', { class: 'links' }, h('a', { id: 'inbox-link', href: `/committees/${enc(unit.code)}/inbox` }, t('inbox')), ' · ',
      h('a', { id: 'register-link', href: `/committees/${enc(unit.code)}/proposals` }, t('register')), ' · ',
      h('a', { href: `/feeds/${enc(unit.code)}` }, t('notifications')))
    : unit.kind === 'activityGroup'
    ? h('p', { class: 'links' }, h('a', { id: 'duty-link', href: `/groups/${enc(unit.code)}/duty-records` }, t('duty')), ' · ',
      h('a', { href: `/feeds/${enc(unit.code)}` }, t('notifications')))
    : null;

  const [tally, tallyBody] = section('tally', 'tally');
  const [score, scoreBody] = section('score', 'score');
  const rankingTitle = state.children.some((c) => c.kind === 'member') ? 'memberRanking' : 'ranking';
  const [ranking, rankingBody] = section('ranking', rankingTitle, ...rankControls());
  const [trend, trendBody] = section('trend', 'trend');
  Object.assign(bodies, { tally: tallyBody, score: scoreBody, ranking: rankingBody, trend: trendBody });

  main.replaceChildren(
    h('div', { class: 'title' }, h('h1', { id: 'unit-name' }, unit.name), yearChoice()),
    h('p', { class: 'facts' }, facts.join(' · ')),
    ...(links ? [links] : []),
    tally, score, ranking, trend);
  draw();
}

const refresh = coalesce(async () => {
  await load();
  draw();
});

function watch() {
  if (stream) stream.close();
  // The first event repeats the version just loaded; only a newer one needs a refetch.
  stream = follow(code, state.year, (tally) => {
    if (String(tally.version) !== document.body.dataset.version) refresh();
  });
}

function crumbs() {
  return [
    ...state.ancestors.map((a) => ({ label: a.name, href: unitHref(a.code, a.kind, state.year) })),
    { label: state.unit ? state.unit.name : code },
  ];
}

async function start() {
  header(crumbs);
  try {
    const found = await getJson(`/api/units/${enc(code)}`);
    state.unit = found.unit;
    state.ancestors = found.ancestors || [];
    state.children = found.children || [];
  } catch (error) {
    showError(main, error);
    return;
  }
  await load();
  header(crumbs);
  render();
  onLanguage(render);
  watch();
}

start();
