// A feed of notifications (/feeds/{code}): a member's, a committee office's, an activity group's or a
// handling unit's. Newest first; items arrive live (server-sent events) without a reload; "mark all read"
// moves the read mark to the newest item.

import { h, getJson, enc, segment, unitHref, unitName, header, showError, section, actionForm, followFeed, noticeHref, showFeedStatus, me } from './core.js';
import { t, onLanguage, noticeLabel, formatTime } from './i18n.js';

const code = segment(1);
const main = document.getElementById('main');
const handlingUnit = /^[0-9A-Za-z]+-H\d+$/.test(code);
const state = { name: code, items: [], lastSeq: 0, readThrough: 0, unread: 0, canMark: false };
let body = null;
let markForm = null;

async function load() {
  const page = await getJson(`/api/feeds/${enc(code)}?limit=200`);
  state.items = page.items || [];
  state.lastSeq = page.lastSeq;
  state.readThrough = page.readThrough;
  state.unread = page.unread;
}

function add(item) {
  if (state.items.some((i) => i.seq === item.seq)) return;
  state.items.push(item);
  state.lastSeq = Math.max(state.lastSeq, item.seq);
  if (!item.read && item.seq > state.readThrough) state.unread += 1;
  draw();
}

function draw() {
  const items = [...state.items].sort((a, b) => b.seq - a.seq);
  body.replaceChildren(
    h('p', { id: 'unread', class: 'summary', data: { unread: state.unread } }, t('unreadCount', state.unread)),
    items.length === 0 ? h('p', { class: 'muted' }, t('noNotices')) : h('ol', { class: 'notices' }, items.map((i) => {
      const unread = i.seq > state.readThrough;
      const href = noticeHref(i, code);
      return h('li', { class: unread ? 'unread' : 'read', data: { seq: i.seq, kind: i.kind, subject: i.subjectId } },
        h('span', { class: 'kind' }, noticeLabel(i.kind)),
        href ? h('a', { class: 'title', href }, i.title) : h('span', { class: 'title' }, i.title),
        i.detail ? h('span', { class: 'detail' }, i.detail) : null,
        h('time', { class: 'muted' }, formatTime(i.occurredAt)));
    })));
}

function markAll() {
  return actionForm({ id: 'mark-read' }, [], t('markAllRead'),
    (send) => send(`/api/feeds/${enc(code)}/read`, { through: state.lastSeq }),
    (status) => {
      markForm = null;
      state.readThrough = status.readThrough;
      state.unread = status.unread;
      showFeedStatus(status);
      render();
    });
}

function render() {
  document.title = `${t('notificationsOf', state.name)} · ${t('brand')}`;
  if (state.canMark) markForm ??= markAll();
  const [feed, feedBody] = section('feed', 'notifications', state.canMark ? markForm : null);
  body = feedBody;
  main.replaceChildren(h('div', { class: 'title' }, h('h1', { id: 'unit-name' }, t('notificationsOf', state.name))), feed);
  draw();
}

function crumbs() {
  return [{ label: state.name, href: handlingUnit ? `/handling-units/${enc(code)}` : unitHref(code, /-M\d+$/.test(code) ? 'member' : 'unit') }, { label: t('notifications') }];
}

async function start() {
  header(crumbs);
  try {
    await load();
  } catch (error) {
    showError(main, error);
    return;
  }
  const user = await me().catch(() => null);
  state.canMark = !!user && user.role !== 'viewer' && user.role !== 'operator';
  state.name = handlingUnit
    ? await getJson(`/api/handling-units/${enc(code)}`).then((q) => q.unit.name, () => code)
    : await unitName(code);
  header(crumbs);
  render();
  onLanguage(() => {
    markForm = null;
    render();
  });
  followFeed(code, add, (status) => {
    // After a reconnect the feed may have moved on: take its mark and count as they now stand.
    state.readThrough = status.readThrough;
    state.unread = status.unread;
    draw();
  }, state.lastSeq);
}

start();
