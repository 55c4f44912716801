// The clause 6 penalty ledger's routes, declared once (route.ts): list, totals, one entry,
// propose by hand (6.5 / 6.2.2), confirm, waive, dispute, decide, compensate; and the rights
// events of 6.3 / 6.4 / 6.5. Handlers: ledger-reads.ts and ledger-actions.ts.
import { z } from 'zod';
import { declareRoute } from '../route';
import { instantSchema } from '../validate';
import { LedgerEntry, LedgerStatusEvent, LedgerTotals, RightsEvent } from './money-schemas';
import { contractIdSchema, fenSchema } from './contract-schemas';
import * as lq from '../../db/queries/ledger';
import { PENALTY_CLAUSES } from '../../services/ledger';
import { CONTRACT_404, LEDGER_ACTION, NONE, notFoundOf, refusal } from './refusals';

const year = z.coerce.number().int().min(1).max(100);
const ListQuery = z.strictObject({
  contractId: contractIdSchema.optional(),
  year: year.optional(),
  clause: z.enum(PENALTY_CLAUSES).optional(),
  status: z.enum(lq.LEDGER_STATUSES).optional(),
  caseId: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
const TotalsQuery = z.strictObject({ contractId: contractIdSchema, year: year.optional() });
const RightsQuery = z.strictObject({ contractId: contractIdSchema.optional() });
const Reason = z.string().min(1).max(2000);
const Confirm = z.strictObject({ reason: Reason.optional() });
const WithReason = z.strictObject({ reason: Reason });
const Decide = z.strictObject({ outcome: z.enum(['upheld', 'waived']), reason: Reason });
const Compensate = z.strictObject({ amountFen: fenSchema.optional(), reason: Reason });
const Propose = z.strictObject({
  contractId: contractIdSchema,
  clause: z.enum(['6.5', '6.2.2'], {
    message: 'a hand-proposed penalty is an "other service commitment": clause 6.5 or 6.2.2',
  }),
  rate: z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'must be a percent as a decimal string, e.g. "0.05"')
    .optional(),
  fact: z.string().min(1).max(2000),
  occurredAt: instantSchema,
  dueAt: instantSchema.optional(),
  caseId: z.string().min(1).max(200).optional(),
});

const Id = z.object({ id: z.string().describe('ledger entry id') });
const entry = (description: string) => ({ description, schema: LedgerEntry });
export const ledgerRoutes = {
  list: declareRoute({
    method: 'get',
    path: '/ledger',
    localized: true,
    duty: 'read',
    refusals: NONE,
    summary: 'Ledger entries with their current status (filters: contractId, year, clause, status, caseId)',
    query: ListQuery,
    responses: { 200: { description: 'entries', schema: z.object({ items: z.array(LedgerEntry) }) } },
  }),
  totals: declareRoute({
    method: 'get',
    path: '/ledger/totals',
    localized: true,
    duty: 'read',
    refusals: CONTRACT_404,
    summary: 'Totals per contract and contract year: confirmed, proposed, disputed, held and waived apart',
    query: TotalsQuery,
    responses: { 200: { description: 'totals in fen', schema: LedgerTotals } },
  }),
  one: declareRoute({
    method: 'get',
    path: '/ledger/{id}',
    localized: true,
    duty: 'read',
    refusals: notFoundOf('ledger entry'),
    summary: 'One entry with its status history',
    params: Id,
    responses: {
      200: { description: 'entry and its events', schema: LedgerEntry.extend({ events: z.array(LedgerStatusEvent) }) },
    },
  }),
  propose: declareRoute({
    method: 'post',
    path: '/ledger',
    localized: true,
    duty: 'decide',
    refusals: {
      ...CONTRACT_404,
      409: refusal(['READING_NOT_SELECTED'], 'a penalty of two readings needs the one applied (6.2.2/6.5)'),
    },
    summary:
      'Propose an "other service commitment" penalty (6.5 with the approver\'s rate, or 6.2.2 per the reading): hospital-approver',
    body: Propose,
    responses: { 201: entry('proposed'), 200: entry('the entry of this Idempotency-Key, proposed before') },
  }),
  confirm: declareRoute({
    method: 'post',
    path: '/ledger/{id}/confirm',
    localized: true,
    duty: 'decide',
    refusals: LEDGER_ACTION,
    summary: 'Confirm a proposed entry (hospital-approver)',
    params: Id,
    body: Confirm,
    responses: { 200: entry('confirmed') },
  }),
  waive: declareRoute({
    method: 'post',
    path: '/ledger/{id}/waive',
    localized: true,
    duty: 'decide',
    refusals: LEDGER_ACTION,
    summary: 'Waive a proposed or held entry with a reason (hospital-approver)',
    params: Id,
    body: WithReason,
    responses: { 200: entry('waived') },
  }),
  dispute: declareRoute({
    method: 'post',
    path: '/ledger/{id}/dispute',
    localized: true,
    duty: 'contest',
    refusals: LEDGER_ACTION,
    summary: 'Dispute a proposed entry with a reason (vendor-engineer)',
    params: Id,
    body: WithReason,
    responses: { 200: entry('disputed') },
  }),
  decide: declareRoute({
    method: 'post',
    path: '/ledger/{id}/decide',
    localized: true,
    duty: 'decide',
    refusals: LEDGER_ACTION,
    summary: 'Decide a dispute: upheld or waived, with a reason (hospital-approver)',
    params: Id,
    body: Decide,
    responses: { 200: entry('decided') },
  }),
  compensate: declareRoute({
    method: 'post',
    path: '/ledger/{id}/compensate',
    localized: true,
    duty: 'decide',
    refusals: LEDGER_ACTION,
    summary: 'Correct a confirmed entry with a compensating (negative) entry (hospital-approver)',
    params: Id,
    body: Compensate,
    responses: { 201: entry('the compensating entry'), 200: entry('the compensating entry of this Idempotency-Key') },
  }),
  rights: declareRoute({
    method: 'get',
    path: '/rights-events',
    localized: true,
    duty: 'read',
    refusals: NONE,
    summary: 'Rights the hospital gained (6.3, 6.4/6.5), each recorded once',
    query: RightsQuery,
    responses: { 200: { description: 'rights events', schema: z.object({ items: z.array(RightsEvent) }) } },
  }),
};
