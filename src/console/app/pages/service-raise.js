// The hospital raises a service request on a contract (POST /contracts/{id}/service-requests,
// README "Service requests"): its clause (4.5-5.4; a licence is registered, not raised, 4.4),
// raised now or planned from the year's list, title, description and the due date it proposes
// (the vendor accepts it or proposes another on the request's page). One Idempotency-Key per
// filled-in form: a double click or a retry answers the same request.
import { html, useState } from '../../vendor/htm-preact.js';
import { api } from '../api.js';
import { t } from '../i18n.js';
import { Refusal } from '../ui.js';

const CLAUSES = ['4.5', '4.6', '4.7', '4.12', '5.1', '5.2', '5.3', '4.8.5', '5.4'];
export const RAISERS = ['hospital-operator', 'hospital-approver'];

export function ServiceRaisePage({ contractId }) {
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [error, setError] = useState();
  const [made, setMade] = useState();
  const submit = async (e) => {
    e.preventDefault();
    const f = new FormData(e.target);
    setError(undefined);
    const body = {
      clause: f.get('clause'),
      origin: f.get('origin'),
      title: f.get('title'),
      description: f.get('description'),
      ...(f.get('proposedDueDate') ? { proposedDueDate: f.get('proposedDueDate') } : {}),
    };
    try {
      const path = `/contracts/${encodeURIComponent(contractId)}/service-requests`;
      setMade(await api('POST', path, body, { 'idempotency-key': key }));
      setKey(crypto.randomUUID());
    } catch (err) {
      setError(err);
    }
  };
  if (made)
    return html`<section aria-live="polite" class="made">
      <h1>${t('submitted')}: <a href=${`#/case/${encodeURIComponent(made.workflowId)}`}>${made.title}</a></h1>
      <p>${made.workflowId} · ${t('clause')} ${made.clause}</p>
      <button type="button" onClick=${() => setMade(undefined)}>${t('raiseService')}</button>
    </section>`;
  return html`<form class="report" onSubmit=${submit} aria-labelledby="raise-h">
    <h1 id="raise-h">${t('raiseService')} · ${contractId}</h1>
    <label
      >${t('serviceClause')}
      <select name="clause">
        ${CLAUSES.map((c) => html`<option value=${c}>${t(`serviceClause.${c}`)}</option>`)}
      </select>
    </label>
    <label
      >${t('origin')}
      <select name="origin">
        <option value="raised">${t('origin.raised')}</option>
        <option value="planned">${t('origin.planned')}</option>
      </select>
    </label>
    <label>${t('requestTitle')} <input name="title" required maxlength="200" /></label>
    <label>${t('requestDescription')} <textarea name="description" required maxlength="20000"></textarea></label>
    <label>${t('proposedDueDate')} <input name="proposedDueDate" type="date" /></label>
    <button type="submit">${t('raiseService')}</button>
    <${Refusal} error=${error} />
  </form>`;
}
