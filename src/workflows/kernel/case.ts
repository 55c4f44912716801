// A case of the kernel for the families beside the fault case (signing obligations, staff
// changes, inspections, customer care, acceptance; issue 10): one timeline of
// facts in the kernel's format, stated times checked against their kind's back-dating window,
// the other party's contest of a stated time, and the ONE record path (recordCase: fenced,
// facts + the family's projection row + outbox notices + ledger proposals in one transaction).
// A family keeps its domain state and tells this module which fact moved when a contest is
// decided (retime); it judges its deadlines on the facts' times on its next pass.
// Read in order: this file (the facts), case-outbox.ts (what they send out), case-record.ts
// (the write), case-contests.ts (stated times and their contest).
import { setHandler, workflowInfo } from '@temporalio/workflow';
import type { ContractTerms } from '../../domain/terms';
import { appendFact, type Fact } from './facts';
import { statedSince, type StatedInstant } from './stated-times';
import type { Actor } from './actors';
import { recordResyncSignal } from './record';
import { caseOutbox } from './case-outbox';
import { caseRecorder } from './case-record';
import { caseStatedTimes, wireContestHandlers } from './case-contests';

export * from './case-messages';
export { waitWhileContestable } from './case-contests';

const iso = (ms: number) => new Date(ms).toISOString();

export interface Visibility {
  status: string;
  awaiting: 'vendor' | 'hospital' | 'none';
  breached: boolean;
  nextDeadlineMs: number | null;
  /** A deadline passed with its duty undone (WeibaoOverdue); default from the status and the next deadline (summary.ts). */
  overdue?: boolean;
}

export interface CaseOptions {
  /** The family: rectification | golive | dongle | staff | inspection | care | acceptance (its projection in src/activities/records.ts). */
  kind: string;
  contractId: string;
  /** The clause the contest refusals cite (4.10, 6.3, 4.2). */
  clause: string;
  terms: () => ContractTerms | undefined;
  /** A decided contest moved fact's time to atMs: the family moves its domain record (pure). */
  retime: (fact: Fact, atMs: number) => void;
  /** Wakes the family's loop so it judges again. */
  wake: () => void;
  /** The projection row's content; default the obligation record's (status, awaiting, breached, next deadline, state). */
  snapshot?: (v: Visibility, state: object, closed: boolean) => Record<string, unknown>;
  /** Attributes beside the visibility (the cycles' contract year). */
  contractYear?: number;
  /** What the Web UI's details name the case by (a payload, encrypted; never a search attribute). */
  title?: string;
}

export type ObligationCase = ReturnType<typeof obligationCase>;

export function obligationCase(o: CaseOptions) {
  const caseId = workflowInfo().workflowId;
  const timeline: Fact[] = [];
  const outbox = caseOutbox(caseId, o.contractId, timeline);
  const statedTimes = caseStatedTimes(o, caseId, outbox);
  const recorder = caseRecorder(o, caseId, timeline, outbox, () => statedTimes.sync(timeline));

  /** Appends a fact; a time stated for an earlier instant is registered and the other party told (outbox). */
  function fact(
    actor: Actor,
    type: string,
    detail: Record<string, unknown>,
    clause: string,
    time?: StatedInstant,
  ): Fact {
    const now = Date.now();
    const f = appendFact(timeline, {
      type,
      occurredAt: time?.occurredAt ?? now,
      recordedAt: now,
      recordedBy: { name: actor.name, role: actor.role },
      ...(time?.onBehalfOf ? { onBehalfOf: time.onBehalfOf } : {}),
      ...(time?.statedBy ? { statedBy: time.statedBy } : {}),
      clause,
      detail,
    });
    if (f.statedBy && f.statedBy !== 'platform') statedTimes.note(f);
    return f;
  }

  const c = {
    caseId,
    timeline,
    stated: statedTimes.stated,
    /** Validates a stated time (synchronous: validators call it); notBeforeMs: e.g. the signing. */
    statedTime(
      kind: string,
      actor: Actor,
      occurredAtMs: number | undefined,
      clause: string,
      notBeforeMs?: number,
    ): StatedInstant {
      return statedSince(o.terms(), kind, actor, Date.now(), occurredAtMs, clause, notBeforeMs);
    },
    fact,
    notice: outbox.notice,
    propose: outbox.propose,
    withdraw: outbox.withdraw,
    after: recorder.after,
    /** History lines as the API has shown them: when, who, what. */
    history(): { at: string; actor: string; action: string; itemId?: string; factSeq: number; statedBy?: string }[] {
      return timeline.map((f) => ({
        at: iso(f.occurredAt),
        actor: f.recordedBy.name,
        action: (f.detail.summary as string | undefined) ?? f.type,
        ...(typeof f.detail.itemId === 'string' ? { itemId: f.detail.itemId } : {}),
        factSeq: f.seq,
        ...(f.statedBy ? { statedBy: f.statedBy } : {}),
      }));
    },
    record: recorder.record,
    idle: recorder.idle,
    /**
     * Until when a finished case stays open: while a stated time may still be contested (its
     * window) or a contest awaits the approver (Infinity), the case does not complete, so the
     * contest can reach it and the obligation be judged again on the decided time.
     */
    openUntilMs: statedTimes.openUntilMs,
  };

  setHandler(recordResyncSignal, () => {
    recorder.resync();
    o.wake();
  });
  wireContestHandlers(o, caseId, timeline, statedTimes, fact, outbox);
  return c;
}
