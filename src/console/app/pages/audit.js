// The audit trail (auditors, clause 7 / MLPS 4.6): who did what, when, with what outcome.
import { html, useState } from '../../vendor/htm-preact.js';
import { api } from '../api.js';
import { t } from '../i18n.js';
import { Refusal, useLoad } from '../ui.js';
import { ItemTable } from '../table.js';

export function AuditPage() {
  const [actor, setActor] = useState('');
  const [data, error] = useLoad(
    () => api('GET', `/audit${actor ? `?actor=${encodeURIComponent(actor)}` : ''}`),
    [actor],
  );
  return html`<section aria-labelledby="audit-h">
    <h1 id="audit-h">${t('audit')}</h1>
    <form
      onSubmit=${(e) => {
        e.preventDefault();
        setActor(new FormData(e.target).get('actor'));
      }}
    >
      <label>${t('recordedBy')} <input name="actor" /></label>
      <button type="submit">${t('filter')}</button>
    </form>
    ${error ? html`<${Refusal} error=${error} />` : html`<${ItemTable} items=${data?.items} label=${t('audit')} columns=${['at', 'actor', 'role', 'action', 'target', 'status', 'outcome']} />`}
  </section>`;
}
