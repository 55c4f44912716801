// Who may record what on the 6.3 go-live deadline, and what each fact changes. check() is
// synchronous and pure so the update validators refuse before anything reaches history;
// apply() records the fact (through the kernel case) and moves the state.
import { validateGoLiveExtension } from '../../domain/go-live';
import type { ContractTerms } from '../../domain/terms';
import { ruleViolation } from '../failures';
import type { ActionBase } from '../kernel/case-messages';
import type { Fact } from '../kernel/facts';
import { statedSince, type StatedInstant } from '../kernel/stated-times';
import { guard } from './common';
import {
  GOLIVE_FACT_KIND,
  type ExtensionArgs,
  type ExtensionDecisionArgs,
  type GoLiveInput,
  type GoLiveState,
} from './go-live-messages';
import { requireParty } from './shared-rules';

export type GoLiveAction =
  | { action: 'request'; args: ExtensionArgs }
  | { action: 'decide'; args: ExtensionDecisionArgs }
  | { action: 'live'; args: ActionBase };

const iso = (ms: number) => new Date(ms).toISOString();

/** The state before any fact: the deadline is the contract's go-live date until an extension or amendment moves it (6.3). */
export const initialGoLiveState = (input: Pick<GoLiveInput, 'contractId' | 'goLiveDate'>): GoLiveState => ({
  contractId: input.contractId,
  goLiveDate: input.goLiveDate,
  latestExtension: '', // set once the terms are loaded (NOT_READY before)
  deadlineDate: input.goLiveDate,
  reading: '',
  extension: null,
  supersededExtensions: [],
  amendments: [],
  contractEnded: null,
  liveAt: null,
  liveRecordedBy: null,
  daysLate: 0,
  periodsCharged: 0,
  chargedFen: '0',
  breachRaised: false,
  stated: [],
  history: [],
});

/** Why the obligation takes no more facts (clause 3: the contract ended, or an amendment removed the date), or null. */
export const closedTo = (s: GoLiveState): string | null =>
  s.contractEnded
    ? `the contract ended on ${s.contractEnded.at} (clause 3)`
    : s.amendments.at(-1)?.to === null
      ? 'an amendment removed the go-live date (clause 3)'
      : null;

/** The action's stated time, validated against its kind's window and the signing (throws 400/409 naming the rule). */
export function stated(
  a: GoLiveAction,
  terms: ContractTerms | undefined,
  signedMs: number,
  nowMs: number,
): StatedInstant {
  return statedSince(terms, GOLIVE_FACT_KIND[a.action], a.args.actor, nowMs, a.args.occurredAtMs, '6.3', signedMs);
}

/** Throws Forbidden (403), ValidationError (400) or RuleViolation (409) when the action does not fit. */
export function check(
  s: GoLiveState,
  a: GoLiveAction,
  terms: ContractTerms | undefined,
  signedMs: number,
  nowMs: number,
): void {
  const closed = closedTo(s);
  if (closed) throw ruleViolation('OBLIGATION_CLOSED', `${closed}; nothing more is recorded on this obligation`, '3');
  if (!s.latestExtension)
    throw ruleViolation('NOT_READY', 'the obligation is still loading its terms; retry shortly (clause 6.3)', '6.3');
  switch (a.action) {
    case 'request':
      requireParty(a.args.actor, 'vendor', 'requesting a go-live extension', '6.3');
      stated(a, terms, signedMs, nowMs);
      if (s.liveAt) throw ruleViolation('ALREADY_LIVE', 'the system is already live (clause 6.3)', '6.3');
      if (s.extension)
        throw ruleViolation(
          'EXTENSION_ALREADY_REQUESTED',
          'the contract allows one written extension request only (clause 6.3)',
          '6.3',
        );
      if (s.periodsCharged > 0)
        throw ruleViolation(
          'EXTENSION_TOO_LATE',
          'a go-live penalty period has already been charged; an extension can no longer be requested (clause 6.3)',
          '6.3',
        );
      if (a.args.reason.trim().length === 0)
        throw ruleViolation(
          'EXTENSION_NEEDS_REASON',
          'a written extension request states its reason (clause 6.3)',
          '6.3',
        );
      guard(() => validateGoLiveExtension(s.goLiveDate, a.args.newDate, terms!));
      return;
    case 'decide':
      requireParty(a.args.actor, 'hospital', 'deciding a go-live extension', '6.3', ['hospital-approver']);
      stated(a, terms, signedMs, nowMs);
      if (s.extension?.status !== 'pending')
        throw ruleViolation('NO_PENDING_EXTENSION', 'there is no pending extension request (clause 6.3)', '6.3');
      return;
    case 'live':
      requireParty(a.args.actor, 'hospital', 'recording go-live', '6.3');
      stated(a, terms, signedMs, nowMs);
      if (s.liveAt) throw ruleViolation('ALREADY_LIVE', 'go-live was already recorded (clause 6.3)', '6.3');
      return;
  }
}

export type RecordFact = (type: string, detail: Record<string, unknown>, time: StatedInstant) => Fact;

/** Applies a checked action: records its fact at its stated time and moves the state; returns the fact. */
export function apply(s: GoLiveState, a: GoLiveAction, time: StatedInstant, record: RecordFact): Fact {
  switch (a.action) {
    case 'request': {
      const f = record('extension.request', { newDate: a.args.newDate, reason: a.args.reason }, time);
      s.extension = {
        requestedAt: iso(f.occurredAt),
        by: a.args.actor.name,
        newDate: a.args.newDate,
        reason: a.args.reason,
        status: 'pending',
      };
      return f;
    }
    case 'decide': {
      const { approved, note, actor } = a.args;
      const e = s.extension!;
      const f = record(
        approved ? 'extension.approve' : 'extension.refuse',
        { approved, ...(note ? { note } : {}) },
        time,
      );
      Object.assign(e, {
        status: approved ? 'approved' : 'refused',
        decidedBy: actor.name,
        decidedAt: iso(f.occurredAt),
        note,
      });
      if (approved) s.deadlineDate = e.newDate;
      return f;
    }
    case 'live': {
      const f = record('golive.record', {}, time);
      s.liveAt = iso(f.occurredAt);
      s.liveRecordedBy = a.args.actor.name;
      s.liveFactSeq = f.seq;
      return f;
    }
  }
}

/** A decided contest moved a fact's time: go-live, or the extension's request or decision, moves with it. */
export function retime(s: GoLiveState, fact: { seq: number; type: string }, atMs: number): void {
  if (fact.seq === s.liveFactSeq) s.liveAt = iso(atMs);
  else if (fact.type === 'extension.request' && s.extension) s.extension.requestedAt = iso(atMs);
  else if (s.extension && (fact.type === 'extension.approve' || fact.type === 'extension.refuse'))
    s.extension.decidedAt = iso(atMs);
}
