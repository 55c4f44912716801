// A case of the kernel for the families beside the fault case (signing obligations, staff
// changes, inspections, customer care, acceptance; issue 10): one timeline of
// facts in the kernel's format, stated times checked against their kind's back-dating window,
// the other party's contest of a stated time, and the ONE record path (recordCase: fenced,
// facts + the family's projection row + outbox notices + ledger proposals in one transaction).
// A family keeps its domain state and tells this module which fact moved when a contest is
// decided (retime); it judges its deadlines on the facts' times on its next pass.
import { condition, setHandler, workflowInfo } from '@temporalio/workflow';
import type { ContractTerms } from '../../domain/terms';
import { appendFact, type Fact } from './facts';
import { attributePublisher } from './attributes';
import { contestUntilMs, statedSince, type StatedInstant } from './stated-times';
import { otherParty, partyOf, type Actor } from './actors';
import { recordFence, recordResyncSignal, type Notice, type Proposal, type Withdrawal } from './record';
import { recordCase } from './activities';
import { serialQueue } from './serial';
import { validateContest, validateContestDecision } from './contest-rules';
import { contestTimeUpdate, decideContestUpdate, type ContestResult, type StatedTime } from './case-messages';

export * from './case-messages';

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

const obligationSnapshot = (v: Visibility, state: object, closed: boolean): Record<string, unknown> => ({
  status: v.status,
  awaiting: v.awaiting,
  breached: v.breached,
  nextDeadlineAt: v.nextDeadlineMs === null ? null : iso(v.nextDeadlineMs),
  state,
  closedAt: closed ? iso(Date.now()) : null,
});

