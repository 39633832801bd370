// A handling unit's queue (/handling-units/{code}): the proposals assigned to it, overdue first, with
// each one's due time and the unit's part (lead or co-handling), and the answer and hand-back actions.
// The unit's committee's tally moves with every answer and assignment, so its live stream triggers the
// refetch, as do the unit's own notifications (assigned, due soon, overdue).

import { h, put, getJson, enc, segment, params, keepInAddress, query, unitHref, header, showError, section, follow, coalesce, followFeed, refreshUntilShown, formKeeper } from './core.js';
import { t, onLanguage, proposalStatusLabel, formatTime } from './i18n.js';
import { answerForms, handBackForm } from './handling.js';

const code = segment(1);
const main = document.getElementById('main');
const state = { all: params().get('all') === 'true', queue: null, committee: null, error: null };
// Action forms live across redraws (typed text and their Idempotency-Key survive a live refresh).
const { kept, after, clear: clearForms } = formKeeper(() => refresh());
let body = null;

async function load() {
  try {
    state.queue = await getJson(`/api/handling-units/${enc(code)}${query({ all: state.all })}`);
    state.error = null;
  } catch (error) {
    state.error = error;
  }
}

function item(i) {
  const a = i.assignment;
  const open = a.active && !a.answeredAt && i.proposalStatus === 'assigned';
  const key = `${i.proposalId}:${a.round}`;
  return h('article', { class: ['queue-item', i.overdue ? 'late' : null], data: { proposal: i.proposalId, status: i.proposalStatus } },
    h('div', { class: 'head' },
      h('span', { class: 'number' }, i.numberText || ''),
      h('a', { class: 'title', href: `/proposals/${enc(i.proposalId)}` }, i.title),
      i.key ? h('span', { class: 'chip key' }, `★ ${t('key')}`) : null,
      h('span', { class: `status ${i.proposalStatus}` }, proposalStatusLabel(i.proposalStatus))),
    h('p', { class: 'muted' },
      `${t('role')}: ${t(`role.${a.role}`)} · ${t('assignedAt')} ${formatTime(a.assignedAt)} · ${t('dueAt')} ${formatTime(a.dueAt)}`,
      a.answeredAt ? ` · ${t('answeredAt')} ${formatTime(a.answeredAt)}` : '',
      i.overdue ? [' · ', h('span', { class: 'overdue' }, t('overdue'))] : null),
    open ? h('div', { class: 'actions' },
      kept(`answer:${key}`, () => answerForms(i.proposalId, a, after(`answer:${key}`))),
      kept(`handback:${key}`, () => handBackForm(i.proposalId, a, after(`handback:${key}`)))) : null);
}

function draw() {
  if (state.error) {
    showError(body, state.error);
    return;
  }
  const q = state.queue;
  const items = q.queue || [];
  body.replaceChildren(
    h('p', { class: 'summary' }, `${t('pending')} ${q.pending} · ${t('overdue')} ${q.overdue}`),
    items.length === 0 ? h('p', { class: 'muted' }, t('emptyQueue')) : h('div', { class: 'queue' }, items.map(item)));
}

function render() {
  const unit = state.queue && state.queue.unit;
  const label = unit ? unit.name : code;
  document.title = `${t('queueOf', label)} · ${t('brand')}`;
  const toggle = h('label', { class: 'control' },
    h('input', { type: 'checkbox', checked: state.all, on: { change: (e) => choose(e.target.checked) } }), ' ', t('showAll'));
  const [queue, queueBody] = section('queue', 'queue', toggle);
  body = queueBody;
  put(main,
    h('div', { class: 'title' }, h('h1', { id: 'unit-name' }, t('queueOf', label))),
    unit ? h('p', { class: 'links' },
      `${t('code')} ${unit.code} · `,
      h('a', { href: `/committees/${enc(unit.committee)}/proposals` }, state.committee ? `${state.committee.name} · ${t('register')}` : t('register'))) : null,
    queue);
  draw();
}

async function choose(all) {
  state.all = all;
  keepInAddress({ all: state.all });
  await refresh();
}

const refresh = coalesce(async () => {
  await load();
  draw();
});

function crumbs() {
  const c = state.committee;
  return [
    ...(c ? [{ label: c.name, href: unitHref(c.code, c.kind) }] : []),
    { label: state.queue && state.queue.unit ? state.queue.unit.name : code },
  ];
}

async function start() {
  header(crumbs);
  await load();
  if (!state.queue) {
    showError(main, state.error);
    return;
  }
  state.committee = await getJson(`/api/units/${enc(state.queue.unit.committee)}`).then((u) => u.unit, () => null);
  header(crumbs);
  render();
  onLanguage(() => {
    clearForms();
    render();
  });
  follow(state.queue.unit.committee, '', () => refresh());
  followFeed(code, (notice) => refreshUntilShown(refresh, () => (state.queue?.queue || []).some((i) => i.proposalId === notice.subjectId)));
}

start();
