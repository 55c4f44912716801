// One action's form on a case page (any family): its fields (action-forms.js), its clause, the
// refusal the API answered with (code and clause). Which actions appear is the API's answer
// (permittedActions), never decided here. A file field stores the document first (its kind is
// the field's: fault-analysis 4.9.2, inspection-report 4.3) and the action cites it; a document
// field (document-field.js) cites one uploaded there or picked from those already stored.
import { html, useState } from '../../vendor/htm-preact.js';
import { api, upload } from '../api.js';
import { beijingInstant, t } from '../i18n.js';
import { Refusal } from '../ui.js';
import { ACTION_FORMS } from './action-forms.js';
import { citedDocument, DocumentField } from './document-field.js';

const lines = (v) =>
  String(v ?? '')
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);

/** Stores a file as a document of the case's contract (its subject the case) and answers its stored version. */
function store(c, kind, file) {
  const up = new FormData();
  up.append('kind', kind);
  up.append('title', file.name || kind);
  up.append('subject', c.caseId);
  up.append('file', file);
  return upload(`/contracts/${encodeURIComponent(c.contractId)}/documents`, up);
}

// 6.3 plan items, one a line: "<description> | <YYYY-MM-DD due>" or "<description> | <why the
// architecture exempts it>" (each item has exactly one), numbered item-1, item-2...
const planItems = (v) =>
  lines(v).map((line, i) => {
    const [description, second = ''] = line.split(/\s*[|｜]\s*/);
    const due = /^\d{4}-\d{2}-\d{2}$/.test(second);
    return {
      itemId: `item-${i + 1}`,
      description,
      ...(due ? { dueDate: second } : second ? { exemption: { explanation: second } } : {}),
    };
  });
// Inspection findings (4.3), one a line: "<severity> | <title> | <description>", the severity in either language.
const SEVERITY = { 高: 'high', 中: 'medium', 低: 'low' };
const findings = (v) =>
  lines(v).map((line) => {
    const [severity, title, ...rest] = line.split(/\s*[|｜]\s*/);
    const description = rest.join(' | ');
    return { severity: SEVERITY[severity] ?? severity.toLowerCase(), title, ...(description ? { description } : {}) };
  });
const awaitingReview = (c) => (c.state?.items ?? []).filter((i) => i.status === 'awaiting-review');

