// The form of each case action: the fields its API body takes (src/api/routes/fault-action-bodies.ts), in
// the person's language. Which actions appear is the API's answer (permittedActions), never
// decided here. Every action that records a fact may state when it happened (occurredAt).
import { t } from '../i18n.js';
import { WORK_FORMS } from './action-forms-work.js';

const text = (name, label, required = true) => ({ name, label, kind: 'text', required });
const area = (name, label, required = true) => ({ name, label, kind: 'textarea', required });
const choose = (name, label, options) => ({ name, label, kind: 'select', options });
const at = { name: 'occurredAt', label: () => t('occurredAtField'), kind: 'datetime' };
const decision = choose('decision', () => t('decision'), [
  ['accept', () => t('accept')],
  ['reject', () => t('reject')],
]);

const yesNo = (name, label) => ({
  name,
  label,
  kind: 'bool',
  options: [
    ['true', () => t('yes')],
    ['false', () => t('no')],
  ],
});
const note = area('note', () => t('note'), false);

export const ACTION_FORMS = {
  respond: [
    text('engineer', () => t('engineer')),
    choose(
      'how',
      () => t('how'),
      ['phone', 'wechat', 'web', 'remote', 'onsite'].map((c) => [c, () => t(`how.${c}`)]),
    ),
    area('note', () => t('note'), false),
    at,
  ],
  investigate: [area('note', () => t('note'), false), at],
  submitAnalysis: [{ name: 'file', label: () => t('analysisFile'), kind: 'file', required: true }, at],
  reviewAnalysis: [decision, area('reason', () => t('reason'), false)],
  onsiteArrived: [text('engineer', () => t('engineer')), at],
  replacementProvided: [area('description', () => t('replacementDescription')), at],
  resolve: [area('summary', () => t('summary')), at],
  confirmFix: [area('note', () => t('note'), false)],
  reopen: [area('reason', () => t('reason')), at],
  regrade: [
    choose(
      'level',
      () => t('level'),
      [1, 2, 3, 4, 5].map((n) => [String(n), () => t('levelN', n)]),
    ),
    area('reason', () => t('reason')),
    at,
  ],
  claimExclusion: [
    choose(
      'cause',
      () => t('cause'),
      ['hospital-misoperation', 'network', 'hardware', 'force-majeure'].map((c) => [c, () => t(`cause.${c}`)]),
    ),
    area('evidence', () => t('evidence')),
    area('explanation', () => t('explanation')),
    at,
  ],
  decideExclusion: [decision, area('reason', () => t('reason')), at],
  contestTime: [
    area('reason', () => t('reason')),
    { name: 'proposedAt', label: () => t('proposedAt'), kind: 'datetime' },
  ],
  decideContest: [
    choose('decision', () => t('decision'), [
      ['stated', () => t('keepStated')],
      ['contested', () => t('takeContested')],
    ]),
    area('reason', () => t('reason')),
  ],
  // Ledger entries (src/api/routes/ledger.ts).
  'ledger.confirm': [area('reason', () => t('reason'), false)],
  'ledger.waive': [area('reason', () => t('reason'))],
  'ledger.dispute': [area('reason', () => t('reason'))],
  'ledger.decide': [
    choose('outcome', () => t('decision'), [
      ['upheld', () => t('upheld')],
      ['waived', () => t('waivedOutcome')],
    ]),
    area('reason', () => t('reason')),
  ],
  // The other families (src/api/case-families.ts), keyed <family>.<action>.
  'inspection.report': [
    {
      name: 'file',
      label: () => t('reportFile'),
      kind: 'file',
      required: true,
      doc: { kind: 'inspection-report', ref: 'documentRef', hash: 'sha256', prefix: '' },
    },
    { name: 'inspectionDate', label: () => t('inspectionDate'), kind: 'date', required: true },
    text('engineer', () => t('engineer')),
    // one a line, "<high|medium|low or 高|中|低> | <title> | <description>"; a high one becomes a remediation item (4.6)
    { name: 'findings', label: () => t('findings'), kind: 'findings', required: false },
    { name: 'recommendations', label: () => t('recommendations'), kind: 'lines', required: false },
    at,
  ],
  'inspection.acknowledge': [note, at],
  'inspection.request-changes': [{ name: 'reasons', label: () => t('reasons'), kind: 'lines', required: true }, at],
  // 4.6: the evidence of the remediation, a stored remediation-evidence uploaded here or picked (optional in the API)
  'inspection.remediation-resolve': [
    {
      name: 'evidence',
      label: () => t('remediationEvidence'),
      kind: 'document',
      doc: { kind: 'remediation-evidence' },
    },
    note,
    at,
  ],
  'dongle.declaration': [
    { name: 'removedDescription', label: () => t('removedDescription'), kind: 'removed', required: true },
    area('statement', () => t('statement')),
    at,
  ],
  'dongle.verification': [yesNo('accepted', () => t('accepted')), note, at],
  'dongle.findings': [area('description', () => t('findingDescription')), at],
  'golive.extension': [
    { name: 'newDate', label: () => t('newDate'), kind: 'date', required: true },
    area('reason', () => t('reason')),
    at,
  ],
  'golive.extension/decision': [yesNo('approved', () => t('approved')), note, at],
  'golive.live': [at],
  'staff.decision': [yesNo('approved', () => t('approved')), note, at],
  'staff.withdraw': [at],
  ...WORK_FORMS, // service requests, acceptance, rectification, care (action-forms-work.js)
};
