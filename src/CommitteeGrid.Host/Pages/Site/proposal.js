// One proposal (/proposals/{id}): its state, proposers and signing, number and session, handling units,
// answer, ratings and history, and the actions the signed-in user may take in its current state. The
// API decides: a refusal shows its detail next to the action. The lead's live tally and the user's own
// notifications say when to refetch.

import { h, put, getJson, enc, segment, unitHref, unitNames, header, showError, section, follow, coalesce, table, me, actionForm, field, onNotification, formKeeper } from './core.js';
import { t, onLanguage, proposalStatusLabel, proposalEventLabel, formatTime, formatNumber } from './i18n.js';
import { answerForms, handBackForm, unitName } from './handling.js';

const id = segment(1);
const main = document.getElementById('main');
const state = { proposal: null, user: null, names: new Map(), units: new Map(), unitList: [], error: null };
// Action forms live across redraws (typed text and their Idempotency-Key survive a live refresh).
const { kept, after, clear: clearForms } = formKeeper(() => refresh());

const registeredStates = ['registered', 'assigned', 'handed_back', 'answered', 'closed'];

async function load() {
  try {
    const p = await getJson(`/api/proposals/${enc(id)}`);
    state.user ??= await me().catch(() => null);
    state.names = await unitNames([
      p.lead, p.committee, ...(p.cosigners || []), ...(p.invitations || []).map((i) => i.member),
      ...(p.ratings || []).map((r) => r.member), ...(p.absorbed || []).flatMap((a) => [a.lead, ...(a.cosigners || [])]),
    ]);
    if (state.user && state.user.role === 'staff' && state.unitList.length === 0) {
      const found = await getJson(`/api/committees/${enc(p.committee)}/handling-units`).catch(() => null);
      state.unitList = (found && found.units) || [];
      state.units = new Map(state.unitList.map((u) => [u.code, u.name]));
    }
    state.proposal = p;
    state.error = null;
  } catch (error) {
    state.error = error;
  }
}

function name(code) {
  return state.names.get(code) || code || '';
}

function memberLink(code) {
  return h('a', { href: unitHref(code, 'member') }, name(code));
}

function list(codes) {
  return codes.length ? codes.flatMap((c, i) => [i ? '、' : null, memberLink(c)]) : t('none');
}

function proposers(p) {
  return [p.lead, ...(p.cosigners || []), ...(p.absorbed || []).flatMap((a) => [a.lead, ...(a.cosigners || [])])];
}

function button(key, labelKey, path, body, extraFields = []) {
  return kept(key, () => actionForm({ data: { action: key } }, extraFields, t(labelKey),
    (send) => send(`/api/proposals/${enc(id)}/${path}`, typeof body === 'function' ? body() : body), after(key)));
}

/** Now plus some days, as a datetime-local value in China time. */
function chinaLocal(days) {
  return new Date(Date.now() + days * 86400000 + 8 * 3600000).toISOString().slice(0, 16);
}

function memberActions(p, me) {
  const out = [];
  const status = p.status;
  const isLead = me.scope === p.lead;
  if (isLead && (status === 'draft' || status === 'signing')) {
    const members = h('input', { name: 'members', required: true, autocomplete: 'off' });
    const deadline = p.signingDeadline ? null : h('input', { name: 'deadline', type: 'datetime-local', value: chinaLocal(7), required: true });
    out.push(kept('invite', () => actionForm({ data: { action: 'invite' } },
      [field('act.inviteMembers', members), deadline ? field('act.deadline', deadline) : null], t('act.invite'),
      (send) => send(`/api/proposals/${enc(id)}/invitations`, {
        lead: p.lead,
        members: members.value.split(/[\s,，、]+/).filter(Boolean),
        ...(deadline ? { deadline: `${deadline.value.length === 16 ? deadline.value + ':00' : deadline.value}+08:00` } : {}),
      }), after('invite'))));
  }
  if (isLead && ['draft', 'signing', 'signing_closed'].includes(status)) {
    out.push(button('submit', 'act.submit', 'submission', { lead: p.lead }));
  }
  if (isLead && ['draft', 'signing', 'signing_closed', 'submitted'].includes(status)) {
    const reason = h('input', { name: 'reason' });
    out.push(button('withdraw', 'act.withdraw', 'withdrawal', () => ({ lead: p.lead, reason: reason.value || null }), [field('reason', reason)]));
  }
  const invitation = (p.invitations || []).find((i) => i.member === me.scope && i.answer === 'pending');
  if (invitation && status === 'signing') {
    out.push(button('accept', 'act.accept', 'signatures', { member: me.scope, accept: true }));
    out.push(button('decline', 'act.decline', 'signatures', { member: me.scope, accept: false }));
  }
  const rated = (p.ratings || []).some((r) => r.member === me.scope);
  if (status === 'answered' && proposers(p).includes(me.scope) && !rated) {
    const rating = h('select', { name: 'rating' }, ['satisfied', 'basically', 'dissatisfied'].map((r) => h('option', { value: r }, t(`rating.${r}`))));
    out.push(button('rate', 'act.rate', 'ratings', () => ({ member: me.scope, rating: rating.value }), [field('rating', rating)]));
  }
  return out;
}