async function bodyOf(spec, form, c) {
  const body = {};
  for (const f of spec) {
    if (f.kind === 'fixed') {
      body[f.name] = f.value;
      continue;
    }
    if (f.kind === 'document') {
      const cited = await citedDocument(f, form, c, store);
      if (cited) body[f.name] = cited;
      continue;
    }
    const v = form.get(f.name);
    if (f.kind === 'file' && !v?.name) continue; // an optional document not chosen
    if (f.kind === 'file' && f.doc?.list) {
      // cited in the one shape [{documentRef, sha256}] (service evidence, the acceptance's signed form)
      const stored = await store(c, f.doc.kind, v);
      body[f.doc.list] = [{ documentRef: `${stored.id}@${stored.latest.version}`, sha256: stored.latest.sha256 }];
    } else if (f.kind === 'file') {
      const doc = f.doc ?? { kind: 'fault-analysis', ref: 'reference', hash: 'checksum', prefix: 'sha256:' };
      const stored = await store(c, doc.kind, v);
      body[doc.ref] = `${stored.id}@${stored.latest.version}`;
      body[doc.hash] = `${doc.prefix}${stored.latest.sha256}`;
    } else if (f.kind === 'datetime') {
      if (v) body[f.name] = beijingInstant(v);
    } else if (f.kind === 'lines' || f.name === 'evidence') {
      if (!f.omitEmpty || lines(v).length) body[f.name] = lines(v);
    } else if (f.kind === 'findings') {
      body.findings = findings(v);
    } else if (f.kind === 'plan-items') {
      body.items = planItems(v);
    } else if (f.kind === 'item-decisions') {
      body.decisions = awaitingReview(c).map((i) => ({
        itemId: i.itemId,
        accepted: form.get(`accept.${i.itemId}`) === 'true',
      }));
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

function Field({ f, c }) {
  if (f.kind === 'fixed') return null;
  if (f.kind === 'document') return html`<${DocumentField} f=${f} c=${c} />`;
  const label = f.label();
  if (f.kind === 'item-decisions')
    return html`<fieldset>
      <legend>${label}</legend>
      ${awaitingReview(c).map(
        (i) =>
          html`<label
            >${i.itemId} · ${i.description}<select name=${`accept.${i.itemId}`}>
              <option value="true">${t('accept')}</option>
              <option value="false">${t('reject')}</option>
            </select></label
          >`,
      )}
    </fieldset>`;
  if (f.kind === 'plan-items')
    return html`<label>${label}<textarea name=${f.name} required placeholder=${t('planItemsHint')}></textarea></label>`;
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
  if (f.kind === 'textarea' || f.kind === 'lines' || f.kind === 'findings')
    return html`<label>${label}<textarea name=${f.name} required=${f.required}></textarea></label>`;
  if (f.kind === 'file')
    return html`<label>${label}<input type="file" name=${f.name} required=${f.required !== false} /></label>`;
  if (f.kind === 'datetime')
    return html`<label>${label}<input type="datetime-local" step="1" name=${f.name} /></label>`;
  if (f.kind === 'date')
    return html`<label>${label}<input type="date" name=${f.name} required=${f.required} /></label>`;
  return html`<label>${label}<input name=${f.name} required=${f.required} /></label>`;
}

/**
 * The form of action a (permittedActions) on case c, sent to url with extra (factSeq) in its body.
 * onRefused(refusal) hands the page what the API refused: the page reads the case again after
 * every action and every 10 s, and when the refused action is no longer offered (another person
 * took it meanwhile) this form, and the refusal in it, would vanish with it (RefusedAction).
 */
export function ActionForm({ a, c, url, formKey, extra, onDone, onRefused }) {
  const spec = ACTION_FORMS[formKey] ?? [];
  const [error, setError] = useState();
  const [busy, setBusy] = useState(false);
  // One Idempotency-Key per filled-in form (issue 11): a double click or a retry is answered once
  // (a care log is not taken twice); a new one after each accepted answer.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const id = `${formKey}-${a.factSeq ?? a.itemId ?? ''}`.replace(/\W/g, '-');
  const of = a.factSeq ? ` · ${t('ofFact', a.factSeq)}` : a.itemId ? ` · ${a.itemId}` : '';
  const title = `${t(`action.${formKey}`)}${of}`;
  const submit = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const body = { ...(await bodyOf(spec, new FormData(e.target), c)), ...extra };
      await api('POST', url, body, { 'idempotency-key': key });
      setKey(crypto.randomUUID());
      onDone();
    } catch (err) {
      setError(err);
      onRefused?.({ formKey, title, error: err });
    } finally {
      setBusy(false);
    }
  };
  return html`<form onSubmit=${submit} aria-labelledby=${id} data-action=${formKey}>
    <h3 id=${id}>${title} <span class="clause">(${t('clause')} ${a.clause})</span></h3>
    ${spec.map((f) => html`<${Field} f=${f} c=${c} />`)}
    <button type="submit" disabled=${busy}>${title}</button>
    <${Refusal} error=${error} />
  </form>`;
}

/**
 * The page's last refusal, kept while its action is no longer offered: the user sees why the
 * action did not go through (code and clause) after the case moved on without it. Cleared by
 * the next action that goes through (the page's onDone).
 */
export function RefusedAction({ refused, actions }) {
  if (!refused || actions.some((a) => a.action === refused.formKey)) return null;
  return html`<div class="refused-action" data-refused=${refused.formKey}>
    <h3>${refused.title}</h3>
    <${Refusal} error=${refused.error} />
  </div>`;
}
