// An activity group's duty book (/groups/{code}/duty-records): its members' own reports of duty, the
// pending ones with confirm and reject actions for the group leader (or committee staff), and every
// member's "six ones" (六个一). New reports reach the group's feed; confirmations move the group's tally:
// both streams trigger the refetch.

import { h, put, getJson, enc, segment, params, keepInAddress, query, unitHref, unitNames, header, showError, section, follow, coalesce, table, followFeed, refreshUntilShown, actionForm, field, loadUnit, unitTrail, formKeeper } from './core.js';
import { t, onLanguage, formatTime, formatNumber } from './i18n.js';

const code = segment(1);
const main = document.getElementById('main');
const statuses = ['pending', 'confirmed', 'rejected'];
const sixItems = ['inspection', 'proposal', 'report', 'household', 'deed', 'reportback'];
const state = {
  status: statuses.includes(params().get('status')) ? params().get('status') : '',
  unit: null, ancestors: [], book: null, six: null, names: new Map(), error: null,
};
// Action forms live across redraws (typed text and their Idempotency-Key survive a live refresh).
const { kept, after, clear: clearForms } = formKeeper(() => refresh());
const bodies = {};

async function load() {
  try {
    const [book, six] = await Promise.all([
      getJson(`/api/groups/${enc(code)}/duty-records${query({ status: state.status })}`),
      getJson(`/api/units/${enc(code)}/six-ones`).catch(() => null),
    ]);
    state.book = book;
    state.six = six;
    state.names = await unitNames([...(book.items || []).map((i) => i.member), ...((six && six.memberProgress) || []).map((m) => m.member)]);
    state.error = null;
  } catch (error) {
    state.error = error;
  }
}

function decide(item) {
  const path = `/api/duty-records/${enc(item.recordId)}/confirmation`;
  const reason = h('input', { name: 'reason', required: true });
  return h('div', { class: 'decide' },
    kept(`confirm:${item.recordId}`, () => actionForm({ data: { action: 'confirm' } }, [], t('confirm'),
      (send) => send(path, { group: code, confirm: true }), after(`confirm:${item.recordId}`))),
    kept(`reject:${item.recordId}`, () => actionForm({ data: { action: 'reject' } }, [field('reason', reason)], t('reject'),
      (send) => send(path, { group: code, confirm: false, reason: reason.value }), after(`reject:${item.recordId}`))));
}

function drawBook() {
  if (state.error) {
    showError(bodies.book, state.error);
    return;
  }
  const items = state.book.items || [];
  bodies.book.replaceChildren(items.length === 0 ? h('p', { class: 'muted' }, t('emptyDuty')) : table([
    ['member', (i) => h('a', { href: unitHref(i.member, 'member') }, state.names.get(i.member) || i.member)],
    ['dutyKind', (i) => t(`dutyKind.${i.kind}`)],
    ['dutyTitle', (i) => i.title],
    ['dutyDate', (i) => i.date],
    ['dutyCount', (i) => formatNumber(i.count), 'num'],
    ['recordedAt', (i) => formatTime(i.recordedAt)],
    ['status', (i) => h('span', { class: `status ${i.status}` }, t(`duty.status.${i.status}`))],
    ['handle', (i) => (i.status === 'pending' ? decide(i) : '')],
  ], items, { class: 'duty', rowProps: (i) => ({ data: { record: i.recordId, status: i.status } }) }));
}

function drawSix() {
  const members = (state.six && state.six.memberProgress) || [];
  if (members.length === 0) {
    bodies.six.replaceChildren(h('p', { class: 'muted' }, t('notAvailable')));
    return;
  }
  bodies.six.replaceChildren(
    h('p', { class: 'summary' }, `${t('complete')}: ${state.six.complete} / ${state.six.members}`),
    table([
      ['member', (m) => h('a', { href: unitHref(m.member, 'member') }, state.names.get(m.member) || m.member)],
      ['sixOnes', (m) => t('sixOnesDone', sixItems.length - (m.missing || []).length)],
      ['missing', (m) => (m.missing || []).map((x) => t(`six.${x}`)).join('、') || '✓'],
    ], members, { class: 'six-table', rowProps: (m) => ({ data: { member: m.member } }) }));
}

function filters() {
  return h('nav', { class: 'filters', 'aria-label': t('status') }, ['', ...statuses].map((status) => h('button', {
    type: 'button',
    class: status === state.status ? 'filter on' : 'filter',
    data: { status },
    on: { click: () => choose(status) },
  }, status ? t(`duty.status.${status}`) : t('all'))));
}

async function choose(status) {
  state.status = status;
  keepInAddress({ status });
  render();
  await refresh();
}

function render() {
  const unit = state.unit;
  document.title = `${t('dutyOf', unit.name)} · ${t('brand')}`;
  const [book, bookBody] = section('book', 'duty', filters());
  const [six, sixBody] = section('group-six', 'groupSixOnes');
  Object.assign(bodies, { book: bookBody, six: sixBody });
  put(main,
    h('div', { class: 'title' }, h('h1', { id: 'unit-name' }, t('dutyOf', unit.name))),
    h('p', { class: 'links' }, h('a', { href: unitHref(unit.code, unit.kind) }, unit.name), ' · ',
      h('a', { href: `/feeds/${enc(unit.code)}` }, t('notifications'))),
    book, six);
  drawBook();
  drawSix();
}

const refresh = coalesce(async () => {
  await load();
  drawBook();
  drawSix();
});

function crumbs() {
  return unitTrail(state, t('duty'));
}

async function start() {
  header(crumbs);
  if (!(await loadUnit(state, code, main))) return;
  await load();
  header(crumbs);
  render();
  onLanguage(() => {
    clearForms();
    render();
  });
  follow(code, '', () => refresh());
  followFeed(code, (notice) => refreshUntilShown(refresh, () => (state.book?.items || []).some((i) => i.recordId === notice.subjectId)));
}

start();
