// A committee's proposal register (/committees/{code}/proposals): every proposal submitted to it, numbered
// ones first, with its session, whether it came in during the plenary, its handling units and their due
// times; filtered by status and by overdue answers. The committee's tally moves with every step the
// register shows, so its live stream triggers the refetch.

import { h, getJson, enc, segment, params, keepInAddress, query, unitHref, unitNames, header, showError, section, follow, coalesce, table, unitTrail } from './core.js';
import { t, onLanguage, proposalStatusLabel, formatTime, formatNumber } from './i18n.js';

const code = segment(1);
const main = document.getElementById('main');
const asked = params();
const statuses = ['submitted', 'registered', 'assigned', 'handed_back', 'answered', 'closed', 'not_registered', 'merged', 'withdrawn'];
const state = {
  status: statuses.includes(asked.get('status')) ? asked.get('status') : '',
  overdue: asked.get('overdue') === 'true',
  unit: null,
  ancestors: [],
  register: null,
  error: null,
  names: new Map(),
  units: new Map(),
};
let body = null;

async function load() {
  try {
    state.register = await getJson(`/api/committees/${enc(code)}/proposals${query({ status: state.status, overdue: state.overdue })}`);
    state.error = null;
    state.names = await unitNames((state.register.items || []).map((p) => p.lead));
  } catch (error) {
    state.error = error;
  }
}

/** The unit answering now (or last): the lead unit of the latest round. */
function leadUnit(p) {
  const leads = (p.units || []).filter((u) => u.role === 'lead');
  return leads.length ? leads[leads.length - 1] : null;
}

function overdue(p) {
  const now = Date.now();
  return (p.units || []).some((u) => u.active && !u.answeredAt && new Date(u.dueAt).getTime() < now);
}

function draw() {
  if (state.error) {
    showError(body, state.error);
    return;
  }
  const items = state.register.items || [];
  if (items.length === 0) {
    body.replaceChildren(h('p', { class: 'muted' }, t('emptyRegister')));
    return;
  }
  body.replaceChildren(table([
    ['number', (p) => p.numberText || ''],
    ['title', (p) => h('a', { href: `/proposals/${enc(p.proposalId)}` }, p.title)],
    ['proposalLead', (p) => h('a', { href: unitHref(p.lead, 'member') }, state.names.get(p.lead) || p.lead)],
    ['proposers', (p) => formatNumber(p.proposers), 'num'],
    ['session', (p) => p.session],
    ['plenary', (p) => (p.duringPlenary ? '✓' : '')],
    ['status', (p) => h('span', { class: `status ${p.status}` }, proposalStatusLabel(p.status))],
    ['key', (p) => (p.key ? '★' : '')],
    ['handlingUnit', (p) => (leadUnit(p) ? h('a', { href: `/handling-units/${enc(leadUnit(p).unit)}` }, state.units.get(leadUnit(p).unit) || leadUnit(p).unit) : '')],
    ['due', (p) => (leadUnit(p) && leadUnit(p).active ? formatTime(leadUnit(p).dueAt) : '')],
    ['overdue', (p) => (overdue(p) ? h('span', { class: 'overdue' }, t('overdue')) : '')],
    ['submittedAt', (p) => formatTime(p.submittedAt)],
  ], items, { class: 'register', rowProps: (p) => ({ data: { proposal: p.proposalId, status: p.status, overdue: overdue(p) } }) }));
}

function filters() {
  const buttons = ['', ...statuses].map((status) => h('button', {
    type: 'button',
    class: status === state.status ? 'filter on' : 'filter',
    data: { status },
    on: { click: () => choose({ status }) },
  }, status ? proposalStatusLabel(status) : t('all')));
  const late = h('button', {
    type: 'button',
    class: state.overdue ? 'filter on' : 'filter',
    data: { overdue: 'true' },
    on: { click: () => choose({ overdue: !state.overdue }) },
  }, t('overdueOnly'));
  return h('nav', { class: 'filters', 'aria-label': t('status') }, buttons, late);
}

async function choose(change) {
  Object.assign(state, change);
  keepInAddress({ status: state.status, overdue: state.overdue });
  render();
  await refresh();
}

function render() {
  const unit = state.unit;
  document.title = `${t('registerOf', unit.name)} · ${t('brand')}`;
  const [register, registerBody] = section('register', 'register', filters());
  body = registerBody;
  main.replaceChildren(
    h('div', { class: 'title' }, h('h1', { id: 'unit-name' }, t('registerOf', unit.name))),
    h('p', { class: 'links' },
      h('a', { href: unitHref(unit.code, unit.kind) }, unit.name), ' · ',
      h('a', { href: `/committees/${enc(unit.code)}/inbox` }, t('inbox')), ' · ',
      h('a', { id: 'new-proposal', href: '/proposals/new' }, t('newProposal'))),
    register);
  draw();
}

const refresh = coalesce(async () => {
  await load();
  draw();
});

function crumbs() {
  return unitTrail(state, t('register'));
}

async function start() {
  header(crumbs);
  try {
    const found = await getJson(`/api/units/${enc(code)}`);
    state.unit = found.unit;
    state.ancestors = found.ancestors || [];
    const units = await getJson(`/api/committees/${enc(code)}/handling-units`);
    state.units = new Map((units.units || []).map((u) => [u.code, u.name]));
  } catch (error) {
    showError(main, error);
    return;
  }
  await load();
  header(crumbs);
  render();
  onLanguage(render);
  let seen = null;
  follow(code, '', (tally) => {
    if (String(tally.version) !== seen) {
      seen = String(tally.version);
      refresh();
    }
  });
}

start();
