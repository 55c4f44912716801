// What the signing-obligation and staff workflows share: the activity interfaces of the
// contract core (issue 3) and of src/activities/obligations.ts, the working-day calendar
// loaded through an activity, and the mapping of domain errors to update failures.
import { defineSignal, proxyActivities, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { WorkingDayCalendar, type CalendarYear } from '../../domain/calendar';
import { DomainError } from '../../domain/errors';
import type { HospitalChange } from '../../domain/obligations';
import type { ContractTerms } from '../../domain/terms';
import type { ObligationKind, ObligationSnapshot } from '../../db/queries/obligations';
import { SA } from '../../temporal/search-attributes';
import { forbiddenAction, invalidInput, ruleViolation } from '../failures';

export interface TermsAt { contractId: string; version: number; terms: ContractTerms; amountFen: string; signedAt: string; termYears: number; timeZone: string; goLiveDate: string | null }
export interface PenaltyProposal {
  key: string; contractId: string; clause: string; termsVersion: number; caseKind: string; caseId: string; fact: string;
  dueAt?: string; lateByMs?: number; amountFen: string; basis: string; reading?: string; occurredAt: string; held?: boolean;
}
export interface RightsEvent { key: string; contractId: string; right: string; clause: string; numbers: Record<string, string | number> }
export interface StaffChangeApply { key: string; contractId: string; requestId: string; remove: string[]; add: EngineerInput[]; effectiveDate: string }
export interface EngineerInput { engineerId: string; name: string; qualification: string; yearsOnProduct: number; fixed: boolean }

/** The activities these workflows call (contract core names and shapes, plus ours). */
export interface ObligationActivityApi {
  termsAt(a: { contractId: string; atMs: number }): Promise<TermsAt>;
  proposePenalty(p: PenaltyProposal): Promise<{ entryId: string; created: boolean }>;
  raiseRightsEvent(e: RightsEvent): Promise<{ created: boolean }>;
  calendarYears(a: { years: number[] }): Promise<CalendarYear[]>;
  notify(n: { key: string; topic: string; contractId?: string; subject: string; body: Record<string, unknown> }): Promise<void>;
  listHospitalChanges(a: { contractId: string }): Promise<HospitalChange[]>;
  applyStaffChange(a: StaffChangeApply): Promise<void>;
  closeStaffChangeRequest(a: { key: string; outcome: 'refused' | 'withdrawn' | 'contract-ended' }): Promise<void>;
  recordObligation(s: ObligationSnapshot): Promise<void>;
}

export const acts = proxyActivities<ObligationActivityApi>({
  startToCloseTimeout: '1 minute',
  retry: { maximumInterval: '5 minutes', nonRetryableErrorTypes: ['NotFound', 'NotFoundError', 'ValidationError', 'RuleViolation'] },
});

/** Re-read the calendar this often while a deadline is provisional (its year not yet loaded). */
export const CALENDAR_REFRESH_MS = 24 * 60 * 60 * 1000;

export async function loadCalendar(years: number[]): Promise<WorkingDayCalendar> {
  return new WorkingDayCalendar(await acts.calendarYears({ years }));
}

/** Domain errors thrown inside update validators become typed failures (400/404/409 at the API). */
export function asFailure(e: unknown): unknown {
  if (e instanceof DomainError) {
    if (e.kind === 'validation') return invalidInput(e.field ?? '(input)', e.message, e.clause);
    return ruleViolation(e.code, e.message, e.clause);
  }
  return e;
}

export function guard(fn: () => void): void {
  try { fn(); } catch (e) { throw asFailure(e); }
}

export type Party = 'vendor' | 'hospital';
/** Role checks repeated inside validators so that a client other than the API is held to them too (least privilege: no admin bypass). */
export function requireParty(actor: { role: string }, party: Party, what: string, clause: string, roles?: string[]): void {
  const allowed = roles ?? (party === 'vendor' ? ['vendor-engineer'] : ['hospital-operator', 'hospital-approver']);
  if (!allowed.includes(actor.role)) throw forbiddenAction(`${what} is for ${allowed.join(' or ')} (clause ${clause})`, clause);
}

export interface Actor { name: string; role: string }

export interface Visibility { status: string; awaiting: 'vendor' | 'hospital' | 'none'; breached: boolean; nextDeadlineMs: number | null }

/** Upserts the shared search attributes only when they change (each upsert is a history event). */
export function createPublisher(): (v: Visibility) => void {
  let last = '';
  return (v) => {
    const key = JSON.stringify(v);
    if (key === last) return;
    last = key;
    const pairs: SearchAttributeUpdatePair[] = [
      { key: SA.status, value: v.status },
      { key: SA.awaiting, value: v.awaiting },
      { key: SA.breached, value: v.breached },
      { key: SA.nextDeadline, value: v.nextDeadlineMs === null ? null : new Date(v.nextDeadlineMs) },
    ];
    upsertSearchAttributes(pairs);
  };
}

export const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * The one path of an obligation's state to PostgreSQL (issue 10 item 6) together with its
 * search attributes: each call publishes the visibility and, when the state changed, writes
 * the next version of the record. A normal activity, so a workflow task that did not complete
 * leaves no record; the version only grows, so a retried write never overwrites a newer one.
 * `closed` marks the final state (the workflow completes right after).
 */
export function createRecorder(kind: ObligationKind, contractId: string) {
  const publish = createPublisher();
  let version = 0;
  let last = '';
  return async (v: Visibility, state: object, closed = false): Promise<void> => {
    publish(v);
    const { asOf: _asOf, ...facts } = state as { asOf?: string };
    const key = JSON.stringify([v, facts, closed]);
    if (key === last) return;
    last = key;
    version += 1;
    await acts.recordObligation({
      workflowId: workflowInfo().workflowId, contractId, kind, status: v.status, awaiting: v.awaiting, breached: v.breached,
      nextDeadlineAt: v.nextDeadlineMs === null ? null : iso(v.nextDeadlineMs), state, version, closedAt: closed ? iso(Date.now()) : null,
    });
  };
}

/**
 * Clause 3: the contract ended (afterContractEnded). Each obligation records what is due up
 * to the end, then completes with a final state; a repeated signal is ignored.
 */
export interface ContractEnded { endedAt: string; reason: string }
export const obligationContractEndedSignal = defineSignal<[ContractEnded]>('contractEnded');
export const SYSTEM_END: Actor = { name: 'system:contract-end', role: 'system' };

/**
 * Issue 10 item 7: a calendar year was loaded or corrected, or the contract's terms were
 * amended. A running obligation re-reads its terms and calendar at once (not at its daily
 * re-read), recomputes its deadlines and records the change as a fact in its history.
 */
export interface ContextChange { what: 'calendar' | 'terms'; ref: string; by: string }
export const contextChangedSignal = defineSignal<[ContextChange]>('contextChanged');
export const contextActor = (c: ContextChange): Actor => ({ name: c.by, role: 'system' });
export const contextFact = (c: ContextChange): string => `${c.what}.reloaded (${c.ref})`;

/**
 * Issue 10 item 4 (onboarding a running contract): what already happened on a signing
 * obligation before the contract was entered, with the times it happened, stated by the admin
 * who registers it. The workflow starts from these facts and judges them exactly as it would
 * have live: a fact on time proposes nothing, a late one what it would have then.
 */
export interface OnboardedFacts {
  by: string;
  /** 4.10: the vendor's declaration and the hospital's accepted verification. */
  dongle?: { declaredAt: string; verifiedAt?: string };
  /** 6.3: the plan's delivery and the items, each done (and confirmed) at its time. */
  rectification?: { planSubmittedAt: string; items: { itemId: string; description: string; dueDate?: string; doneAt?: string }[] };
  /** 6.3: the system went live. */
  goLive?: { liveAt: string };
}
export const onboardedActor = (f: OnboardedFacts): Actor => ({ name: `${f.by} (entered at onboarding)`, role: 'admin' });
