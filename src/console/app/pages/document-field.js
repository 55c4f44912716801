// A stored document an action cites in issue 14's one shape, { documentRef: <id>@<version>,
// sha256 } (the 4.6 remediation's evidence): uploaded from the form, or picked from the
// documents of that kind already stored on the contract (a certificate filed once is cited by
// several items). The API checks the citation against the store (kind, contract, hash) and
// answers its refusal with the clause; nothing is judged here.
import { html } from '../../vendor/htm-preact.js';
import { sharedRead } from '../api.js';
import { t, when } from '../i18n.js';
import { useLoad } from '../ui.js';

const storedOfKind = (contractId, kind) =>
  `/contracts/${encodeURIComponent(contractId)}/documents?kind=${encodeURIComponent(kind)}`;

/**
 * The field: a choice of the contract's stored documents of f.doc.kind, or a file to store. The
 * list is read once per page (sharedRead), not once per form: an inspection with 10 remediation
 * items asked for the same list 10 times.
 */
export function DocumentField({ f, c }) {
  const path = storedOfKind(c.contractId, f.doc.kind);
  const [docs] = useLoad(() => sharedRead(path), [path]);
  return html`<fieldset data-document=${f.name}>
    <legend>${f.label()}</legend>
    <label
      >${t('pickStoredDocument')}<select name=${`${f.name}.pick`}>
        <option value="">${t('noStoredDocument')}</option>
        ${(docs?.items ?? []).map(
          (d) =>
            html`<option value=${`${d.id}@${d.latest.version} ${d.latest.sha256}`}>
              ${d.title} · v${d.latest.version} · ${when(d.latest.uploadedAt)}
            </option>`,
        )}
      </select></label
    >
    <label>${t('orUploadDocument')}<input type="file" name=${`${f.name}.file`} /></label>
  </fieldset>`;
}

/**
 * The citation the form gives: a chosen file is stored first (store: the action form's upload,
 * its subject the case) and cited; else the picked stored document; else none (the field is optional).
 */
export async function citedDocument(f, form, c, store) {
  const file = form.get(`${f.name}.file`);
  if (file?.name) {
    const stored = await store(c, f.doc.kind, file);
    return { documentRef: `${stored.id}@${stored.latest.version}`, sha256: stored.latest.sha256 };
  }
  const [documentRef, sha256] = String(form.get(`${f.name}.pick`) ?? '').split(' ');
  return documentRef ? { documentRef, sha256 } : undefined;
}
