// Drafting a proposal (/proposals/new?lead=…): title and text, saved as a draft of the lead member; the
// proposal page then takes over (invite co-signers, submit). A member drafts their own; committee staff
// may draft for a member of their subtree (代录), naming the lead.

import { h, put, enc, params, unitHref, header, showError, me, actionForm, field, unitName } from './core.js';
import { t, onLanguage } from './i18n.js';

const main = document.getElementById('main');
const state = { user: null, lead: params().get('lead') || '', leadName: '' };
let form = null;

function render() {
  document.title = `${t('newProposal')} · ${t('brand')}`;
  const ownOnly = state.user && state.user.role === 'member';
  form ??= (() => {
    const lead = h('input', { name: 'lead', required: true, value: ownOnly ? state.user.scope : state.lead, readonly: ownOnly, autocomplete: 'off' });
    const title = h('input', { name: 'title', required: true, maxlength: 100, autocomplete: 'off' });
    const body = h('textarea', { name: 'body', required: true, rows: 12, maxlength: 10000 });
    return actionForm({ id: 'draft', class: 'draft' },
      [field('draftLead', lead), field('draftTitle', title), field('draftBody', body)], t('saveDraft'),
      (send) => send('/api/proposals', { lead: lead.value.trim(), title: title.value, body: body.value }),
      (answer) => location.assign(`/proposals/${enc(answer.proposalId)}`));
  })();
  put(main,
    h('p', { class: 'kicker' }, t('proposal')),
    h('h1', {}, t('newProposal')),
    state.leadName ? h('p', { class: 'links' }, h('a', { href: unitHref(state.lead, 'member') }, state.leadName)) : null,
    h('p', { class: 'muted' }, t('draftHint')),
    h('section', { id: 'draft-section' }, form));
}

function crumbs() {
  return [{ label: t('newProposal') }];
}

async function start() {
  header(crumbs);
  try {
    state.user = await me();
  } catch (error) {
    showError(main, error);
    return;
  }
  if (state.user.role === 'member') state.lead = state.user.scope;
  if (state.lead) state.leadName = await unitName(state.lead);
  render();
  onLanguage(() => {
    form = null;
    render();
  });
}

start();
