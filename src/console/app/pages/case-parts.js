// Parts both case pages show (the fault case, case.js, and every other family's, work-case.js):
// the documents filed on the case and the timeline with each fact's stated and recorded times
// (a stated earlier time is marked as the stating party's claim, issue 10 item 3).
import { html } from '../../vendor/htm-preact.js';
import { t, when } from '../i18n.js';
import { Badge } from '../ui.js';

/** The case's documents; `review` adds each latest version's review decision (the 4.9.2 analysis). */
export function DocumentList({ docs, review = false }) {
  return html`<h2>${t('documents')}</h2>
    <ul data-docs=${docs ? 'loaded' : 'loading'}>
      ${(docs?.items ?? []).map(
        (d) =>
          html`<li>
            <a href=${`/documents/${encodeURIComponent(d.id)}/content`} download>${d.title}</a> · ${d.kind} ·
            v${d.latest?.version}${review ? ` · ${d.latest?.review?.decision ?? ''}` : ''}
          </li>`,
      )}
    </ul>`;
}

export function Timeline({ facts }) {
  return html`<h2>${t('timeline')}</h2>
    <table class="cards timeline">
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">${t('fact')}</th>
          <th scope="col">${t('occurredAt')}</th>
          <th scope="col">${t('recordedAt')}</th>
          <th scope="col">${t('recordedBy')}</th>
        </tr>
      </thead>
      <tbody>
        ${facts.map(
          (f) =>
            html`<tr data-fact=${f.seq}>
              <td data-label="#">${f.seq}</td>
              <td data-label=${t('fact')}>${f.type}${f.clause ? ` (${f.clause})` : ''}</td>
              <td data-label=${t('occurredAt')}>
                ${when(f.occurredAt)}${f.statedBy ? html` <${Badge} kind="plain">${t('statedBy')}: ${t(f.statedBy)}<//>` : null}
              </td>
              <td data-label=${t('recordedAt')}>${when(f.recordedAt)}</td>
              <td data-label=${t('recordedBy')}>${f.recordedBy.name} (${f.recordedBy.role})</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}
