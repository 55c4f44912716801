// A contract: its signing obligations, inspections, care, acceptances, payments (finance marks
// one paid), staff and the ledger with its totals against the 5 % and 20 % thresholds (the
// API's thresholds standing, src/domain/thresholds.ts). Without an id: the list of contracts.
import { html, useState } from '../../vendor/htm-preact.js';
import { api } from '../api.js';
import { t, yuan } from '../i18n.js';
import { Refusal, useLoad } from '../ui.js';
import { ItemTable } from '../table.js';
import { CONTRACTS_PATH, contractOverviewPath } from '../paths.js';
import { RAISERS } from './service-raise.js';

const items = (r) => r?.items ?? (Array.isArray(r) ? r : []);

function Section({ title, data, children }) {
  return html`<section aria-label=${title}>
    <h2>${title}</h2>
    ${children ?? html`<${ItemTable} items=${items(data)} label=${title} />`}
  </section>`;
}

function Thresholds({ totals }) {
  if (!totals) return null;
  return html`<div class="totals">
    <p>
      ${t('totals')}: confirmed ${yuan(totals.confirmedFen)} · proposed ${yuan(totals.proposedFen)} · disputed
      ${yuan(totals.disputedFen)} · held ${yuan(totals.heldFen)} · waived ${yuan(totals.waivedFen)} /
      ${yuan(totals.amountFen)}
    </p>
    <ul>
      ${(totals.thresholds ?? []).map(
        (th) =>
          html`<li data-threshold=${th.clause}>
            ${th.clause === '6.3' ? t('threshold20') : t('threshold5')}: ${th.percent} % = ${yuan(th.limitFen)}
            <meter min="0" max=${th.limitFen} value=${totals.confirmedFen} aria-label=${th.clause}></meter>
            ${th.crossed ? html`<strong class="over">${t('breached')}</strong>` : null}
          </li>`,
      )}
    </ul>
  </div>`;
}

function Payments({ data, me, onDone }) {
  const [error, setError] = useState();
  const pay = async (id) => {
    try {
      await api('POST', `/payments/${encodeURIComponent(id)}/paid`, {});
      onDone();
    } catch (e) {
      setError(e);
    }
  };
  return html`<${ItemTable} items=${items(data)} label=${t('payments')} rowAttr="id" />
    ${
      me.role === 'finance'
        ? items(data)
            .filter((p) => p.status === 'released')
            .map(
              (p) =>
                html`<button type="button" onClick=${() => pay(p.id)}>
                  ${t('confirm')} ${p.id} (${t('clause')} 10)
                </button>`,
            )
        : null
    }
    <${Refusal} error=${error} />`;
}

export function ContractPage({ me, contractId }) {
  if (!contractId) return html`<${ContractList} />`;
  // One read: every section is read under the contract's own rule (clause 7), so a refusal is the whole page's.
  const [d, error, reload] = useLoad(() => api('GET', contractOverviewPath(contractId)), [contractId]);
  if (error) return html`<${Refusal} error=${error} />`;
  if (!d) return html`<p class="loading">${t('loading')}</p>`;
  const c = d.contract;
  return html`<article aria-labelledby="contract-h">
    <h1 id="contract-h">${c.id} · ${c.name}</h1>
    <p>${c.hospital} / ${c.vendor} · ${yuan(c.amountFen)} · ${c.status}</p>
    <${Section} title=${t('obligations')} data=${d.obligations} />
    <${Section} title=${t('inspections')} data=${d.inspections} />
    <${Section} title=${t('care')} data=${d.care} />
    <${Section} title=${t('acceptances')} data=${d.acceptances} />
    <${Section} title=${t('payments')} data=${d.payments}
      ><${Payments} data=${d.payments} me=${me} onDone=${reload}
    /><//>
    <${Section} title=${t('staff')} data=${d.staff} />
    <${Section} title=${t('serviceRequests')} data=${d.serviceRequests}>
      ${RAISERS.includes(me.role) ? html`<p><a href=${`#/service/${encodeURIComponent(contractId)}`}>${t('raiseService')}</a></p>` : null}
      <${ServiceList} items=${items(d.serviceRequests)} />
    <//>
    <${Section} title=${t('ledger')} data=${d.ledger}>
      <${Thresholds} totals=${d.totals} />
      <${ItemTable}
        items=${items(d.ledger)}
        label=${t('ledger')}
        columns=${['id', 'clause', 'caseId', 'amountFen', 'status', 'occurredAt']}
        rowAttr="id"
      />
    <//>
  </article>`;
}

/** A contract's service requests, each a link to its case page (4.4-5.4). */
const ServiceList = ({ items: list }) =>
  list.length === 0
    ? html`<p>—</p>`
    : html`<ul>
        ${list.map(
          (r) =>
            html`<li data-request=${r.requestId}>
              <a href=${`#/case/${encodeURIComponent(r.workflowId)}`}>${r.title}</a> (${t('clause')} ${r.clause}) ·
              ${r.status}${r.breached ? ` · ${t('breached')}` : ''}
            </li>`,
        )}
      </ul>`;

function ContractList() {
  const [data, error] = useLoad(() => api('GET', CONTRACTS_PATH));
  if (error) return html`<${Refusal} error=${error} />`;
  if (!data) return html`<p class="loading">${t('loading')}</p>`;
  return html`<section aria-labelledby="contracts-h">
    <h1 id="contracts-h">${t('contracts')}</h1>
    <ul>
      ${data.items.map((c) => html`<li><a href=${`#/contract/${encodeURIComponent(c.id)}`}>${c.id} · ${c.name}</a> (${c.status})</li>`)}
    </ul>
  </section>`;
}
