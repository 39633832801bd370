// A committee's review inbox (/committees/{code}/inbox): the reports submitted or forwarded to it,
// newest first, filtered by status, each linking to the report and its history. The committee's tally
// moves with every arrival and every action there, so its live stream triggers the refetch.

import { h, getJson, enc, segment, params, keepInAddress, query, unitHref, unitNames, header, showError, section, follow, coalesce, table, loadUnit, unitTrail } from './core.js';
import { t, onLanguage, statusLabel, formatTime, formatNumber } from './i18n.js';

const code = segment(1);
const main = document.getElementById('main');
const asked = params();
const statuses = ['pending', 'adopted', 'forwarded', 'declined', 'returned'];
const state = {
  status: statuses.includes(asked.get('status')) ? asked.get('status') : '',
  limit: asked.get('limit') || '',
  unit: null,
  ancestors: [],
  inbox: null,
  error: null,
  names: new Map(),
};
let body = null;

async function load() {
  try {
    state.inbox = await getJson(`/api/committees/${enc(code)}/inbox${query({ status: state.status, limit: state.limit })}`);
    state.error = null;
    const items = state.inbox.items || [];
    state.names = await unitNames([...items.map((i) => i.lead), ...items.map((i) => i.fromCommittee)]);
  } catch (error) {
    state.error = error;
  }
}

function name(code) {
  return state.names.get(code) || code;
}

function draw() {
  if (state.error) {
    showError(body, state.error);
    return;
  }
  const items = state.inbox.items || [];
  if (items.length === 0) {
    body.replaceChildren(h('p', { class: 'muted' }, t('emptyInbox')));
    return;
  }
  body.replaceChildren(table([
    ['received', (i) => formatTime(i.receivedAt)],
    ['title', (i) => h('a', { href: `/reports/${enc(i.reportId)}` }, i.title)],
    ['lead', (i) => h('a', { href: unitHref(i.lead, 'member') }, name(i.lead))],
    ['from', (i) => name(i.fromCommittee)],
    ['status', (i) => h('span', { class: `status ${i.status}` }, statusLabel(i.status))],
    ['adopted', (i) => (i.adopted ? '✓' : ''), 'num'],
    ['forwarded', (i) => (i.forwarded ? '✓' : ''), 'num'],
    ['endorsements', (i) => (i.endorsements ? formatNumber(i.endorsements) : ''), 'num'],
  ], items, { class: 'inbox', rowProps: (i) => ({ data: { report: i.reportId, status: i.status } }) }));
}

function filters() {
  return h('nav', { class: 'filters', 'aria-label': t('status') }, ['', ...statuses].map((status) => h('button', {
    type: 'button',
    class: status === state.status ? 'filter on' : 'filter',
    data: { status },
    on: {
      click: async () => {
        state.status = status;
        keepInAddress({ status });
        render();
        await refresh();
      },
    },
  }, status ? statusLabel(status) : t('all'))));
}

function render() {
  const unit = state.unit;
  document.title = `${t('inboxOf', unit.name)} · ${t('brand')}`;
  const [inbox, inboxBody] = section('inbox', 'inbox', filters());
  body = inboxBody;
  main.replaceChildren(
    h('div', { class: 'title' }, h('h1', { id: 'unit-name' }, t('inboxOf', unit.name))),
    h('p', { class: 'links' },
      h('a', { href: unitHref(unit.code, unit.kind) }, unit.name), ' · ',
      h('a', { href: `/committees/${enc(unit.code)}/proposals` }, t('register'))),
    inbox);
  draw();
}

const refresh = coalesce(async () => {
  await load();
  draw();
});

function crumbs() {
  return unitTrail(state, t('inbox'));
}

async function start() {
  header(crumbs);
  if (!(await loadUnit(state, code, main))) return;
  await load();
  header(crumbs);
  render();
  onLanguage(render);
  // The first event also refetches: something may have arrived between the load and the connection.
  let seen = null;
  follow(code, '', (tally) => {
    if (String(tally.version) !== seen) {
      seen = String(tally.version);
      refresh();
    }
  });
}

start();
