// What the cycle workflows share: the activities they call (contract core names and shapes of
// the shared brief, plus src/activities/cycles.ts), actors and search attributes.
import { defineSignal, proxyActivities, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { quarterIfKnown, type CyclePeriod } from '../../domain/cycles';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import type { ContractTerms } from '../../domain/terms';
import type { TermExtension } from '../../domain/contract-year';
import type { cycleActivities } from '../../activities/cycles';
import { SA } from '../../temporal/search-attributes';
import { forbiddenAction } from '../failures';

export interface TermsAt {
  contractId: string;
  version: number;
  terms: ContractTerms;
  amountFen: string;
  signedAt: string;
  termYears: number;
  timeZone: string;
  goLiveDate: string | null;
}
export interface PenaltyProposal {
  key: string;
  contractId: string;
  clause: string;
  termsVersion: number;
  caseKind: string;
  caseId: string;
  fact: string;
  dueAt?: string;
  lateByMs?: number;
  amountFen: string;
  basis: string;
  reading?: string;
  occurredAt: string;
  held?: boolean;
}

export interface CoreActivityApi {
  termsAt(a: { contractId: string; atMs: number }): Promise<TermsAt>;
  proposePenalty(p: PenaltyProposal): Promise<{ entryId: string; created: boolean }>;
  ledgerTotals(a: {
    contractId: string;
    contractYear?: number;
  }): Promise<{ confirmedFen: string; proposedFen: string; heldFen: string }>;
  recordTermExtension(p: {
    key: string;
    contractId: string;
    contractYear: number;
    untilAt: string | null;
    reason: string;
  }): Promise<{ created: boolean }>;
  notify(n: {
    key: string;
    topic: string;
    contractId?: string;
    subject: string;
    body: Record<string, unknown>;
  }): Promise<void>;
}
export type CycleActivityApi = CoreActivityApi & ReturnType<typeof cycleActivities>;

export const acts = proxyActivities<CycleActivityApi>({
  startToCloseTimeout: '1 minute',
  retry: {
    maximumInterval: '5 minutes',
    nonRetryableErrorTypes: ['NotFound', 'NotFoundError', 'ValidationError', 'RuleViolation'],
  },
});

/** Who performs an update; the API passes the authenticated key's name and role. */
export interface Actor {
  name: string;
  role: string;
}

const VENDOR = ['vendor-engineer'];
const HOSPITAL = ['hospital-operator', 'hospital-approver'];
/** Role checks repeated in validators so that a client other than the API is held to them too. */
export function requireRole(actor: Actor | undefined, roles: string[], what: string, clause: string): void {
  if (!actor || !roles.includes(actor.role))
    throw forbiddenAction(
      `${what} is for ${roles.join(' or ')} (clause ${clause}); got ${actor?.role ?? 'no actor'}`,
      clause,
    );
}
export const requireVendor = (a: Actor | undefined, what: string, clause: string) =>
  requireRole(a, VENDOR, what, clause);
export const requireHospital = (a: Actor | undefined, what: string, clause: string) =>
  requireRole(a, HOSPITAL, what, clause);

export function extensionsOf(info: {
  extensions: { contractYear: number; untilMs: number | null }[];
}): TermExtension[] {
  return info.extensions.map((e) => ({ contractYear: e.contractYear, untilMs: e.untilMs }));
}

export interface Visibility {
  kind: string;
  contractId: string;
  year: number;
  status: string;
  awaiting: 'vendor' | 'hospital' | 'none';
  breached: boolean;
  nextDeadlineMs?: number;
}

/** WeibaoKind/Status/Awaiting/Breached/NextDeadline: what the Web UI queries of issue 5 filter on. */
export function publish(v: Visibility): void {
  const pairs: SearchAttributeUpdatePair[] = [
    { key: SA.contractId, value: v.contractId },
    { key: SA.kind, value: v.kind },
    { key: SA.status, value: v.status },
    { key: SA.awaiting, value: v.awaiting },
    { key: SA.contractYear, value: v.year },
    { key: SA.breached, value: v.breached },
    { key: SA.nextDeadline, value: v.nextDeadlineMs === undefined ? null : new Date(v.nextDeadlineMs) },
  ] as SearchAttributeUpdatePair[];
  upsertSearchAttributes(pairs);
}

/**
 * Sent by the acceptance of year N when it fails or passes (clause 3): the next year's first
 * quarter and acceptance may have started on the unshifted calendar, so they re-read their period.
 */
export const termShifted = defineSignal('termShifted');

export const nowIso = () => new Date(Date.now()).toISOString();
export const wfId = () => workflowInfo().workflowId;

/**
 * Follows one contract quarter as clause 3 may shift it: a failed acceptance moves later
 * periods, announced by the termShifted signal, after which locate() reads it again.
 */
export function quarterTracker(contractId: string, year: number, quarter: number) {
  const t = {
    shifted: false,
    signedAtMs: 0,
    async locate(): Promise<CyclePeriod | undefined> {
      t.shifted = false;
      const info = await acts.cycleContract({ contractId });
      t.signedAtMs = info.signedAtMs;
      return quarterIfKnown(info.signedAtMs, year, quarter, extensionsOf(info));
    },
  };
  setHandler(termShifted, () => {
    t.shifted = true;
  });
  return t;
}
