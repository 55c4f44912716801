// Service requests (issue 18: 4.4-5.4) as the API takes them (issue 15): the raise, the licence
// registration and each action of the case with its duty. The answers: service-answers.ts.
import { z } from 'zod';
import { dateSchema } from '../validate';
import { documentCitation } from '../../documents/refs';
import type { DutyName } from '../../security/duties';
import { SERVICE_CLAUSES, type ServiceAction } from '../../workflows/service-request';
import { caseListFilters } from './case-list-filters';
import { ContractParams, occurredAt, text } from './obligation-kit';

const id = z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, 'must be 1-40 letters, digits, _ . -');
// A renewal's case is <first requestId>.<yyyymmdd> (4.4), so a request named in a path may be longer than a new one.
const requestParam = z.string().regex(/^[A-Za-z0-9_.-]{1,60}$/, 'must be 1-60 letters, digits, _ . -');
export const RequestParams = ContractParams.extend({ requestId: requestParam.describe('the service request id') });
// Issue 14's one citation shape: each a stored service-evidence of the contract with its hash.
const refs = z.array(documentCitation).max(50);

export const Raise = z.strictObject({
  requestId: id.optional(),
  clause: z.enum(SERVICE_CLAUSES.filter((c) => c !== '4.4') as [string, ...string[]], {
    message: `clause must be one of ${SERVICE_CLAUSES.join(', ')} (a licence is registered at /licences, 4.4)`,
  }),
  origin: z.enum(['raised', 'planned']).default('raised'),
  title: text(200),
  description: text(20000),
  documents: refs.default([]),
  proposedDueDate: dateSchema.optional(),
});
export const Licence = z.strictObject({
  requestId: id.optional(),
  name: text(200),
  expiresOn: dateSchema,
  description: text(20000).optional(),
  documents: refs.default([]),
});
export const ListQuery = z.strictObject({
  ...caseListFilters,
  clause: z.enum(SERVICE_CLAUSES).optional(),
});

const Note = z.strictObject({ note: z.string().max(2000).optional(), occurredAt });
const BOTH = ['hospital-operator', 'hospital-approver', 'vendor-engineer'] as const;
const HOSPITAL = ['hospital-operator', 'hospital-approver'] as const;
/** Each action of a case: its path, the Update it sends, its body, what it does, its duty and roles. */
export const ACTIONS = [
  {
    path: 'due-date',
    action: 'proposeDueDate',
    duty: 'agreeDueDate',
    roles: BOTH,
    body: z.strictObject({ dueDate: dateSchema, reason: z.string().max(2000).optional(), occurredAt }),
    summary: 'Either party proposes the (new) due date; it binds once the other accepts',
  },
  {
    path: 'due-date/accept',
    action: 'acceptDueDate',
    duty: 'agreeDueDate',
    roles: BOTH,
    body: Note,
    summary: 'The other party accepts the proposed due date: an agreed fact',
  },
  {
    path: 'acknowledge',
    action: 'acknowledge',
    duty: 'serve',
    roles: ['vendor-engineer'],
    body: Note,
    summary: 'Vendor acknowledges the request',
  },
  {
    path: 'start',
    action: 'startWork',
    duty: 'serve',
    roles: ['vendor-engineer'],
    body: Note,
    summary: 'Vendor starts work on it',
  },
  {
    path: 'deliver',
    action: 'deliver',
    duty: 'serve',
    roles: ['vendor-engineer'],
    body: z.strictObject({
      evidence: refs.min(1),
      note: z.string().max(2000).optional(),
      renewedUntil: dateSchema.optional(),
      occurredAt,
    }),
    summary: 'Vendor delivers with evidence (a licence names its new expiry, 4.4)',
  },
  {
    path: 'review',
    action: 'reviewDelivery',
    duty: 'confirm',
    roles: HOSPITAL,
    body: z.strictObject({
      decision: z.enum(['accept', 'send-back']),
      reason: z.string().max(2000).optional(),
      occurredAt,
    }),
    summary: 'Hospital accepts the delivery or sends it back with its reason',
  },
  {
    path: 'large-change',
    action: 'claimLargeChange',
    duty: 'serve',
    roles: ['vendor-engineer'],
    body: z.strictObject({ reason: text(), occurredAt }),
    summary: 'Vendor claims a personalisation is a large change (5.4)',
  },
  {
    path: 'large-change/decision',
    action: 'decideLargeChange',
    duty: 'decide',
    roles: ['hospital-approver'],
    body: z.strictObject({
      decision: z.enum(['agree', 'contest']),
      reason: text(),
      separateTerms: text(5000).optional(),
      occurredAt,
    }),
    summary: 'Hospital approver agrees (the change leaves the free scope on its own terms) or contests (5.4)',
  },
  {
    path: 'breach/price',
    action: 'priceBreach',
    duty: 'decide',
    roles: ['hospital-approver'],
    body: z.strictObject({
      ratePercent: z.string().regex(/^\d+(\.\d+)?$/, 'a percent as a decimal string'),
      occurredAt,
    }),
    summary: 'Approver prices the breach under 6.5 (0.01%-0.1% of the contract amount, by the loss caused)',
  },
] as const satisfies readonly {
  path: string;
  action: ServiceAction;
  duty: DutyName;
  roles: readonly string[];
  body: z.ZodObject;
  summary: string;
}[];
