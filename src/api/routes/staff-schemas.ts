// The vendor's maintenance engineers (4.2) and their changes (6.7) as the API takes and answers
// them (issue 15): the register, a change request as first recorded, a change's workflow state
// and the list of changes. Instants +08:00 (instants.ts), days YYYY-MM-DD, money integer fen.
import { z } from 'zod';
import { instantOut } from '../instants';
import { dateSchema } from '../validate';
import { documentCitation } from '../../documents/refs';
import { ContractParams, occurredAt } from './obligation-kit';
import { dateOut, Ended, History, StatedTime } from './case-schemas';
import { fenOut } from './money-schemas';

const id = z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, 'must be 1-40 letters, digits, _ . -');
export const ChangeParams = ContractParams.extend({ requestId: id.describe('the change request id') });

export const EngineerBody = z.strictObject({
  engineerId: id,
  name: z.string().trim().min(1).max(200),
  qualification: z.string().trim().min(1).max(500),
  yearsOnProduct: z.number().min(0).max(99),
  fixed: z.boolean(),
  // The qualification's evidence as a stored document (issue 14, 4.2): a staff-qualification of this contract.
  qualificationDocument: documentCitation.optional(),
});
export const Register = z.strictObject({ engineers: z.array(EngineerBody).min(1).max(50) });
export const Change = z
  .strictObject({
    requestId: id.optional(),
    effectiveDate: dateSchema,
    remove: z.array(id).max(50),
    add: z.array(EngineerBody).max(50),
    reason: z.string().trim().min(1).max(2000),
  })
  .refine((c) => c.remove.length + c.add.length > 0, {
    message: 'a change removes or adds at least one engineer',
    path: ['remove'],
  });
export const Decision = z.strictObject({ approved: z.boolean(), note: z.string().max(2000).optional(), occurredAt });
export const Withdrawal = z.strictObject({ occurredAt });
export const RegisterQuery = z.strictObject({ includeRemoved: z.enum(['true', 'false']).optional() });

const kind = z.enum(['requested', 'unannounced']);
const Citation = z.object({ documentRef: z.string(), sha256: z.string() });
/** An engineer as a change request names it (4.2: a fixed engineer with 2+ years on the product). */
const Engineer = z.object({
  engineerId: z.string(),
  name: z.string(),
  qualification: z.string(),
  yearsOnProduct: z.number(),
  fixed: z.boolean(),
  qualificationDocument: Citation.optional(),
});
/** An engineer of the register: active from a day until the day a change removed them. */
export const RegisteredEngineer = Engineer.extend({
  activeFrom: dateOut,
  activeUntil: dateOut.nullable(),
  addedBy: z.string(),
  addedByChange: z.string().nullable(),
  removedByChange: z.string().nullable(),
});

/** Where a change request stands in the register's history (4.2, 6.7). */
export const CHANGE_STANDINGS = ['pending', 'applied', 'refused', 'withdrawn', 'contract-ended'] as const;
export const StaffRegister = z.object({
  items: z.array(RegisteredEngineer),
  changes: z.array(
    z.object({
      requestId: z.string(),
      workflowId: z.string(),
      kind,
      effectiveDate: dateOut,
      remove: z.array(z.string()),
      add: z.array(z.string()).describe('engineer ids'),
      requestedBy: z.string(),
      requestedAt: instantOut,
      status: z.enum(CHANGE_STANDINGS),
      appliedAt: instantOut.nullable(),
      closedAt: instantOut.nullable(),
    }),
  ),
});

/** A change request as recorded when it was made: the first answer, and every retry's (issue 11). */
export const ChangeRequested = z.object({
  workflowId: z.string(),
  contractId: z.string(),
  requestId: z.string(),
  kind,
  requestedAt: instantOut,
  requestedBy: z.string(),
  effectiveDate: dateOut,
  remove: z.array(z.string()),
  add: z.array(Engineer),
  reason: z.string(),
});

/** A change's workflow state: its notice check, decision and outcome (4.2, 6.7). */
export const StaffChangeState = ChangeRequested.omit({ workflowId: true }).extend({
  persons: z.number().int(),
  notice: z.object({
    ok: z.boolean(),
    workingDays: z.number().int(),
    required: z.number().int().describe('working days of notice the terms require (4.2: 7)'),
    provisional: z.boolean().describe('a year of the working-day calendar it spans is not loaded yet'),
    provisionalYears: z.array(z.number().int()),
  }),
  decision: z
    .object({
      approved: z.boolean(),
      by: z.string(),
      at: instantOut,
      note: z.string().optional(),
      factSeq: z.number().int().optional(),
    })
    .nullable(),
  withdrawn: z.boolean(),
  outcome: z.enum(['pending', 'effective', 'effective-flagged', 'refused', 'withdrawn', 'contract-ended']),
  contractEnded: Ended,
  penaltyFen: fenOut.nullable().describe('CNY 1,000 per person changed without notice or approval (6.7)'),
  flagReasons: z.array(z.string()),
  stated: z.array(StatedTime),
  history: History,
  onboarded: z
    .object({
      by: z.string(),
      decision: z.object({ approved: z.boolean(), decidedAt: z.string(), note: z.string().optional() }).optional(),
      withdrawnAt: z.string().optional(),
    })
    .optional()
    .describe('a change made before the contract was entered (issue 10 item 4), entered by this admin'),
});

/** One change in the list of a contract's changes, from its record. */
export const StaffChangeListItem = z.object({
  workflowId: z.string(),
  requestId: z.string(),
  status: z.string(),
  awaiting: z.enum(['vendor', 'hospital', 'none']),
  breached: z.boolean(),
  effectiveAt: instantOut.nullable(),
  requestedAt: instantOut.nullable(),
  closed: z.boolean(),
  closedAt: instantOut.nullable(),
  closedHow: z.enum(['completed', 'cancelled', 'terminated', 'timed-out', 'failed']).nullable(),
});
