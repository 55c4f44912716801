// The console's shell: who is signed in (GET /me), the navigation of the pages the role has,
// the zh-CN / en switch, and a hash router (#/queue, #/case/<id>, ...). Bundled by
// src/console/serve.ts (esbuild, in memory). The page named by the address asks for its data at
// once, beside /me, so its first render waits for one round trip, not two in a row.
import { html, render, useEffect, useState } from '../vendor/htm-preact.js';
import { api, dropPrefetched, prefetch, setCsrf } from './api.js';
import { lang, setLang, t } from './i18n.js';
import { SignIn } from './pages/signin.js';
import { Queue, QUEUE_PATH } from './pages/queue.js';
import { Report } from './pages/report.js';
import { CasePage, caseDataPath, caseDocumentsPath, contractOfCase } from './pages/case.js';
import { faultLevels } from './levels.js';
import { WorkCasePage, workCasePath } from './pages/work-case.js';
import { ContractPage } from './pages/contract.js';
import { ReportsPage } from './pages/reports.js';
import { AdminPage } from './pages/admin.js';
import { AuditPage } from './pages/audit.js';

const REPORTERS = ['hospital-operator', 'vendor-service-desk'];

function route() {
  const [page, ...rest] = location.hash.replace(/^#\/?/, '').split('/');
  return { page, arg: rest.map(decodeURIComponent).join('/') };
}
// The vendor's service desk only records faults phoned in (4.8): its console opens on the report.
const home = (me) => (me.role === 'vendor-service-desk' ? 'report' : 'queue');

function Nav({ me, onSignOut }) {
  const items = [
    ...(me.role === 'vendor-service-desk' ? [] : [['queue', t('queue')]]),
    ...(REPORTERS.includes(me.role) ? [['report', t('report')]] : []),
    ['contract', t('contracts')],
    ['reports', t('reports')],
    ...(me.role === 'auditor' ? [['audit', t('audit')]] : []),
    ...(me.role === 'admin' ? [['admin', t('admin')]] : []),
  ];
  const current = route().page || home(me);
  return html`<header>
    <nav aria-label=${t('appName')}>
      <strong class="brand">${t('appName')}</strong>
      ${items.map(
        ([p, label]) => html`<a href=${`#/${p}`} aria-current=${current === p ? 'page' : undefined}>${label}</a>`,
      )}
    </nav>
    <div class="who">
      <span>${me.displayName ?? me.name} · ${me.role}</span>
      <button type="button" onClick=${() => switchLang()}>${t('language')}</button>
      <button type="button" onClick=${onSignOut}>${t('signOut')}</button>
    </div>
  </header>`;
}

let rerender = () => undefined;
function switchLang() {
  setLang(lang === 'en' ? 'zh-CN' : 'en');
  rerender();
}

/** A fault case has its own page (GET /faults/{id}); every other family's is GET /cases/{id}. */
const isFault = (caseId) => String(caseId ?? '').startsWith('fault:');

function App() {
  const [me, setMe] = useState(undefined); // undefined = loading, null = signed out
  const [, setTick] = useState(0);
  const [where, setWhere] = useState(route());
  rerender = () => setTick((x) => x + 1);
  useEffect(() => {
    const onHash = () => setWhere(route());
    const onOut = () => {
      dropPrefetched();
      setMe(null);
    };
    window.addEventListener('hashchange', onHash);
    window.addEventListener('weibao:signed-out', onOut);
    api('GET', '/me').then(
      (m) => {
        setCsrf(m.csrfToken);
        setMe(m);
      },
      () => {
        dropPrefetched();
        setMe(null);
      },
    );
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('weibao:signed-out', onOut);
    };
  }, []);
  if (me === undefined) return html`<p class="loading">${t('loading')}</p>`;
  if (me === null)
    return html`<${SignIn}
      onSignedIn=${(m) => {
        setCsrf(m.csrfToken);
        setMe(m);
      }}
      onLang=${switchLang}
    />`;
  const signOut = async () => {
    await api('POST', '/session/end').catch(() => undefined);
    setCsrf(undefined);
    dropPrefetched();
    setMe(null);
  };
  const pages = {
    queue: () => html`<${Queue} me=${me} />`,
    report: () => html`<${Report} me=${me} />`,
    case: () =>
      isFault(where.arg)
        ? html`<${CasePage} me=${me} caseId=${where.arg} />`
        : html`<${WorkCasePage} me=${me} caseId=${where.arg} />`,
    contract: () => html`<${ContractPage} me=${me} contractId=${where.arg} />`,
    reports: () => html`<${ReportsPage} me=${me} />`,
    admin: () => html`<${AdminPage} me=${me} />`,
    audit: () => html`<${AuditPage} me=${me} />`,
  };
  return html`<${Nav} me=${me} onSignOut=${signOut} />
    <main id="main">${(pages[where.page] ?? pages[home(me)])()}</main>`;
}

// The data of the page in the address, asked for with /me (the pages' own api() GETs take them).
const FIRST_DATA = {
  queue: () => [QUEUE_PATH],
  case: (id) => [isFault(id) ? caseDataPath(id) : workCasePath(id), caseDocumentsPath(id)],
};
prefetch('/me');
const first = route();
for (const path of FIRST_DATA[first.page]?.(first.arg) ?? []) prefetch(path);
// A fault case's heading shows its level's 4.9.3 definition: asked for now too (one request per contract, levels.js).
if (first.page === 'case' && isFault(first.arg)) faultLevels(contractOfCase(first.arg)).catch(() => undefined);

document.documentElement.lang = lang;
render(html`<${App} />`, document.getElementById('app'));
