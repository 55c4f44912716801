// Administration (admin): personal accounts (GET/POST /people, disable), API keys (the list,
// create, shown once; revoke) and who is notified of a contract (PUT /contracts/{id}/notify/people/{personId}).
import { html, useState } from '../../vendor/htm-preact.js';
import { api } from '../api.js';
import { t, when } from '../i18n.js';
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

// The keys (GET /api-keys, within the admin's own contracts): who holds which role for which
// contracts, since when, last used (to about a minute) and revoked; each live key revoked in its row.
function Keys() {
  const [keys, error, reload] = useLoad(() => api('GET', '/api-keys'));
  const create = useSubmit(async (f) => {
    const contracts = contractsOf(f.get('contracts'));
    const made = await api('POST', '/api-keys', {
      name: f.get('name'),
      role: f.get('role'),
      ...(contracts.length ? { contracts } : {}),
    });
    reload();
    return made;
  });
  const [refused, setRefused] = useState();
  const revoke = async (id) => {
    setRefused(undefined);
    try {
      await api('POST', `/api-keys/${encodeURIComponent(id)}/revoke`);
      reload();
    } catch (err) {
      setRefused(err);
    }
  };
  const cols = [
    ['name', t('displayName')],
    ['role', t('role')],
    ['contracts', t('contracts')],
    ['createdAt', t('createdAt')],
    ['lastUsedAt', t('lastUsedAt')],
    ['revokedAt', t('revokedAt')],
  ];
  return html`<section aria-labelledby="keys-h">
    <h2 id="keys-h">${t('keys')}</h2>
    ${error ? html`<${Refusal} error=${error} />` : null}
    <table class="cards" aria-label=${t('keys')}>
      <thead>
        <tr>
          <th scope="col">ID</th>
          ${cols.map(([, label]) => html`<th scope="col">${label}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${(keys?.items ?? []).map(
          (k) =>
            html`<tr key=${k.id} data-key=${k.id}>
              <td data-label="ID"><code>${k.id}</code></td>
              <td data-label=${t('displayName')}>${k.name}</td>
              <td data-label=${t('role')}>${k.role}</td>
              <td data-label=${t('contracts')}>${k.contracts.join(', ')}</td>
              <td data-label=${t('createdAt')}>${when(k.createdAt)}${k.createdBy ? ` · ${k.createdBy}` : ''}</td>
              <td data-label=${t('lastUsedAt')}>${k.lastUsedAt ? when(k.lastUsedAt) : t('neverUsed')}</td>
              <td data-label=${t('revokedAt')}>
                ${
                  k.revokedAt
                    ? when(k.revokedAt)
                    : html`<button type="button" onClick=${() => revoke(k.id)} aria-label=${`${t('revoke')} ${k.name}`}>
                        ${t('revoke')}
                      </button>`
                }
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
    <${Refusal} error=${refused} />
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
