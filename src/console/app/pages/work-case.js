// A case of any family beside faults (GET /cases/{id}): what it is about, status and who is
// awaited, breached and contested marked, the next deadline with its clause and a live
// countdown, the actions this person's role may take now (the API's permittedActions, nothing
// else), documents filed on it, the stated times with their contests, and the timeline with each
// fact's stated and recorded times (a stated earlier time is marked as the stating party's claim).
import { html, useEffect, useState } from '../../vendor/htm-preact.js';
import { api } from '../api.js';
import { deadlineName, t, when } from '../i18n.js';
import { Badge, Countdown, Refusal, useLoad } from '../ui.js';
import { ActionForm, RefusedAction } from './action-form.js';
import { DocumentList, Timeline } from './case-parts.js';
import { CaseState } from './case-state.js';
import { caseDocumentsPath, workCasePath } from '../paths.js';

export function WorkCasePage({ caseId }) {
  // The case and its documents side by side (issue 16 item 2), each reloaded after an action.
  const [c, error, reloadCase] = useLoad(() => api('GET', workCasePath(caseId)), [caseId]);
  const [docs, , reloadDocs] = useLoad(() => api('GET', caseDocumentsPath(caseId)), [caseId]);
  // The record follows the workflow's completed task, written a moment after an Update answers:
  // the page reads it again then, and every 10 s (a deadline the worker judges shows without a reload).
  const [refused, setRefused] = useState();
  const reload = () => {
    setRefused(undefined);
    reloadCase();
    reloadDocs();
    setTimeout(reloadCase, 1500);
  };
  useEffect(() => {
    const id = setInterval(reloadCase, 10_000);
    return () => clearInterval(id);
  }, [caseId]);
  if (error) return html`<${Refusal} error=${error} />`;
  if (!c) return html`<p class="loading">${t('loading')}</p>`;
  return html`<article aria-labelledby="case-h" data-family=${c.family}>
    <h1 id="case-h">${t(`family.${c.family}`)} · ${c.subject || c.caseId}</h1>
    <p>
      ${c.caseId} · ${t('status')}: <span data-status>${c.status}</span> · ${t('awaiting')}: ${t(c.awaiting)}
      ${c.breached ? html`<${Badge} kind="breach">${t('breached')}<//>` : null}
      ${c.contested ? html`<${Badge} kind="contest">${t('contested')}<//>` : null}
    </p>
    <p><a href=${`#/contract/${encodeURIComponent(c.contractId)}`}>${t('contract')} ${c.contractId}</a></p>
    <${CaseState} c=${c} />
    <h2>${t('deadlines')}</h2>
    ${
      c.nextDeadline
        ? html`<p data-deadline>
            ${deadlineName(c.nextDeadline)} (${t('clause')} ${c.nextDeadline.clause}) · ${when(c.nextDeadline.dueAt)}
            <${Countdown} dueAt=${c.nextDeadline.dueAt} breached=${c.breached} />
          </p>`
        : html`<p>—</p>`
    }
    <section class="actions" aria-labelledby="actions-h">
      <h2 id="actions-h">${t('actions')}</h2>
      <${RefusedAction} refused=${refused} actions=${c.permittedActions} />
      ${c.permittedActions.length === 0 ? html`<p>${t('noActions')}</p>` : null}
      ${c.permittedActions.map(
        (a) =>
          html`<${ActionForm}
            key=${`${a.action}${a.factSeq ?? ''}${a.itemId ?? ''}`}
            a=${a}
            c=${c}
            formKey=${a.action}
            url=${a.url}
            extra=${a.factSeq ? { factSeq: a.factSeq } : {}}
            onDone=${reload}
            onRefused=${setRefused}
          />`,
      )}
    </section>
    <${DocumentList} docs=${docs} />
    ${
      c.contests.length
        ? html`<h2>${t('contests')}</h2>
            <ul>
              ${c.contests.map(
                (s) =>
                  html`<li data-contest=${s.factSeq}>
                    ${t('ofFact', s.factSeq)} · ${s.decided ? t('decision') : s.contested ? t('contested') : t('open')}
                  </li>`,
              )}
            </ul>`
        : null
    }
    <${Timeline} facts=${c.timeline} />
  </article>`;
}
