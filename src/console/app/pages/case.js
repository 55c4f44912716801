// A fault case (GET /faults/{id}): level and its definition, deadlines with live countdowns, the
// actions this person's role may take now (the API's permittedActions, nothing else), documents,
// exclusion claims and contests, penalties with their own permitted actions, and the timeline
// with each fact's stated and recorded times (a stated earlier time is marked as a claim).
import { html, useState } from '../../vendor/htm-preact.js';
import { api } from '../api.js';
import { deadlineName, t, when, yuan, span } from '../i18n.js';
import { useFaultLevels } from '../levels.js';
import { Badge, Countdown, Refusal, useLoad } from '../ui.js';
import { ActionForm, RefusedAction } from './action-form.js';
import { DocumentList, Timeline } from './case-parts.js';
import { caseDataPath, caseDocumentsPath, contractOfCase } from '../paths.js';

const deadlineState = (d) =>
  d.status === 'pending'
    ? html`<${Countdown} dueAt=${d.dueAt} />`
    : html`<span class=${`st ${d.status}`}>${t(d.status) ?? d.status}</span
        >${d.lateByMs ? ` (${t('late')} ${span(d.lateByMs)})` : ''}`;

export function CasePage({ caseId }) {
  const path = caseDataPath(caseId);
  // The case, its documents and its contract's levels are fetched side by side (issue 16 item 2:
  // the documents and levels used to wait for the case, a second round trip on every first render).
  const contractId = contractOfCase(caseId);
  const [c, error, reloadCase] = useLoad(() => api('GET', path), [caseId]);
  const [docs, , reloadDocs] = useLoad(() => api('GET', caseDocumentsPath(caseId)), [caseId]);
  const [refused, setRefused] = useState();
  const reload = () => {
    setRefused(undefined);
    reloadCase();
    reloadDocs(); // an action may have uploaded one (the 4.9.2 analysis)
  };
  const levels = useFaultLevels(contractId);
  if (error) return html`<${Refusal} error=${error} />`;
  if (!c) return html`<p class="loading">${t('loading')}</p>`;
  const contested = (c.exclusions ?? []).some((x) => x.status === 'open');
  return html`<article aria-labelledby="case-h">
    <h1 id="case-h">${c.caseId} · ${c.title}</h1>
    <p>
      <strong>${t('levelN', c.level)}</strong> — ${levels[c.level]?.definition ?? ''} (4.9.3) · ${t('status')}:
      <span data-status>${c.status}</span> · ${t('awaiting')}: ${t(c.awaiting)}
      ${c.breached ? html`<${Badge} kind="breach">${t('breached')}<//>` : null}
      ${contested ? html`<${Badge} kind="contest">${t('contested')}<//>` : null}
    </p>
    <p><a href=${`#/contract/${encodeURIComponent(c.contractId)}`}>${t('contract')} ${c.contractId}</a></p>
    <h2>${t('deadlines')}</h2>
    <table class="cards">
      <thead>
        <tr>
          <th scope="col">${t('nextDeadline')}</th>
          <th scope="col">${t('clause')}</th>
          <th scope="col">${t('dueAt')}</th>
          <th scope="col">${t('status')}</th>
        </tr>
      </thead>
      <tbody>
        ${(c.deadlines ?? []).map(
          (d) =>
            html`<tr data-deadline=${d.id}>
              <td data-label=${t('nextDeadline')}>${deadlineName(d)}${d.round > 1 ? ` (${d.round})` : ''}</td>
              <td data-label=${t('clause')}>${d.clause}</td>
              <td data-label=${t('dueAt')}>${when(d.dueAt)}</td>
              <td data-label=${t('status')}>${deadlineState(d)}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <section class="actions" aria-labelledby="actions-h">
      <h2 id="actions-h">${t('actions')}</h2>
      <${RefusedAction} refused=${refused} actions=${c.permittedActions} />
      ${c.permittedActions.length === 0 ? html`<p>${t('noActions')}</p>` : null}
      ${c.permittedActions.map(
        (a) =>
          html`<${ActionForm}
            key=${`${a.action}${a.factSeq ?? ''}`}
            a=${a}
            c=${c}
            formKey=${a.action}
            url=${`${path}/${a.path}`}
            extra=${a.factSeq ? { factSeq: a.factSeq } : {}}
            onDone=${reload}
            onRefused=${setRefused}
          />`,
      )}
    </section>
    <h2>${t('penalties')}</h2>
    ${c.ledger.length === 0 ? html`<p>—</p>` : null}
    ${c.ledger.map(
      (e) =>
        html`<div class="entry" data-entry=${e.id}>
          <p>
            <strong>${e.id}</strong> ${t('clause')} ${e.clause} · ${yuan(e.amountFen)} ·
            <span data-entry-status>${e.status}</span> — ${e.fact}
          </p>
          <div class="actions">
            ${e.permittedActions.map(
              (a) =>
                html`<${ActionForm}
                  key=${a.action}
                  a=${a}
                  c=${c}
                  formKey=${`ledger.${a.action}`}
                  url=${`/ledger/${encodeURIComponent(e.id)}/${a.path}`}
                  extra=${{}}
                  onDone=${reload}
                />`,
            )}
          </div>
        </div>`,
    )}
    ${
      (c.exclusions ?? []).length
        ? html`<h2>${t('exclusions')}</h2>
            <ul>
              ${c.exclusions.map((x) => html`<li>${x.cause} · ${x.status} · ${x.explanation} (${x.claimedBy})</li>`)}
            </ul>`
        : null
    }
    <${DocumentList} docs=${docs} review />
    <${Timeline} facts=${c.timeline} />
  </article>`;
}
