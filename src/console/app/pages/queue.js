// My queue (GET /me/queue): open cases of every family awaiting my party (faults, inspections,
// care, acceptances, signing obligations, staff changes, service requests), soonest deadline
// first, each with a live countdown to its next deadline and its clause; breached and contested
// cases marked.
// Refreshed every 10 s, so a breach the worker records shows without a reload.
import { html, useEffect } from '../../vendor/htm-preact.js';
import { api } from '../api.js';
import { deadlineName, t } from '../i18n.js';
import { useFaultLevels } from '../levels.js';
import { Badge, Countdown, Refusal, useLoad } from '../ui.js';
import { QUEUE_PATH } from '../paths.js';

export function Queue() {
  const [data, error, reload] = useLoad(() => api('GET', QUEUE_PATH));
  const levels = useFaultLevels();
  useEffect(() => {
    const id = setInterval(reload, 10_000);
    return () => clearInterval(id);
  }, []);
  if (error) return html`<${Refusal} error=${error} />`;
  if (!data) return html`<p class="loading">${t('loading')}</p>`;
  return html`<section aria-labelledby="queue-h">
    <h1 id="queue-h">${t('queue')} <small>(${t('awaiting')}: ${t(data.awaiting)})</small></h1>
    ${
      data.items.length === 0
        ? html`<p>${t('nothing')}</p>`
        : html`<table class="cards">
            <thead>
              <tr>
                <th scope="col">${t('caseNo')}</th>
                <th scope="col">${t('family')}</th>
                <th scope="col">${t('subject')}</th>
                <th scope="col">${t('status')}</th>
                <th scope="col">${t('nextDeadline')}</th>
              </tr>
            </thead>
            <tbody>
              ${data.items.map(
                (c) =>
                  html`<tr
                    key=${c.caseId}
                    data-case=${c.caseId}
                    data-family=${c.family}
                    class=${c.breached ? 'breached' : ''}
                  >
                    <td data-label=${t('caseNo')}>
                      <a href=${`#/case/${encodeURIComponent(c.caseId)}`}>${c.caseId}</a>
                    </td>
                    ${
                      c.family === 'fault'
                        ? html`<td data-label=${t('family')} title=${levels[c.level]?.definition}>
                              ${t('family.fault')} ${t('levelN', c.level)}
                            </td>
                            <td data-label=${t('subject')}>${c.title}</td>`
                        : html`<td data-label=${t('family')}>${t(`family.${c.family}`)}</td>
                            <td data-label=${t('subject')}>${c.subject}</td>`
                    }
                    <td data-label=${t('status')}>
                      ${c.status} ${c.breached ? html`<${Badge} kind="breach">${t('breached')}<//>` : null}
                      ${c.contested ? html`<${Badge} kind="contest">${t('contested')}<//>` : null}
                    </td>
                    <td data-label=${t('nextDeadline')}>
                      ${
                        c.nextDeadline
                          ? html`${deadlineName(c.nextDeadline)} (${t('clause')} ${c.nextDeadline.clause})
                              <${Countdown} dueAt=${c.nextDeadline.dueAt} />`
                          : '—'
                      }
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
  </section>`;
}
