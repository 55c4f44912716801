// The forms of the service-request (4.4-5.4), acceptance (3, 8), rectification (6.3) and
// customer-care (4.1) actions, keyed <family>.<action> as permittedActions names them
// (src/api/case-families-work.ts). Each field is one of the body's fields of its route
// (routes/service-schemas.ts, acceptances.ts, rectification.ts, care.ts). Merged into ACTION_FORMS.
import { t } from '../i18n.js';

const text = (name, label, required = true) => ({ name, label: () => t(label), kind: 'text', required });
const area = (name, label, required = true) => ({ name, label: () => t(label), kind: 'textarea', required });
const choose = (name, label, values, prefix) => ({
  name,
  label: () => t(label),
  kind: 'select',
  options: values.map((v) => [v, () => t(`${prefix}${v}`)]),
});
const date = (name, label, required = true) => ({ name, label: () => t(label), kind: 'date', required });
const at = { name: 'occurredAt', label: () => t('occurredAtField'), kind: 'datetime' };
const note = area('note', 'note', false);
/** A stored document of that kind cited as [{documentRef, sha256}] in the body's `list` field. */
const documents = (list, kind, label, required) => ({
  name: `${list}File`,
  label: () => t(label),
  kind: 'file',
  required,
  doc: { kind, list },
});
const rate = text('ratePercent', 'ratePercent');

export const WORK_FORMS = {
  // Service requests: the due date is agreed between the parties, then the vendor works it to a delivery.
  'service.due-date': [date('dueDate', 'dueDate'), area('reason', 'reason', false), at],
  'service.due-date/accept': [note, at],
  'service.acknowledge': [note, at],
  'service.start': [note, at],
  'service.deliver': [
    documents('evidence', 'service-evidence', 'evidenceFile', true),
    note,
    date('renewedUntil', 'renewedUntil', false),
    at,
  ],
  'service.review': [
    choose('decision', 'decision', ['accept', 'send-back'], 'review.'),
    area('reason', 'reason', false),
    at,
  ],
  'service.large-change': [area('reason', 'reason'), at],
  'service.large-change/decision': [
    choose('decision', 'decision', ['agree', 'contest'], 'largeChange.'),
    area('reason', 'reason'),
    area('separateTerms', 'separateTerms', false),
    at,
  ],
  'service.breach/price': [rate, at],
  // Yearly acceptance: a pass on the form signed by both sides (8), a fail with its reasons (3).
  'acceptance.submit': [note, at],
  'acceptance.decision': [
    choose('outcome', 'decision', ['pass', 'fail'], 'outcome.'),
    { name: 'reasons', label: () => t('failReasons'), kind: 'lines', required: false, omitEmpty: true },
    text('hospitalSignatory', 'hospitalSignatory', false),
    text('vendorSignatory', 'vendorSignatory', false),
    documents('signedForms', 'acceptance-scan', 'signedFormFile', false),
    at,
  ],
  // The 6.3 plan and its items.
  'rectification.plan': [
    area('systemCheck', 'systemCheck'),
    { name: 'problems', label: () => t('problems'), kind: 'lines', required: false },
    { name: 'items', label: () => t('planItems'), kind: 'plan-items', required: true },
    at,
  ],
  'rectification.review': [{ name: 'decisions', label: () => t('itemDecisions'), kind: 'item-decisions' }, at],
  'rectification.items-revise': [area('description', 'itemDescription'), date('dueDate', 'dueDate', false), at],
  'rectification.items-done': [at],
  'rectification.items-confirm': [
    {
      name: 'confirmed',
      label: () => t('confirmed'),
      kind: 'bool',
      options: [
        ['true', () => t('yes')],
        ['false', () => t('no')],
      ],
    },
    note,
    at,
  ],
  'rectification.plan-breach-price': [rate, at],
  // Customer care: a return visit or a mailing (4.1), counted on the quarter it falls in.
  'care.log': [
    choose('kind', 'careKind', ['visit', 'mailing'], 'careKind.'),
    text('channel', 'careChannel'),
    text('withWhom', 'withWhom'),
    { name: 'topics', label: () => t('careTopics'), kind: 'lines', required: true },
    note,
    at,
  ],
};