export function obligationCase(o: CaseOptions) {
  const caseId = workflowInfo().workflowId;
  const timeline: Fact[] = [];
  const stated: StatedTime[] = [];
  const penaltyKeys: string[] = [];
  const keyOf = new Map<string, string>(); // suffix -> its live ledger key
  const withdrawnKeys = new Set<string>();
  let out = { notices: [] as Notice[], proposals: [] as Proposal[], withdrawals: [] as Withdrawal[] };
  let persisted = 0;
  let lastSnapshot = '';
  const afterRecord: (() => Promise<unknown>)[] = [];
  const serial = serialQueue();
  const attributes = attributePublisher(true); // the start set contractId, kind, awaiting, breached
  let resync = false; // the API saw an Update fail without an answer: write the head even with nothing new (record.ts)

  const c = {
    caseId,
    timeline,
    stated,
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
    /** Appends a fact; a time stated for an earlier instant is registered and the other party told (outbox). */
    fact(actor: Actor, type: string, detail: Record<string, unknown>, clause: string, time?: StatedInstant): Fact {
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
      if (f.statedBy && f.statedBy !== 'platform') noteStated(f);
      return f;
    },
    /** A notice announced by the latest fact, written with it (outbox, issue 13). */
    notice(
      key: string,
      topic: string,
      subject: string,
      body: Record<string, unknown>,
      recipients: Notice['recipients'] = 'both',
    ): void {
      out.notices.push({
        key: `${caseId}:${key}`,
        topic,
        subject,
        body: { caseId, contractId: o.contractId, ...body },
        factSeq: timeline.length,
        recipients,
      });
    },
    /** A penalty proposal (clause 6), keyed by the case id; written with the next record. */
    propose(suffix: string, p: Omit<Proposal, 'key'>): void {
      if (keyOf.has(suffix)) return;
      // A breach judged again after its proposal was withdrawn (a contest decided against the
      // stated time) is a new entry: the ledger keeps the withdrawn one as it was.
      const base = `${caseId}:${suffix}`;
      const key = withdrawnKeys.has(base) ? `${base}@${timeline.length}` : base;
      keyOf.set(suffix, key);
      penaltyKeys.push(key);
      out.proposals.push({ key, ...p });
    },
    /** Withdraws a proposal whose breach a fact superseded (reason cites the fact). */
    withdraw(suffix: string, reason: string): void {
      const key = keyOf.get(suffix);
      if (!key) return;
      keyOf.delete(suffix);
      withdrawnKeys.add(`${caseId}:${suffix}`);
      penaltyKeys.splice(penaltyKeys.indexOf(key), 1);
      out.proposals = out.proposals.filter((p) => p.key !== key);
      out.withdrawals.push({ key, reason });
    },
    /** An outward effect (a rights event) run after the record write that carries its fact. */
    after(fn: () => Promise<unknown>): void {
      afterRecord.push(fn);
    },
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
    /** Publishes the visibility and writes the completed state through the one record path. */
    record(v: Visibility, state: object, closed = false): Promise<void> {
      attributes.publish({
        contractId: o.contractId,
        kind: o.kind,
        status: v.status,
        awaiting: v.awaiting,
        breached: v.breached,
        nextDeadlineMs: v.nextDeadlineMs,
        ...(o.contractYear === undefined ? {} : { contractYear: o.contractYear }),
        ...(v.overdue === undefined ? {} : { overdue: v.overdue }),
        ...(o.title === undefined ? {} : { title: o.title }),
      });
      return serial.run(async () => {
        const { asOf: _asOf, ...rest } = state as { asOf?: string };
        const key = JSON.stringify([v, rest, closed]);
        const pending =
          persisted < timeline.length || out.notices.length || out.proposals.length || out.withdrawals.length;
        if (key === lastSnapshot && !pending && !resync) return;
        resync = false;
        lastSnapshot = key;
        const batch = out;
        out = { notices: [], proposals: [], withdrawals: [] };
        const facts = timeline.slice(persisted);
        persisted = timeline.length;
        await recordCase({
          caseId,
          kind: o.kind,
          contractId: o.contractId,
          fence: recordFence(0),
          lastSeq: timeline.length,
          facts,
          ...batch,
          penaltyKeys: [...penaltyKeys],
          snapshot: (o.snapshot ?? obligationSnapshot)(v, state, closed),
        });
        while (afterRecord.length) await afterRecord.shift()!();
      });
    },
    idle: () => serial.idle(),
    /**
     * Until when a finished case stays open: while a stated time may still be contested (its
     * window) or a contest awaits the approver (Infinity), the case does not complete, so the
     * contest can reach it and the obligation be judged again on the decided time.
     */
    openUntilMs(): number | undefined {
      let until: number | undefined;
      for (const st of stated) {
        if (st.decision) continue;
        const u = st.contest ? Infinity : Date.parse(st.contestUntil);
        if (u > Date.now()) until = Math.max(until ?? 0, u);
      }
      return until;
    },
  };

  function noteStated(f: Fact): void {
    stated.push({
      factSeq: f.seq,
      type: f.type,
      statedBy: f.statedBy as 'hospital' | 'vendor',
      statedAt: iso(f.occurredAt),
      recordedAt: iso(f.recordedAt),
      contestUntil: iso(contestUntilMs(o.terms(), f)),
    });
    const to = otherParty(f.statedBy!);
    c.notice(
      `stated-${f.seq}`,
      `${o.kind}.stated-time`,
      `${caseId}: the ${f.statedBy} states that ${f.type} happened at ${iso(f.occurredAt)} (recorded ${iso(f.recordedAt)}); the ${to} may contest until ${iso(contestUntilMs(o.terms(), f))}`,
      {
        factSeq: f.seq,
        type: f.type,
        occurredAt: iso(f.occurredAt),
        recordedAt: iso(f.recordedAt),
        statedBy: f.statedBy,
        contestUntil: iso(contestUntilMs(o.terms(), f)),
      },
      to,
    );
  }

  setHandler(recordResyncSignal, () => {
    resync = true;
    o.wake();
  });

  // The other party contests a stated time; the hospital's approver decides (as a disputed
  // penalty is decided, clause 6); the family judges again on the decided time.
  setHandler(
    contestTimeUpdate,
    (a) => {
      const st = stated.find((x) => x.factSeq === a.factSeq)!;
      const proposedAtMs = a.proposedAtMs ?? Date.parse(st.recordedAt); // by default: it happened when it was typed in
      const f = c.fact(
        a.actor,
        'time.contested',
        { factSeq: a.factSeq, statedAt: st.statedAt, proposedAt: iso(proposedAtMs), reason: a.reason },
        o.clause,
      );
      st.contest = {
        by: a.actor.name,
        party: partyOf(a.actor.role) as 'hospital' | 'vendor',
        reason: a.reason,
        proposedAt: iso(proposedAtMs),
        at: iso(f.recordedAt),
        factSeq: f.seq,
      };
      c.notice(
        `contest-${a.factSeq}`,
        `${o.kind}.time-contested`,
        `${caseId}: the ${st.contest.party} contests the time of fact ${a.factSeq} (stated ${st.statedAt}, says ${iso(proposedAtMs)}); the hospital's approver decides`,
        { factSeq: a.factSeq, statedAt: st.statedAt, proposedAt: iso(proposedAtMs), reason: a.reason },
      );
      o.wake();
      return { caseId, stated: st, fact: f } satisfies ContestResult;
    },
    {
      validator: (a) => validateContest(o.terms(), timeline, stated, a, Date.now(), o.clause),
    },
  );
  setHandler(
    decideContestUpdate,
    (a) => {
      const st = stated.find((x) => x.factSeq === a.factSeq)!;
      const effectiveAtMs = Date.parse(a.decision === 'stated' ? st.statedAt : st.contest!.proposedAt);
      const f = c.fact(
        a.actor,
        'time.decided',
        { factSeq: a.factSeq, decision: a.decision, effectiveAt: iso(effectiveAtMs), reason: a.reason },
        '6',
      );
      st.decision = {
        outcome: a.decision,
        effectiveAt: iso(effectiveAtMs),
        by: a.actor.name,
        reason: a.reason,
        at: iso(f.recordedAt),
        factSeq: f.seq,
      };
      o.retime(timeline[a.factSeq - 1]!, effectiveAtMs);
      c.notice(
        `contest-${a.factSeq}-decided`,
        `${o.kind}.time-decided`,
        `${caseId}: the time of fact ${a.factSeq} is decided (${a.decision}): ${iso(effectiveAtMs)}`,
        { factSeq: a.factSeq, decision: a.decision, effectiveAt: iso(effectiveAtMs), reason: a.reason },
      );
      o.wake();
      return { caseId, stated: st, fact: f } satisfies ContestResult;
    },
    {
      validator: (a) => validateContestDecision(stated, a),
    },
  );
  return c;
}

/** Waits for a change (dirty) or the end of the contest window hold (Infinity: an open contest, until decided). */
export async function waitWhileContestable(dirty: () => boolean, hold: number): Promise<void> {
  if (Number.isFinite(hold)) await condition(dirty, Math.max(1, hold - Date.now()));
  else await condition(dirty);
}