function unitOptions(withEmpty) {
  return [withEmpty ? h('option', { value: '' }, '—') : null,
    ...state.unitList.map((u) => h('option', { value: u.code }, `${u.name}（${u.code}）`))];
}

function officeActions(p) {
  const out = [];
  const status = p.status;
  const review = (key, labelKey, body, fields) => button(key, labelKey, 'review', () => ({ committee: p.committee, ...body() }), fields);
  if (status === 'submitted') {
    out.push(review('register', 'act.register', () => ({ action: 'register' })));
    const reason = h('textarea', { name: 'reason', rows: 2, required: true });
    const toReport = h('input', { name: 'toReport', type: 'checkbox' });
    const reportBody = h('textarea', { name: 'reportBody', rows: 2 });
    out.push(review('notRegister', 'act.notRegister', () => ({
      action: 'notRegister', reason: reason.value, toReport: toReport.checked, reportBody: toReport.checked && reportBody.value ? reportBody.value : null,
    }), [field('reason', reason), h('label', { class: 'check' }, toReport, ' ', t('act.toReport')), field('act.reportBody', reportBody)]));
    const into = h('input', { name: 'into', required: true, autocomplete: 'off', placeholder: 'P…' });
    out.push(review('merge', 'act.merge', () => ({ action: 'merge', into: into.value.trim() }), [field('act.into', into)]));
  }
  if (['registered', 'assigned', 'handed_back', 'answered'].includes(status) && !p.key) {
    const leader = h('input', { name: 'leadingLeader' });
    out.push(review('key', 'act.key', () => ({ action: 'key', leadingLeader: leader.value || null }), [field('leadingLeader', leader)]));
  }
  if (status === 'registered' || status === 'handed_back') {
    const lead = h('select', { name: 'leadUnit', required: true }, unitOptions(true));
    const co = h('select', { name: 'coUnits', multiple: true, size: 4 }, unitOptions(false));
    const due = h('input', { name: 'dueDate', type: 'date' });
    out.push(kept('assign', () => actionForm({ data: { action: 'assign' } },
      [field('act.leadUnit', lead), field('act.coUnits', co), field('act.dueDate', due)], t('act.assign'),
      (send) => send(`/api/proposals/${enc(id)}/assignment`, {
        committee: p.committee,
        leadUnit: lead.value,
        coUnits: [...co.selectedOptions].map((o) => o.value),
        dueDate: due.value || null,
      }), after('assign'))));
  }
  if (status === 'assigned') {
    for (const unit of (p.units || []).filter((u) => u.active && !u.answeredAt)) {
      const label = unitName(state.units, unit.unit);
      out.push(h('div', { class: 'unit-actions', data: { unit: unit.unit } }, h('h3', {}, `${label} · ${t(`role.${unit.role}`)}`),
        kept(`answer:${unit.unit}:${unit.round}`, () => answerForms(id, unit, after(`answer:${unit.unit}:${unit.round}`))),
        kept(`handback:${unit.unit}:${unit.round}`, () => handBackForm(id, unit, after(`handback:${unit.unit}:${unit.round}`)))));
    }
  }
  if (status === 'answered') {
    out.push(review('close', 'act.close', () => ({ action: 'close' })));
  }
  if (registeredStates.includes(status) && !p.excellent) {
    out.push(review('excellent', 'act.excellent', () => ({ action: 'excellent' })));
  }
  return out;
}

function actionsView(p) {
  const user = state.user;
  if (!user) return null;
  const items = user.role === 'member' ? memberActions(p, user) : user.role === 'staff' ? officeActions(p) : [];
  const [element, body] = section('actions', 'actions');
  body.append(items.length ? h('div', { class: 'actions' }, items) : h('p', { class: 'muted' }, t('noActions')));
  return element;
}

