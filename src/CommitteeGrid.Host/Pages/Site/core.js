// What every page shares: building DOM (only with createElement and textContent: data never goes
// through an HTML parser), reading the JSON API, the header bar, unit names, and the live stream.

import { t, language, setLanguage, htmlLang, onLanguage, noticeLabel } from './i18n.js';

/** An element with properties and children; strings and numbers become text nodes. */
export function h(tag, props, ...children) {
  return build(document.createElement(tag), props, children);
}

const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element; attributes are set one by one, text goes in as text. */
export function s(tag, attrs, ...children) {
  return build(document.createElementNS(SVG, tag), attrs, children);
}

function build(element, props, children) {
  for (const [name, value] of Object.entries(props || {})) {
    if (value == null || value === false) continue;
    if (name === 'on') {
      for (const [event, handler] of Object.entries(value)) element.addEventListener(event, handler);
    } else if (name === 'data') {
      for (const [key, v] of Object.entries(value)) element.dataset[key] = String(v);
    } else if (name === 'class') {
      element.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : value);
    } else if (name === 'checked' || name === 'selected' || name === 'value') {
      element[name] = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child == null || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children with those given, leaving out null and false (which the DOM would print). */
export function put(element, ...children) {
  const focused = document.activeElement;
  element.replaceChildren(...children.flat(Infinity).filter((c) => c != null && c !== false));
  // A redraw moves kept forms, which drops the focus of a field being typed in: give it back.
  if (focused && focused !== document.body && focused.isConnected && document.activeElement !== focused) {
    focused.focus({ preventScroll: true });
  }
}

/** A failed API call, with the problem details' explanation. */
export class ApiError extends Error {
  constructor(status, detail, title) {
    super(detail || title || `HTTP ${status}`);
    this.status = status;
    this.detail = detail;
  }
}

export async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await response.json() : null;
  if (response.status === 401) {
    // Not signed in, or the token expired: sign in and come back here.
    location.assign(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
  }
  if (!response.ok) {
    throw new ApiError(response.status, body && body.detail, body && body.title);
  }
  return body;
}

export const enc = encodeURIComponent;

function toLogin() {
  location.assign(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
}

let whoAmI;

/** The signed-in user ({name, role, scope, scopeName}), asked once per page. */
export function me() {
  whoAmI ??= getJson('/api/auth/me');
  return whoAmI;
}

/** The bearer token the login page kept for this tab: the cookie serves GETs only, changes need the header. */
function bearer() {
  try {
    return sessionStorage.getItem('cg.token');
  } catch {
    return null;
  }
}

function newKey() {
  return crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

/**
 * One user action that changes something: send(path, body) POSTs with the Authorization header and an
 * Idempotency-Key made when the action is first tried. The key is kept while no answer came back (a
 * network failure, a 5xx), so trying again is the same request and is counted once; after a definite
 * answer the next try is a new action with a new key.
 */
export function action() {
  let key = null;
  const send = async (path, body) => {
    const token = bearer();
    if (!token) {
      // Signed in on another tab or before this page kept tokens: sign in again and come back.
      toLogin();
      throw new ApiError(401, t('signInAgain'));
    }
    key ??= newKey();
    let response;
    try {
      response = await fetch(path, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'Idempotency-Key': key },
        body: JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, t('networkError'));
    }
    const type = response.headers.get('Content-Type') || '';
    const answer = type.includes('json') ? await response.json().catch(() => null) : null;
    if (response.status < 500) key = null;
    if (response.status === 401) toLogin();
    if (!response.ok) throw new ApiError(response.status, answer && answer.detail, answer && answer.title);
    return answer;
  };
  return send;
}

/**
 * A form for one action: fields built by the caller, a submit button, and a status line that shows the
 * API's refusal (its detail) or the success. run(send) does the work with the form's action; a success
 * calls done(answer).
 */
export function actionForm(props, fields, label, run, done) {
  const send = action();
  const status = h('p', { class: 'action-status', role: 'status', 'aria-live': 'polite' });
  const button = h('button', { type: 'submit', class: 'act' }, label);
  const form = h('form', { ...props, class: ['action', props && props.class] }, fields, button, status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (button.disabled) return;
    button.disabled = true;
    status.className = 'action-status';
    status.textContent = '…';
    try {
      const answer = await run(send);
      status.textContent = t('done');
      status.classList.add('ok');
      if (done) await done(answer);
    } catch (error) {
      status.textContent = error && error.message ? error.message : String(error);
      status.classList.add('refused');
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

/**
 * Action forms kept across live redraws by key, so typed text and each action's Idempotency-Key
 * survive a refresh; after its action succeeds a form starts afresh (a new action, a new key) and the
 * page refreshes.
 */
export function formKeeper(refresh) {
  const forms = new Map();
  return {
    kept(key, make) {
      if (!forms.has(key)) forms.set(key, make());
      return forms.get(key);
    },
    after(key) {
      return async () => {
        forms.delete(key);
        await refresh();
      };
    },
    clear() {
      forms.clear();
    },
  };
}

/** A labelled form field. */
export function field(labelKey, input) {
  return h('label', { class: 'field' }, h('span', {}, t(labelKey)), input);
}

/** The route's n-th path segment, decoded: /units/{code} → segment(1). */
export function segment(n) {
  return decodeURIComponent(location.pathname.split('/')[n + 1] || '');
}

export function params() {
  return new URLSearchParams(location.search);
}

/** Writes page settings into the address (no reload), so a link or a reload shows the same view. */
export function keepInAddress(values) {
  const url = new URL(location.href);
  for (const [key, value] of Object.entries(values)) {
    if (value == null || value === '' || value === false) url.searchParams.delete(key);
    else url.searchParams.set(key, String(value));
  }
  history.replaceState(null, '', url);
}

/** A query string from the values given (empty ones left out). */
export function query(values) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value != null && value !== '' && value !== false) q.set(key, String(value));
  }
  const text = q.toString();
  return text ? `?${text}` : '';
}

/** The page of a unit: members have their own page. */
export function unitHref(code, kind, year) {
  const base = kind === 'member' ? `/members/${enc(code)}` : `/units/${enc(code)}`;
  return base + query({ year });
}

const names = new Map();

/** A unit's name by code (cached; the code itself when it is not a unit). */
export function unitName(code) {
  if (!code) return Promise.resolve('');
  if (!names.has(code)) {
    names.set(code, getJson(`/api/units/${enc(code)}`).then((u) => u.unit.name, () => code));
  }
  return names.get(code);
}

/** Names for many codes at once, as a Map code → name. */
export async function unitNames(codes) {
  const unique = [...new Set(codes.filter(Boolean))];
  const found = await Promise.all(unique.map(unitName));
  return new Map(unique.map((code, i) => [code, found[i]]));
}

let liveBadge;
let bell;
let toast;
let crumbsOf = () => [];
const bellState = { unread: 0, lastSeq: 0, feed: null, latest: null };
const noticeListeners = [];

/** Calls back with every notification that reaches the signed-in user's feed while the page is open. */
export function onNotification(listener) {
  noticeListeners.push(listener);
}

/** Where a notification leads: its proposal or report, or the group's duty book. */
export function noticeHref(item, feed) {
  const subject = item.subjectId || '';
  if (/^P[0-9a-f]{20}$/.test(subject)) return `/proposals/${enc(subject)}`;
  if (/^R[0-9a-f]{20}$/.test(subject)) return `/reports/${enc(subject)}`;
  if (/^D[0-9a-f]{20}$/.test(subject) && item.kind === 'duty.reported' && feed) return `/groups/${enc(feed)}/duty-records`;
  return null;
}

/** The bell shows this feed status (after the feed page marks items read). */
export function showFeedStatus(status) {
  if (!status || status.recipient !== bellState.feed) return;
  bellState.unread = status.unread;
  drawBell();
}

function drawBell() {
  if (!bell) return;
  bell.title = t('notifications');
  bell.dataset.unread = String(bellState.unread);
  bell.className = bellState.unread > 0 ? 'bell unread' : 'bell';
  bell.replaceChildren(`${t('notifications')} `, h('span', { class: 'count' }, String(bellState.unread)));
  const item = bellState.latest;
  if (!item) {
    toast.hidden = true;
    return;
  }
  const href = noticeHref(item, bellState.feed);
  const text = `${t('newNotice')}: ${noticeLabel(item.kind)} · ${item.title}`;
  toast.hidden = false;
  toast.replaceChildren(href ? h('a', { href }, text) : text);
}

/**
 * Follows a feed as server-sent events from now on: onItem(notification) for each new item, onReady(status)
 * when (re)connected. EventSource resumes after a drop with Last-Event-ID, so nothing is missed.
 */
export function followFeed(code, onItem, onReady, after) {
  const source = new EventSource(`/api/feeds/${enc(code)}/live${query({ after })}`);
  source.addEventListener('ready', (event) => onReady && onReady(JSON.parse(event.data)));
  source.addEventListener('notification', (event) => onItem(JSON.parse(event.data)));
  return source;
}

/** Follows the signed-in user's own feed (their scope) live: the bell counts unread items. */
function startBell() {
  bell = h('a', { id: 'bell', class: 'bell', href: '#', hidden: true });
  toast = h('span', { id: 'toast', class: 'toast', role: 'status', 'aria-live': 'polite', hidden: true });
  me().then((user) => {
    if (!user || user.role === 'operator') return;
    bellState.feed = user.scope;
    bell.href = `/feeds/${enc(user.scope)}`;
    bell.hidden = false;
    drawBell();
    followFeed(user.scope, (item) => {
      if (item.seq > bellState.lastSeq && !item.read) bellState.unread += 1;
      bellState.lastSeq = Math.max(bellState.lastSeq, item.seq);
      bellState.latest = item;
      drawBell();
      for (const listener of noticeListeners) listener(item);
    }, (status) => {
      // Also sent after a reconnect: its count includes what was missed, which then arrives as items.
      bellState.unread = status.unread;
      bellState.lastSeq = status.lastSeq;
      drawBell();
    });
  }, () => {});
}

/**
 * The header bar: brand, breadcrumbs, live indicator, language switch. crumbs() gives the trail
 * [{label, href?}] and is asked again on every redraw (the page calls header() when it knows more).
 */
export function header(crumbs) {
  const first = !liveBadge;
  crumbsOf = crumbs;
  liveBadge ??= h('span', { id: 'live', class: 'live off', 'aria-live': 'polite' });
  if (first) startBell();
  document.documentElement.lang = htmlLang();
  drawHeader();
  if (first) onLanguage(drawHeader);
}

function drawHeader() {
  const trail = (crumbsOf() || []).map((c) => (c.href ? h('a', { href: c.href }, c.label) : h('span', {}, c.label)));
  drawBell();
  document.getElementById('bar').replaceChildren(
    h('a', { class: 'brand', href: '/' }, t('brand')),
    h('nav', { class: 'crumbs', 'aria-label': 'breadcrumbs' }, trail),
    toast,
    liveBadge,
    bell,
    h('button', {
      id: 'lang',
      type: 'button',
      title: t('switchTitle'),
      on: { click: () => setLanguage(language() === 'en' ? 'zh' : 'en') },
    }, t('switchTo')));
}

/**
 * Reads a unit with its ancestors and children into state, for the pages about a unit; when it cannot,
 * shows the API's answer in container and returns false.
 */
export async function loadUnit(state, code, container) {
  try {
    const found = await getJson(`/api/units/${enc(code)}`);
    state.unit = found.unit;
    state.ancestors = found.ancestors || [];
    state.children = found.children || [];
    return true;
  } catch (error) {
    showError(container, error);
    return false;
  }
}

/** The breadcrumbs of a page about a unit: its ancestors, then the unit itself as a link, then the page's own label. */
export function unitTrail(state, label) {
  return [
    ...state.ancestors.map((a) => ({ label: a.name, href: unitHref(a.code, a.kind) })),
    ...(state.unit ? [{ label: state.unit.name, href: unitHref(state.unit.code, state.unit.kind) }] : []),
    { label },
  ];
}

export function showError(container, error) {
  container.replaceChildren(h('div', { class: 'problem', role: 'alert' },
    h('strong', {}, t('errorTitle')), ' ', error && error.message ? error.message : String(error)));
}

/** A titled section whose body is redrawn in place; returns [section, body]. Pages rebuild sections on a language switch. */
export function section(id, titleKey, ...controls) {
  const heading = h('h2', {}, t(titleKey));
  const body = h('div', { class: 'body' });
  const element = h('section', { id }, h('div', { class: 'head' }, heading, controls), body);
  return [element, body];
}

/**
 * Follows a unit's tally as server-sent events and calls onChange(tally) for each new version.
 * The browser reconnects by itself after a drop; the badge says whether the stream is up.
 */
export function follow(code, year, onChange) {
  const source = new EventSource(`/api/units/${enc(code)}/live${query({ year })}`);
  const badge = () => document.getElementById('live');
  const show = (on, when) => {
    const b = badge();
    if (!b) return;
    b.className = on ? 'live on' : 'live off';
    b.textContent = on ? `● ${t('liveOn')}${when ? ' · ' + t('liveAt', when) : ''}` : `○ ${t('liveOff')}`;
  };
  source.addEventListener('open', () => show(true));
  source.addEventListener('error', () => show(false));
  source.addEventListener('tally', (event) => {
    const tally = JSON.parse(event.data);
    show(true, new Date().toLocaleTimeString(language() === 'en' ? 'en-GB' : 'zh-CN', { hour12: false }));
    onChange(tally);
  });
  return source;
}

/**
 * Refreshes after a notice until the view shows the notice's subject. The notice reaches the feed by a
 * direct call, the list it belongs in (a duty book, a queue) by a stream, so the first refetch can come
 * before the list has it. Stops as soon as shows() is true, or after about 8 s: the notice may be about
 * something this view does not list (another status, another page).
 */
export async function refreshUntilShown(refresh, shows, delays = [250, 500, 1000, 2000, 4000]) {
  await refresh();
  for (const delay of delays) {
    if (shows()) return;
    await new Promise((resolve) => setTimeout(resolve, delay));
    await refresh();
  }
}

/**
 * Runs refresh() for every change, one at a time: changes that arrive during a run are folded into
 * one more run, so a burst of events costs at most two refreshes.
 */
export function coalesce(refresh) {
  let running = null;
  let again = false;
  const run = async () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await refresh();
        } catch (error) {
          console.error(error);
        }
      } while (again);
    })();
    try {
      await running;
    } finally {
      running = null;
    }
  };
  return run;
}

/**
 * A small table: columns are [headingKey, cell(row, i), class?]; cells may be text or nodes.
 * options.rowProps(row) gives each row's properties; the other options go on the table.
 */
export function table(columns, rows, options = {}) {
  const { rowProps, ...props } = options;
  const head = h('tr', {}, columns.map(([key, , cls]) => h('th', { class: cls }, t(key))));
  const body = rows.map((row, i) => h('tr', rowProps ? rowProps(row) : {},
    columns.map(([, cell, cls]) => h('td', { class: cls }, cell(row, i)))));
  return h('table', props, h('thead', {}, head), h('tbody', {}, body));
}
