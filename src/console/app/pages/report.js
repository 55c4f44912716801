// Report a fault in one screen (POST /contracts/{id}/faults, 4.8, 4.9): the level with its 4.9.3
// definition, whether it affects operations (levels 1-2 always do), the channel, and when the
// call came in (occurredAt of the report; earlier than now is the reporter's contestable claim).
// One Idempotency-Key per filled-in form: a double click or a retry returns the same case.
import { html, useState } from '../../vendor/htm-preact.js';
import { api } from '../api.js';
import { beijingInstant, channelText, t, when } from '../i18n.js';
import { useFaultLevels } from '../levels.js';
import { Refusal, useLoad } from '../ui.js';

const CHANNELS = ['phone', 'wechat', 'web', 'remote'];

export function Report({ me }) {
  const [contracts] = useLoad(() => api('GET', '/contracts?status=active'));
  const [chosen, setChosen] = useState();
  const contractId = chosen ?? contracts?.items?.[0]?.id ?? null;
  // The levels as this contract states them: its own 4.9.4 response minutes (terms) beside each 4.9.3 definition.
  const levels = useFaultLevels(contractId);
  const [level, setLevel] = useState(3);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [error, setError] = useState();
  const [made, setMade] = useState();
  const submit = async (e) => {
    e.preventDefault();
    const f = new FormData(e.target);
    setError(undefined);
    const body = {
      level,
      title: f.get('title'),
      description: f.get('description') || undefined,
      channel: f.get('channel'),
      reporter: f.get('reporter'),
      affectsOperations: level <= 2 || f.get('affectsOperations') === 'on',
      reportedAt: beijingInstant(f.get('calledAt')),
    };
    try {
      const c = await api('POST', `/contracts/${encodeURIComponent(f.get('contractId'))}/faults`, body, {
        'idempotency-key': key,
      });
      setMade(c);
      setKey(crypto.randomUUID());
    } catch (err) {
      setError(err);
    }
  };
  if (made)
    return html`<section aria-live="polite" class="made">
      <h1>${t('submitted')}: <a href=${`#/case/${encodeURIComponent(made.caseId)}`}>${made.caseId}</a></h1>
      <ul>
        ${made.deadlines.map((d) => html`<li>${d.kind} (${t('clause')} ${d.clause}): ${when(d.dueAt)}</li>`)}
      </ul>
      <button type="button" onClick=${() => setMade(undefined)}>${t('report')}</button>
    </section>`;
  return html`<form class="report" onSubmit=${submit} aria-labelledby="report-h">
    <h1 id="report-h">${t('report')}</h1>
    <label
      >${t('contract')}
      <select name="contractId" required onChange=${(e) => setChosen(e.target.value)}>
        ${(contracts?.items ?? []).map((c) => html`<option value=${c.id}>${c.id} · ${c.name}</option>`)}
      </select>
    </label>
    <fieldset>
      <legend>${t('level')} (4.9.3)</legend>
      ${[1, 2, 3, 4, 5].map(
        (n) =>
          html`<label class="level">
            <input type="radio" name="level" value=${n} checked=${level === n} onChange=${() => setLevel(n)} />
            <strong>${levels[n]?.name ?? t('levelN', n)}</strong> <span>${levels[n]?.definition ?? ''}</span>
            ${levels[n] ? html`<small>${t('responseWithin', levels[n].response.text)} (4.9.4)</small>` : null}
          </label>`,
      )}
    </fieldset>
    <label class="check">
      <input type="checkbox" name="affectsOperations" checked=${level <= 2 ? true : undefined} disabled=${level <= 2} />
      ${t('affectsOperations')}
    </label>
    <label
      >${t('channel')}
      <select name="channel">
        ${CHANNELS.map((c) => html`<option value=${c}>${channelText(c)}</option>`)}
      </select>
    </label>
    <label>${t('title')} <input name="title" required maxlength="200" /></label>
    <label>${t('description')} <textarea name="description" maxlength="10000"></textarea></label>
    <label>${t('reporter')} <input name="reporter" required maxlength="100" value=${me.displayName ?? ''} /></label>
    <label
      >${t('calledAt')}
      <input name="calledAt" type="datetime-local" step="1" aria-describedby="called-hint" />
      <small id="called-hint">${t('calledAtHint')}</small>
    </label>
    <button type="submit">${t('submit')}</button>
    <${Refusal} error=${error} />
  </form>`;
}
