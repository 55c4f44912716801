// Reports of a contract year (src/api/routes/reports.ts) as CSV and PDF downloads: the links are
// the API's own report routes (the cookie goes with a same-origin GET), in the console's language
// (?lang=: a link cannot set Accept-Language, and the browser's own may differ from the switch).
import { html, useState } from '../../vendor/htm-preact.js';
import { api } from '../api.js';
import { t } from '../i18n.js';
import { Refusal, useLoad } from '../ui.js';
import { CONTRACTS_PATH } from '../paths.js';

const REPORTS = {
  sla: { 'zh-CN': 'SLA 达标报告（4.9）', en: 'SLA compliance (4.9)' },
  'penalty-statement': { 'zh-CN': '违约金结算单（6、10）', en: 'Penalty statement (6, 10)' },
  'om-record': { 'zh-CN': '年度运维记录（3）', en: 'Yearly O&M record (3)' },
  'acceptance-form': { 'zh-CN': '年度验收单（8）', en: 'Acceptance form (8)' },
};

export function ReportsPage() {
  const [contracts, error] = useLoad(() => api('GET', CONTRACTS_PATH));
  const [contractId, setContractId] = useState();
  const [year, setYear] = useState(1);
  if (error) return html`<${Refusal} error=${error} />`;
  if (!contracts) return html`<p class="loading">${t('loading')}</p>`;
  const cid = contractId ?? contracts.items[0]?.id;
  const lang = document.documentElement.lang === 'en' ? 'en' : 'zh-CN';
  return html`<section aria-labelledby="reports-h">
    <h1 id="reports-h">${t('reports')}</h1>
    <label
      >${t('contract')}
      <select onChange=${(e) => setContractId(e.target.value)} value=${cid}>
        ${contracts.items.map((c) => html`<option value=${c.id}>${c.id} · ${c.name}</option>`)}
      </select>
    </label>
    <label
      >${t('year')}
      <select onChange=${(e) => setYear(Number(e.target.value))} value=${year}>
        ${[1, 2, 3].map((y) => html`<option value=${y}>${y}</option>`)}
      </select>
    </label>
    ${
      cid
        ? html`<ul class="reports">
            ${Object.entries(REPORTS).map(([name, label]) => {
              const base = `/contracts/${encodeURIComponent(cid)}/reports/${name}?year=${year}&lang=${lang}`;
              return html`<li data-report=${name}>
                ${label[lang]}:
                <a href=${`${base}&format=csv`} download>${t('download')} CSV</a> ·
                <a href=${`${base}&format=pdf`} download>${t('download')} PDF</a>
              </li>`;
            })}
          </ul>`
        : null
    }
  </section>`;
}
