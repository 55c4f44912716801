// Administration (admin): personal accounts (POST /people, disable), API keys (create, shown
// once; revoke) and who is notified of a contract (PUT /contracts/{id}/notify/people/{personId}).
import { html, useState } from '../../vendor/htm-preact.js';
import { api } from '../api.js';
import { t } from '../i18n.js';
import { Refusal, useLoad } from '../ui.js';
import { ItemTable } from '../table.js';

const ROLES = [
  'hospital-operator',
  'hospital-approver',
  'finance',
  'vendor-engineer',
  'vendor-service-desk',
  'auditor',
  'admin',
];
const contractsOf = (v) =>
  String(v ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

function useSubmit(send) {
  const [error, setError] = useState();
  const [done, setDone] = useState();
  const onSubmit = async (e) => {
    e.preventDefault();
    setError(undefined);
    try {
      setDone(await send(new FormData(e.target)));
      e.target.reset();
    } catch (err) {
      setError(err);
    }
  };
  return { error, done, onSubmit };
}

function People() {
  const [people, error, reload] = useLoad(() => api('GET', '/people'));
  const create = useSubmit(async (f) => {
    const contracts = contractsOf(f.get('contracts'));
    const p = await api('POST', '/people', {
      login: f.get('login'),
      displayName: f.get('displayName'),
      role: f.get('role'),
      password: f.get('password'),
      ...(contracts.length ? { contracts } : {}),
    });
    reload();
    return p;
  });
  return html`<section aria-labelledby="people-h">
    <h2 id="people-h">${t('people')}</h2>
    ${error ? html`<${Refusal} error=${error} />` : html`<${ItemTable} items=${people?.items} label=${t('people')} columns=${['login', 'displayName', 'role', 'contracts', 'createdAt', 'disabledAt']} />`}
    <form onSubmit=${create.onSubmit} aria-label=${`${t('create')} ${t('people')}`}>
      <label>${t('login')} <input name="login" required /></label>
      <label>${t('displayName')} <input name="displayName" required /></label>
      <label
        >${t('role')}
        <select name="role">
          ${ROLES.map((r) => html`<option value=${r}>${r}</option>`)}
        </select></label
      >
      <label>${t('contracts')} <input name="contracts" placeholder="C-2026-001, …" /></label>
      <label>${t('password')} <input name="password" type="password" autocomplete="new-password" required /></label>
      <button type="submit">${t('create')}</button>
      <${Refusal} error=${create.error} />
    </form>
  </section>`;
}

function Keys() {
  const create = useSubmit((f) => {
    const contracts = contractsOf(f.get('contracts'));
    return api('POST', '/api-keys', {
      name: f.get('name'),
      role: f.get('role'),
      ...(contracts.length ? { contracts } : {}),
    });
  });
  const revoke = useSubmit((f) => api('POST', `/api-keys/${encodeURIComponent(f.get('id'))}/revoke`));
  return html`<section aria-labelledby="keys-h">
    <h2 id="keys-h">${t('keys')}</h2>
    <form onSubmit=${create.onSubmit} aria-label=${`${t('create')} ${t('keys')}`}>
      <label>${t('displayName')} <input name="name" required /></label>
      <label
        >${t('role')}
        <select name="role">
          ${ROLES.map((r) => html`<option value=${r}>${r}</option>`)}
        </select></label
      >
      <label>${t('contracts')} <input name="contracts" /></label>
      <button type="submit">${t('create')}</button>
      <${Refusal} error=${create.error} />
      ${create.done ? html`<p role="status">${t('keyOnce')}: <code data-new-key>${create.done.key}</code> (${create.done.id})</p>` : null}
    </form>
    <form onSubmit=${revoke.onSubmit} aria-label=${t('revoke')}>
      <label>ID <input name="id" required /></label>
      <button type="submit">${t('revoke')}</button>
      <${Refusal} error=${revoke.error} />
      ${revoke.done ? html`<p role="status">${revoke.done.id}: ${revoke.done.revokedAt}</p>` : null}
    </form>
  </section>`;
}

function Subscriptions() {
  const save = useSubmit((f) =>
    api(
      'PUT',
      `/contracts/${encodeURIComponent(f.get('contractId'))}/notify/people/${encodeURIComponent(f.get('personId'))}`,
      {
        name: f.get('name'),
        party: f.get('party'),
        role: f.get('role'),
        channels: [{ type: 'email', address: f.get('email') }],
        topics: contractsOf(f.get('topics')),
      },
    ),
  );
  return html`<section aria-labelledby="subs-h">
    <h2 id="subs-h">${t('subscriptions')}</h2>
    <form onSubmit=${save.onSubmit} aria-label=${t('subscriptions')}>
      <label>${t('contract')} <input name="contractId" required /></label>
      <label>ID <input name="personId" required /></label>
      <label>${t('displayName')} <input name="name" required /></label>
      <label
        >${t('party')}
        <select name="party">
          <option value="hospital">${t('hospital')}</option>
          <option value="vendor">${t('vendor')}</option>
        </select></label
      >
      <label
        >${t('role')}
        <select name="role">
          ${['operator', 'approver', 'finance', 'engineer', 'lead', 'manager'].map((r) => html`<option value=${r}>${r}</option>`)}
        </select></label
      >
      <label>Email <input name="email" type="email" required /></label>
      <label>${t('topics')} <input name="topics" placeholder="fault.*, fault.breach" /></label>
      <button type="submit">${t('save')}</button>
      <${Refusal} error=${save.error} />
      ${save.done ? html`<p role="status">${t('submitted')}</p>` : null}
    </form>
  </section>`;
}

export function AdminPage() {
  return html`<article>
    <h1>${t('admin')}</h1>
    <${People} />
    <${Keys} />
    <${Subscriptions} />
  </article>`;
}
