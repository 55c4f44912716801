// Service requests (issue 18: 4.4-5.4) as the API answers them (issue 15): the request as
// raised, the case's state and the list of a contract's requests. Instants +08:00
// (instants.ts), days YYYY-MM-DD, money integer fen.
import { z } from 'zod';
import { instantOut } from '../instants';
import { SERVICE_CLAUSES } from '../../workflows/service-request';
import { dateOut, Ended, History, StatedTime } from './case-schemas';
import { BasisTemplateOut, fenOut } from './money-schemas';

const Citation = z.object({ documentRef: z.string(), sha256: z.string() });
const party = z.enum(['hospital', 'vendor']);
const Who = z.object({ by: z.string(), at: instantOut });
const DueDate = z.object({
  date: dateOut,
  proposedBy: party,
  by: z.string(),
  reason: z.string().optional(),
  at: instantOut,
  factSeq: z.number().int(),
});

/** A request as raised: the first answer, and every retry's (issue 11). */
export const ServiceRaised = z.object({
  workflowId: z.string(),
  contractId: z.string(),
  requestId: z.string(),
  clause: z.enum(SERVICE_CLAUSES),
  origin: z.enum(['raised', 'planned', 'licence']),
  title: z.string(),
  description: z.string(),
  documents: z.array(Citation),
  raisedAt: instantOut,
  raisedBy: z.object({ name: z.string(), role: z.string() }),
  proposedDueDate: dateOut.optional(),
  licence: z
    .object({
      name: z.string(),
      expiresOn: dateOut,
      firstRequestId: z.string().optional(),
      renewalOf: z.string().optional(),
    })
    .optional(),
});

/** The case's state as its workflow holds it (src/workflows/service/messages.ts ServiceRequestState). */
export const ServiceState = ServiceRaised.omit({ workflowId: true }).extend({
  termsVersion: z.number().int().nullable(),
  status: z.enum([
    'awaiting-due-date',
    'open',
    'acknowledged',
    'in-progress',
    'delivered',
    'accepted',
    'renewed',
    'out-of-free-scope',
    'contract-ended',
  ]),
  due: DueDate.nullable(),
  dueProposal: DueDate.nullable(),
  acknowledged: Who.nullable(),
  started: Who.nullable(),
  deliveries: z.array(
    z.object({
      n: z.number().int(),
      at: instantOut,
      by: z.string(),
      evidence: z.array(Citation),
      note: z.string().optional(),
      renewedUntil: dateOut.optional(),
      factSeq: z.number().int(),
      review: z
        .object({
          decision: z.enum(['accepted', 'sent-back']),
          by: z.string(),
          at: instantOut,
          reason: z.string().optional(),
          factSeq: z.number().int(),
        })
        .optional(),
    }),
  ),
  largeChange: z
    .object({
      claimedBy: z.string(),
      claimedAt: instantOut,
      reason: z.string(),
      factSeq: z.number().int(),
      decision: z
        .object({
          outcome: z.enum(['agreed', 'contested']),
          by: z.string(),
          at: instantOut,
          reason: z.string(),
          separateTerms: z.string().optional(),
        })
        .optional(),
    })
    .nullable(),
  warnedAt: instantOut.nullable().describe('4.4: when the warning ahead of the expiry was sent'),
  breach: z
    .object({
      at: instantOut,
      dueAt: instantOut,
      clause: z.string(),
      pricedUnder: z.enum(['6.5', '6.2.2']),
      fact: z.string(),
      priced: z.boolean(),
      penaltyFen: fenOut.optional(),
      basis: z.string().optional().describe("the penalty's basis in the answer's language (Content-Language)"),
      basisTemplate: BasisTemplateOut.optional(),
      reading: z.string().optional(),
      superseded: z.string().optional(),
    })
    .nullable(),
  renewal: z.object({ expiresOn: dateOut, workflowId: z.string(), at: instantOut }).nullable(),
  contractEnded: Ended,
  stated: z.array(StatedTime),
  history: History,
});

/** One request in the list of a contract's requests, from its record. */
export const ServiceListItem = z.object({
  workflowId: z.string(),
  requestId: z.string(),
  clause: z.enum(SERVICE_CLAUSES),
  origin: z.enum(['raised', 'planned', 'licence']),
  title: z.string(),
  dueDate: dateOut.nullable(),
  status: z.string(),
  awaiting: z.enum(['vendor', 'hospital', 'none']),
  breached: z.boolean(),
  dueAt: instantOut.nullable(),
  closed: z.boolean(),
});
