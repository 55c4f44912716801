// The console's shell: who is signed in (GET /me), the navigation of the pages the role has,
// the zh-CN / en switch, and a hash router (#/queue, #/case/<id>, ...). Bundled by
// src/console/serve.ts (esbuild, in memory). /me and the data of the page named by the address
// were asked for by the page's inline head script (boot.js) before this bundle ran, side by side,
// so the first render waits for one round trip, not two in a row.
import { html, render, useLayoutEffect, useState } from '../vendor/htm-preact.js';
import { api, dropPrefetched, setCsrf } from './api.js';
import { isFault, routeOf } from './paths.js';
import { lang, setLang, t } from './i18n.js';
import { SignIn } from './pages/signin.js';
import { Queue } from './pages/queue.js';
import { Report } from './pages/report.js';
import { CasePage } from './pages/case.js';
import { WorkCasePage } from './pages/work-case.js';
import { ContractPage } from './pages/contract.js';
import { ReportsPage } from './pages/reports.js';
import { AdminPage } from './pages/admin.js';
import { AuditPage } from './pages/audit.js';
import { ServiceRaisePage } from './pages/service-raise.js';

const REPORTERS = ['hospital-operator', 'vendor-service-desk'];

const route = () => routeOf(location.hash);
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

function App() {
  const [me, setMe] = useState(undefined); // undefined = loading, null = signed out
  const [, setTick] = useState(0);
  const [where, setWhere] = useState(route());
  rerender = () => setTick((x) => x + 1);
  // A layout effect: /me is asked for (taken from boot.js) at the first render, not a frame later.
  useLayoutEffect(() => {
    const onHash = () => {
      dropPrefetched(); // what the first address asked for and did not use is not kept for later
      setWhere(route());
    };
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
    service: () => html`<${ServiceRaisePage} me=${me} contractId=${where.arg} />`,
  };
  return html`<${Nav} me=${me} onSignOut=${signOut} />
    <main id="main" tabindex="-1">${(pages[where.page] ?? pages[home(me)])()}</main>`;
}

document.documentElement.lang = lang;
// The skip link (index.html) moves the focus to the page's main, not the address: "#main" in the
// hash router was a page named main, so skipping to the content of a case page showed the home page.
document.querySelector('a.skip')?.addEventListener('click', (e) => {
  e.preventDefault();
  document.getElementById('main')?.focus();
});
render(html`<${App} />`, document.getElementById('app'));
