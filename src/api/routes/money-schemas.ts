// Response shapes shared by the routes (issue 15): money is integer fen as a decimal string
// (house style 10), instants +08:00 (instants.ts).
import { z } from 'zod';
import { instantOut } from '../instants';
import { LEDGER_STATUSES } from '../../db/queries/ledger';
import { BASIS_TEXT, type BasisKey } from '../../i18n/messages/ledger-basis';

/** A basis as the platform wrote it: a key of src/i18n/messages/ledger-basis.ts and its values (`...Fen` are integer fen). */
export const BasisTemplateOut = z.object({
  key: z.enum(Object.keys(BASIS_TEXT) as [BasisKey, ...BasisKey[]]),
  params: z.record(z.string(), z.string()),
});

/** Integer fen as a string (negative for a compensating entry). */
export const fenOut = z.string().regex(/^-?\d+$/, 'must be integer fen as a string');

/** A ledger entry with its current status (clause 6). */
export const LedgerEntry = z.object({
  id: z.string(),
  key: z.string(),
  contractId: z.string(),
  contractYear: z.number().int(),
  clause: z.string(),
  termsVersion: z.number().int(),
  caseKind: z.string(),
  caseId: z.string(),
  fact: z.string(),
  dueAt: instantOut.nullable(),
  lateByMs: z.number().int().nullable(),
  amountFen: fenOut,
  basis: z
    .string()
    .describe(
      "why this amount, in the answer's language (Content-Language) when the platform wrote it; as typed otherwise",
    ),
  basisTemplate: BasisTemplateOut.nullable().describe(
    'the basis the platform wrote, as a template key and its values (issue 15); null for a basis a person typed and entries written before it existed',
  ),
  reading: z.string().nullable(),
  compensates: z.string().nullable(),
  occurredAt: instantOut,
  createdBy: z.string(),
  createdAt: instantOut,
  status: z.enum(LEDGER_STATUSES),
  statusActor: z.string(),
  statusReason: z.string().nullable(),
  statusAt: instantOut,
});
export const LedgerStatusEvent = z.object({
  id: z.string(),
  entryId: z.string(),
  status: z.enum(LEDGER_STATUSES),
  actor: z.string(),
  reason: z.string().nullable(),
  at: instantOut,
});
const Buckets = {
  confirmedFen: fenOut,
  proposedFen: fenOut,
  disputedFen: fenOut,
  heldFen: fenOut,
  waivedFen: fenOut,
};
export const LedgerTotals = z.object({
  ...Buckets,
  contractId: z.string(),
  contractYear: z.number().int().nullable(),
  years: z.array(z.object({ ...Buckets, contractYear: z.number().int() })),
  amountFen: fenOut.describe('the contract amount the caps of 6.4 and 6.5 are taken of'),
  thresholds: z
    .array(
      z.object({
        limitFen: fenOut,
        crossed: z.boolean(),
        description: z.string().describe("the right the threshold gives, in the answer's language (Content-Language)"),
      }),
    )
    .describe(
      'the thresholds of 6.4/6.5 (src/domain/thresholds.ts): the limit in fen and whether confirmed penalties crossed it',
    ),
});
export const RightsEvent = z.strictObject({
  id: z.string(),
  key: z.string(),
  contractId: z.string(),
  right: z.string(),
  clause: z.string(),
  numbers: z.record(z.string(), z.unknown()),
  source: z.string().nullable(),
  createdAt: instantOut,
  notifiedAt: instantOut.nullable(),
  withdrawn: z
    .strictObject({ at: instantOut, cause: z.string(), caseId: z.string().nullable() })
    .nullable()
    .describe('the breach that raised it was superseded: the event stands in the record, withdrawn (issue 10)'),
});
