// One action's form on a case page (any family): its fields (action-forms.js), its clause, the
// refusal the API answered with (code and clause). Which actions appear is the API's answer
// (permittedActions), never decided here. A file field stores the document first (its kind is
// the field's: fault-analysis 4.9.2, inspection-report 4.3) and the action cites it.
import { html, useState } from '../../vendor/htm-preact.js';
import { api, upload } from '../api.js';
import { beijingInstant, t } from '../i18n.js';
import { Refusal } from '../ui.js';
import { ACTION_FORMS } from './action-forms.js';

const lines = (v) =>
  String(v ?? '')
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

async function bodyOf(spec, form, c) {
  const body = {};
  for (const f of spec) {
    if (f.kind === 'fixed') {
      body[f.name] = f.value;
      continue;
    }
    const v = form.get(f.name);
    if (f.kind === 'file') {
      const doc = f.doc ?? { kind: 'fault-analysis', ref: 'reference', hash: 'checksum', prefix: 'sha256:' };
      const up = new FormData();
      up.append('kind', doc.kind);
      up.append('title', v.name || doc.kind);
      up.append('subject', c.caseId);
      up.append('file', v);
      const stored = await upload(`/contracts/${encodeURIComponent(c.contractId)}/documents`, up);
      body[doc.ref] = `${stored.id}@${stored.latest.version}`;
      body[doc.hash] = `${doc.prefix}${stored.latest.sha256}`;
    } else if (f.kind === 'datetime') {
      if (v) body[f.name] = beijingInstant(v);
    } else if (f.kind === 'lines' || f.name === 'evidence') {
      body[f.name] = lines(v);
    } else if (f.kind === 'bool') {
      body[f.name] = v === 'true';
    } else if (f.kind === 'removed') {
      body.removed = [{ kind: form.get('removedKind'), description: v }];
    } else if (f.name === 'level') {
      body.level = Number(v);
    } else if (v !== null && v !== '') body[f.name] = v;
  }
  return body;
}

function Field({ f }) {
  if (f.kind === 'fixed') return null;
  const label = f.label();
  if (f.kind === 'select' || f.kind === 'bool')
    return html`<label
      >${label}<select name=${f.name}>
        ${f.options.map(([v, l]) => html`<option value=${v}>${l()}</option>`)}
      </select></label
    >`;
  if (f.kind === 'removed')
    return html`<label
        >${t('removedKind')}<select name="removedKind">
          ${['dongle', 'encryption', 'time-lock', 'licence-code'].map((k) => html`<option value=${k}>${t(`removed.${k}`)}</option>`)}
        </select></label
      ><label>${label}<textarea name=${f.name} required></textarea></label>`;
  if (f.kind === 'textarea' || f.kind === 'lines')
    return html`<label>${label}<textarea name=${f.name} required=${f.required}></textarea></label>`;
  if (f.kind === 'file') return html`<label>${label}<input type="file" name=${f.name} required /></label>`;
  if (f.kind === 'datetime')
    return html`<label>${label}<input type="datetime-local" step="1" name=${f.name} /></label>`;
  if (f.kind === 'date')
    return html`<label>${label}<input type="date" name=${f.name} required=${f.required} /></label>`;
  return html`<label>${label}<input name=${f.name} required=${f.required} /></label>`;
}

/** The form of action a (permittedActions) on case c, sent to url with extra (factSeq) in its body. */
export function ActionForm({ a, c, url, formKey, extra, onDone }) {
  const spec = ACTION_FORMS[formKey] ?? [];
  const [error, setError] = useState();
  const [busy, setBusy] = useState(false);
  const id = `${formKey}-${a.factSeq ?? a.itemId ?? ''}`.replace(/\W/g, '-');
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api('POST', url, { ...(await bodyOf(spec, new FormData(e.target), c)), ...extra });
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const of = a.factSeq ? ` · ${t('ofFact', a.factSeq)}` : a.itemId ? ` · ${a.itemId}` : '';
  const title = `${t(`action.${formKey}`)}${of}`;
  return html`<form onSubmit=${submit} aria-labelledby=${id} data-action=${formKey}>
    <h3 id=${id}>${title} <span class="clause">(${t('clause')} ${a.clause})</span></h3>
    ${spec.map((f) => html`<${Field} f=${f} />`)}
    <button type="submit" disabled=${busy}>${title}</button>
    <${Refusal} error=${error} />
  </form>`;
}
