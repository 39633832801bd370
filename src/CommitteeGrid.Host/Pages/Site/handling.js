// What a handling unit (承办单位) does with a proposal assigned to it, shared by the proposal page and the
// unit's queue: the lead unit answers with a class (A/B/C), a co-handling unit gives its opinion, and
// either hands its part back with a reason.

import { h, enc, actionForm, field } from './core.js';
import { t } from './i18n.js';

/** A handling unit's name from a code → name map, else its code. */
export function unitName(names, code) {
  return (names && names.get(code)) || code || '';
}

/** The answer form for one unit's active assignment. */
export function answerForms(proposalId, assignment, done) {
  const lead = assignment.role === 'lead';
  const text = h('textarea', { name: 'text', rows: 3, required: true });
  const cls = lead ? h('select', { name: 'class' }, ['A', 'B', 'C'].map((c) => h('option', { value: c }, t(`class.${c.toLowerCase()}`)))) : null;
  return actionForm({ data: { action: 'answer', unit: assignment.unit } },
    [cls ? field('answerClass', cls) : null, field('act.answerText', text)], t(lead ? 'act.answer' : 'act.opinion'),
    (send) => send(`/api/proposals/${enc(proposalId)}/answers`, { unit: assignment.unit, ...(cls ? { class: cls.value } : {}), text: text.value }),
    done);
}

/** The hand-back form (退回) for one unit's active assignment. */
export function handBackForm(proposalId, assignment, done) {
  const reason = h('input', { name: 'reason', required: true });
  return actionForm({ data: { action: 'handback', unit: assignment.unit } }, [field('reason', reason)], t('act.handback'),
    (send) => send(`/api/proposals/${enc(proposalId)}/handback`, { unit: assignment.unit, reason: reason.value }),
    done);
}
