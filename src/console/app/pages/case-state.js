// What a case's recorded state says beyond its status, for the families whose forms change it
// (issue 16 item 1): a service request's licence and renewal (4.4), its large-change claim and
// the approver's decision (5.4), its breach and the penalty the approver's rate gave (6.5); a late
// 6.3 plan and its penalty (6.5); an inspection's remediation items with their deadlines and
// evidence (4.6). Read from the API's answer (GET /cases/{id} state), nothing computed here.
import { html } from '../../vendor/htm-preact.js';
import { t, when, yuan } from '../i18n.js';
import { ItemTable } from '../table.js';

const Row = ({ name, label, children }) =>
  html`<dt>${label}</dt>
    <dd data-state=${name}>${children}</dd>`;

/** A breach and the penalty the approver's rate gave (6.5), or that it awaits the rate. */
const BreachRow = ({ b, pricedUnder }) =>
  html`<${Row} name="breach" label=${t('breachOf', b.clause)}>
    ${`${when(b.at)} · ${t('pricedUnder', pricedUnder)} · `}
    ${b.priced ? html`<strong>${yuan(b.penaltyFen)}</strong> ${b.basis ?? ''}` : t('notPriced')}
  <//>`;

function ServiceState({ s }) {
  const lc = s.largeChange;
  return html`<dl class="state">
    ${
      s.licence
        ? html`<${Row} name="licence" label=${t('licenceExpiresOn')}>${s.licence.expiresOn} (${t('clause')} 4.4)<//>`
        : null
    }
    ${s.renewal ? html`<${Row} name="renewal" label=${t('renewedTo')}>${s.renewal.expiresOn}<//>` : null}
    ${
      lc
        ? html`<${Row} name="large-change" label=${t('largeChangeClaim')}>
            ${lc.reason} · ${lc.claimedBy} (${t('clause')} 5.4)
            ${
              lc.decision
                ? html` · <strong>${t(`largeChange.${lc.decision.outcome}`)}</strong> ${lc.decision.by}
                    ${lc.decision.separateTerms ? html` · ${t('separateTerms')}: ${lc.decision.separateTerms}` : null}`
                : html` · ${t('open')}`
            }
          <//>`
        : null
    }
    ${s.breach ? html`<${BreachRow} b=${s.breach} pricedUnder=${s.breach.pricedUnder} />` : null}
  </dl>`;
}

const REMEDIATION_COLUMNS = ['id', 'finding', 'deadline', 'status', 'resolvedAt', 'evidence'];
const remediationRows = (items) => items.map((r) => ({ ...r, evidence: r.evidence?.documentRef }));

export function CaseState({ c }) {
  const s = c.state ?? {};
  if (c.family === 'service') return html`<${ServiceState} s=${s} />`;
  // 6.3's plan late: priced under 6.5 by the approver's rate
  if (c.family === 'rectification' && s.planBreach)
    return html`<dl class="state"><${BreachRow} b=${s.planBreach} pricedUnder="6.5" /></dl>`;
  if (c.family === 'inspection' && s.remediation?.length)
    return html`<h2>${t('remediationItems')} (${t('clause')} 4.6)</h2>
      <${ItemTable}
        items=${remediationRows(s.remediation)}
        label=${t('remediationItems')}
        columns=${REMEDIATION_COLUMNS}
        rowAttr="id"
      />`;
  return null;
}
