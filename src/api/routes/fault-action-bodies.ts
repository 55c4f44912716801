// What each fault case action takes (clause 4.9): its URL segment, request body, duty, and the
// workflow arguments the body becomes. The routes are declared in fault-actions.ts.
import { z } from 'zod';
import { EXCLUSION_CAUSES, FAULT_CHANNELS, type FaultAction } from '../../workflows/fault/messages';
import type { DutyName } from '../../security/duties';
import { instantSchema } from '../validate';

const note = z.string().max(2_000).optional();
// When the fact happened, stated by the caller (default now); the workflow checks its window (issue 10).
const occurredAt = instantSchema
  .optional()
  .describe("when it happened (default now); earlier than now is the caller's claim, contestable by the other party");
const reason = z.string().trim().min(1).max(2_000);
export const ACTION_BODIES: Record<FaultAction, z.ZodType> = {
  respond: z.strictObject({
    engineer: z.string().trim().min(1).max(100),
    how: z.enum([...FAULT_CHANNELS, 'onsite']),
    note,
    occurredAt,
  }),
  investigate: z.strictObject({ note, occurredAt }),
  submitAnalysis: z.strictObject({
    reference: z.string().trim().min(1).max(500),
    checksum: z.string().regex(/^(sha256:)?[0-9a-fA-F]{8,128}$/, 'must be a hex digest, e.g. sha256:<hex>'),
    note,
    occurredAt,
  }),
  reviewAnalysis: z.strictObject({
    decision: z.enum(['accept', 'reject']),
    reason: reason.optional().describe('required when rejecting: the vendor resubmits (4.9.2)'),
  }),
  onsiteArrived: z.strictObject({ engineer: z.string().trim().min(1).max(100), note, occurredAt }),
  replacementProvided: z.strictObject({ description: z.string().trim().min(1).max(2_000), note, occurredAt }),
  resolve: z.strictObject({ summary: z.string().trim().min(1).max(5_000), occurredAt }),
  confirmFix: z.strictObject({ note, occurredAt }),
  reopen: z.strictObject({ reason, occurredAt }),
  regrade: z.strictObject({ level: z.number().int().min(1).max(5), reason, occurredAt }),
  claimExclusion: z.strictObject({
    cause: z.enum(EXCLUSION_CAUSES),
    evidence: z.array(z.string().trim().min(1).max(2_000)).min(1).max(50),
    explanation: z.string().trim().min(1).max(5_000),
    occurredAt,
  }),
  decideExclusion: z.strictObject({ decision: z.enum(['accept', 'reject']), reason, occurredAt }),
  contestTime: z.strictObject({
    factSeq: z.number().int().min(1),
    reason,
    proposedAt: instantSchema
      .optional()
      .describe('when the contesting party says it happened (default: when it was recorded)'),
  }),
  decideContest: z.strictObject({
    factSeq: z.number().int().min(1),
    decision: z.enum(['stated', 'contested']),
    reason,
  }),
};
/**
 * ISO instants of the body become epoch ms for the workflow (its payloads carry ms), with the
 * instant the API received the request: an action is judged by when it was sent, not by when a
 * busy or stopped worker gets to it (issue 10).
 */
export function toWorkflowArgs(body: Record<string, unknown>, receivedAtMs: number): Record<string, unknown> {
  const { occurredAt: o, proposedAt: p, ...rest } = body;
  return {
    ...rest,
    receivedAtMs,
    ...(typeof o === 'string' ? { occurredAtMs: Date.parse(o) } : {}),
    ...(typeof p === 'string' ? { proposedAtMs: Date.parse(p) } : {}),
  };
}
// URL segment -> update name.
export const ACTION_PATHS: Record<string, FaultAction> = {
  respond: 'respond',
  investigate: 'investigate',
  analysis: 'submitAnalysis',
  'analysis-review': 'reviewAnalysis',
  onsite: 'onsiteArrived',
  replacement: 'replacementProvided',
  resolve: 'resolve',
  confirm: 'confirmFix',
  reopen: 'reopen',
  regrade: 'regrade',
  exclusion: 'claimExclusion',
  'exclusion-decision': 'decideExclusion',
  contest: 'contestTime',
  'contest-decision': 'decideContest',
};
// The duty of each action (src/security/duties.ts): the vendor's service, the hospital's confirmation, contests, decisions.
export const ACTION_DUTIES: Record<FaultAction, DutyName> = {
  respond: 'serve',
  investigate: 'serve',
  submitAnalysis: 'serve',
  reviewAnalysis: 'confirm',
  onsiteArrived: 'serve',
  replacementProvided: 'serve',
  resolve: 'serve',
  confirmFix: 'confirm',
  reopen: 'confirm',
  regrade: 'confirm',
  claimExclusion: 'contest',
  decideExclusion: 'decide',
  contestTime: 'contestTime',
  decideContest: 'decide',
};
