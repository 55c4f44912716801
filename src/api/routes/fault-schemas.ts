// The fault case as the API answers it (clause 4.9; issue 15): its row, deadlines, exclusion
// claims, penalties and timeline, every instant at +08:00 (instants.ts msToInstants turns the
// workflow's epoch ms into instants).
import { z } from 'zod';
import { instantOut } from '../instants';
import { BasisTemplateOut, fenOut } from './money-schemas';
import { dutyNames } from '../../i18n/duty-names';

/** A deadline's name in both languages (src/i18n/duty-names.ts), so the console's language switch needs no new request. */
export const DutyNamesOut = z.object({ 'zh-CN': z.string(), en: z.string() });
/** The fault clocks with their names (4.9.2, 4.9.4): the case page shows 响应 / 工程师到场, not the keys. */
export const withNames = <D extends { kind: string }>(deadlines: D[]) =>
  deadlines.map((d) => ({ ...d, names: dutyNames('fault', d.kind) }));

const level = z.number().int().min(1).max(5);
export const FaultDeadline = z.object({
  id: z.string().describe('kind, or kind:round for a resolution clock restarted by a reopen'),
  kind: z.enum(['response', 'analysis', 'onsite', 'replacement']),
  names: DutyNamesOut,
  round: z.number().int(),
  clause: z.string(),
  reading: z.string().optional(),
  startAt: instantOut,
  dueAt: instantOut,
  warnAt: z.array(instantOut),
  warned: z.number().int(),
  status: z.enum(['pending', 'met', 'breached', 'cancelled']),
  doneAt: instantOut.optional(),
  doneSeq: z.number().int().optional(),
  resolvedAt: instantOut.optional(),
  voided: z.string().optional(),
  breachedAt: instantOut.optional(),
  lateByMs: z.number().optional(),
  breaches: z.number().int().optional(),
  note: z.string().optional(),
});
const Exclusion = z.object({
  status: z.enum(['open', 'accepted', 'rejected']),
  cause: z.string(),
  evidence: z.array(z.string()),
  explanation: z.string(),
  claimedBy: z.string(),
  claimedAt: instantOut,
  decidedBy: z.string().optional(),
  decidedAt: instantOut.optional(),
  reason: z.string().optional(),
});
const Penalty = z.object({
  key: z.string(),
  deadlineId: z.string(),
  clause: z.string(),
  amountFen: fenOut,
  lateByMs: z.number(),
  dueAt: instantOut,
  held: z.boolean(),
  waived: z.boolean().optional(),
  withdrawn: z.string().optional(),
  entryId: z.string().optional(),
});
/** A recorded fact of a case (the kernel's fact format): who recorded it for whom, when it happened and when it was recorded. */
export const Fact = z.object({
  seq: z.number().int(),
  type: z.string(),
  occurredAt: instantOut,
  recordedAt: instantOut,
  recordedBy: z.object({ name: z.string(), role: z.string().nullable() }),
  onBehalfOf: z.string().optional(),
  statedBy: z.string().optional(),
  clause: z.string().optional(),
  detail: z.unknown(),
  writtenAt: instantOut.optional(),
});
const Closure = z.object({ how: z.string(), at: instantOut, recordedAt: instantOut });
export const FaultCaseRow = z.object({
  caseId: z.string(),
  contractId: z.string(),
  caseNo: z.number().int(),
  level,
  title: z.string(),
  channel: z.string(),
  affectsOperations: z.boolean(),
  reporter: z.string(),
  reportedAt: instantOut,
  status: z.string(),
  breached: z.boolean(),
  awaiting: z.string(),
  nextDeadlineAt: instantOut.nullable(),
  termsVersion: z.number().int().nullable(),
  updatedAt: instantOut,
  closure: Closure.optional(),
});
const CasePenaltyEntry = z.object({
  id: z.string(),
  key: z.string(),
  clause: z.string(),
  fact: z.string(),
  dueAt: instantOut.nullable(),
  lateByMs: z.number().nullable(),
  amountFen: fenOut,
  basis: z.string().describe("in the answer's language (Content-Language) when the platform wrote it"),
  basisTemplate: BasisTemplateOut.nullable(),
  reading: z.string().nullable(),
  status: z.string(),
  statusReason: z.string().nullable(),
  occurredAt: instantOut,
});
/** What the caller may do now (src/api/fault-permitted.ts): the console shows these and nothing else. */
const Permitted = z.object({
  action: z.string(),
  path: z.string(),
  clause: z.string(),
  factSeq: z.number().int().optional(),
});
export const FaultCase = FaultCaseRow.extend({
  deadlines: z.array(FaultDeadline),
  exclusions: z.array(Exclusion),
  penalties: z.array(Penalty),
  timeline: z.array(Fact),
  ledger: z.array(CasePenaltyEntry.extend({ permittedActions: z.array(Permitted) })),
  permittedActions: z.array(Permitted),
});
export const FaultReported = z.object({
  caseId: z.string(),
  contractId: z.string(),
  caseNo: z.number().int(),
  level,
  reportedAt: instantOut,
  termsVersion: z.number().int(),
  created: z.boolean(),
  deadlines: z.array(
    z.object({
      kind: z.string(),
      names: DutyNamesOut,
      dueAt: instantOut,
      clause: z.string(),
      warnAt: z.array(instantOut),
      reading: z.string().optional(),
    }),
  ),
});
export const FaultActed = z.object({
  caseId: z.string(),
  status: z.enum(['reported', 'responded', 'investigating', 'resolved', 'closed']),
  level,
  deadlines: z.array(FaultDeadline),
  fact: Fact.describe('the fact the action recorded'),
});
