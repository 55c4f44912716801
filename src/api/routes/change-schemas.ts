// Change proposals as the API answers them (issue 12 finding 4, issue 15; clause 3): an
// amendment or end awaiting its second person, and what its approval made. Instants +08:00.
import { z } from 'zod';
import { instantOut } from '../instants';
import { Contract } from './contract-schemas';

const KeyRef = z.object({ keyId: z.string(), name: z.string(), role: z.string() });
export const Proposal = z.object({
  id: z.string(),
  contractId: z.string(),
  kind: z.enum(['amendment', 'end']),
  body: z
    .record(z.string(), z.unknown())
    .describe('the amendment (effectiveAt, terms, reason) or the end (reason, endedAt)'),
  proposedBy: KeyRef,
  proposedAt: instantOut,
  status: z.enum(['proposed', 'approved', 'rejected', 'withdrawn']),
  decidedBy: KeyRef.nullable(),
  decidedAt: instantOut.nullable(),
  decisionReason: z.string().nullable(),
});
export const Proposed = z.object({ proposal: Proposal, needs: z.string().describe('who may approve it (clause 3)') });
export const Decided = z.object({ proposal: Proposal });
export const Amended = z.object({
  version: z.number().int(),
  effectiveAt: instantOut,
  terms: z.record(z.string(), z.unknown()),
  reason: z.string().nullable(),
  contract: Contract,
  proposal: Proposal,
});
export const Ended = Contract.extend({ proposal: Proposal });