function render() {
  if (!state.proposal) {
    showError(main, state.error);
    return;
  }
  const p = state.proposal;
  document.title = `${p.title} · ${t('brand')}`;
  const facts = table([
    ['number', () => p.numberText || '—'],
    ['status', () => h('span', { id: 'proposal-status', class: `status ${p.status}`, data: { status: p.status } }, proposalStatusLabel(p.status))],
    ['proposalLead', () => memberLink(p.lead)],
    ['cosigners', () => list(p.cosigners || [])],
    ['committee', () => name(p.committee)],
    ['session', () => [p.session || '—', p.duringPlenary ? ` · ${t('plenary')}` : '']],
    ['submittedAt', () => formatTime(p.submittedAt)],
  ], [p], { class: 'facts-table' });
  const marks = [
    p.key ? h('span', { class: 'chip key' }, `★ ${t('keyProposal')}${p.leadingLeader ? ` · ${t('leadingLeader')}: ${p.leadingLeader}` : ''}`) : null,
    p.excellent ? h('span', { class: 'chip excellent' }, t('excellent')) : null,
    p.mergedInto ? h('span', { class: 'chip' }, `${t('mergedInto')} `, h('a', { href: `/proposals/${enc(p.mergedInto)}` }, p.mergedInto)) : null,
    p.reportId ? h('span', { class: 'chip' }, h('a', { href: `/reports/${enc(p.reportId)}` }, t('toReportDone'))) : null,
    p.reason ? h('span', { class: 'chip' }, `${t('reason')}: ${p.reason}`) : null,
  ].filter(Boolean);

  const [text, textBody] = section('text', 'body');
  textBody.append(h('div', { id: 'proposal-body', class: 'text' }, p.body));

  const [signing, signingBody] = section('invitations', 'invitations');
  put(signingBody,
    p.signingDeadline ? h('p', { class: 'muted' }, `${t('signingDeadline')}: ${formatTime(p.signingDeadline)}`) : null,
    (p.invitations || []).length === 0 ? h('p', { class: 'muted' }, t('none')) : table([
      ['invitee', (i) => memberLink(i.member)],
      ['status', (i) => h('span', { class: `status ${i.answer}` }, t(`invitation.${i.answer}`))],
      ['invitedAt', (i) => formatTime(i.invitedAt)],
      ['answeredAt', (i) => formatTime(i.answeredAt)],
    ], p.invitations, { class: 'invitations', rowProps: (i) => ({ data: { member: i.member, answer: i.answer } }) }));

  const [units, unitsBody] = section('units', 'handlingUnits');
  unitsBody.append((p.units || []).length === 0 ? h('p', { class: 'muted' }, t('none')) : table([
    ['name', (u) => h('a', { href: `/handling-units/${enc(u.unit)}` }, unitName(state.units, u.unit))],
    ['role', (u) => t(`role.${u.role}`)],
    ['round', (u) => formatNumber(u.round), 'num'],
    ['assignedAt', (u) => formatTime(u.assignedAt)],
    ['dueAt', (u) => formatTime(u.dueAt)],
    ['answeredAt', (u) => formatTime(u.answeredAt || u.handedBackAt)],
    ['status', (u) => (u.handedBackAt ? proposalEventLabel('proposal.handed_back') : u.answeredAt ? t('done') : u.active ? t('pending') : '')],
  ], p.units, { class: 'units', rowProps: (u) => ({ data: { unit: u.unit, role: u.role } }) }));

  const [answer, answerBody] = section('answer', 'answer');
  answerBody.append(p.answer
    ? h('div', {},
      h('p', {}, h('span', { id: 'answer-class', class: 'chip' }, t(`class.${String(p.answer.class).toLowerCase()}`)), ' ',
        unitName(state.units, p.answer.unit), ' · ', formatTime(p.answer.at)),
      h('div', { id: 'answer-text', class: 'text' }, p.answer.text))
    : h('p', { class: 'muted' }, t('none')));

  const [ratings, ratingsBody] = section('ratings', 'ratings');
  ratingsBody.append((p.ratings || []).length === 0 ? h('p', { class: 'muted' }, t('none')) : table([
    ['rater', (r) => memberLink(r.member)],
    ['rating', (r) => t(`rating.${String(r.rating).toLowerCase()}`)],
    ['at', (r) => formatTime(r.at)],
  ], p.ratings, { class: 'ratings', rowProps: (r) => ({ data: { member: r.member } }) }));

  const [history, historyBody] = section('history', 'history');
  historyBody.append(table([
    ['version', (e) => formatNumber(e.version), 'num'],
    ['at', (e) => formatTime(e.at)],
    ['event', (e) => proposalEventLabel(e.event)],
    ['actor', (e) => `${e.actor} (${e.role})`],
    ['detail', (e) => e.detail || ''],
  ], p.history || [], { class: 'history', rowProps: (e) => ({ data: { event: e.event } }) }));

  put(main,
    h('p', { class: 'kicker' }, t('proposal')),
    h('h1', { id: 'proposal-title' }, p.title),
    marks.length ? h('p', { class: 'chips' }, marks) : null,
    facts,
    actionsView(p),
    text, signing, units, answer, ratings, history);
  document.body.dataset.version = String(p.version);
}

const refresh = coalesce(async () => {
  const before = state.proposal ? state.proposal.version : null;
  await load();
  // Live news that did not change the proposal (a tally moved, another notification) leaves the page
  // as it is, so nobody's typing is disturbed by a redraw.
  if (state.proposal && before !== null && state.proposal.version === before) return;
  render();
});

function crumbs() {
  const p = state.proposal;
  if (!p) return [{ label: id }];
  const staff = state.user && (state.user.role === 'staff' || state.user.role === 'viewer');
  return [
    { label: name(p.committee), href: staff ? `/committees/${enc(p.committee)}/proposals` : undefined },
    { label: p.title },
  ];
}

async function start() {
  header(crumbs);
  await load();
  header(crumbs);
  render();
  onLanguage(() => {
    clearForms();
    render();
  });
  if (state.proposal) {
    // A member may follow only their own tally; the others follow the lead's, which every decision moves.
    const user = state.user;
    follow(user && user.role === 'member' ? user.scope : state.proposal.lead, '', () => refresh());
    onNotification((item) => {
      if (item.subjectId === id) refresh();
    });
  }
}

start();
