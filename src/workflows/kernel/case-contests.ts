// Stated times of a kernel case and their contest (issue 10 item 3): a time one party states for
// an earlier instant is registered and the other party told (outbox); that party may contest it
// within its kind's window; the hospital's approver decides (as a disputed penalty is decided,
// clause 6), and the family judges again on the decided time (retime, then wake).
import { condition, setHandler } from '@temporalio/workflow';
import type { Fact } from './facts';
import { contestUntilMs } from './stated-times';
import { otherParty, partyOf, type Actor } from './actors';
import { validateContest, validateContestDecision } from './contest-rules';
import { contestTimeUpdate, decideContestUpdate, type ContestResult, type StatedTime } from './case-messages';
import type { CaseOutbox } from './case-outbox';
import type { CaseOptions } from './case';

const iso = (ms: number) => new Date(ms).toISOString();

type AppendFact = (actor: Actor, type: string, detail: Record<string, unknown>, clause: string) => Fact;

export interface CaseStatedTimes {
  stated: StatedTime[];
  /** Registers a fact whose time its party stated, and tells the other party (outbox). */
  note(f: Fact): void;
  /** Until when a finished case stays open (see case.ts openUntilMs). */
  openUntilMs(): number | undefined;
  /** After a record write: the entries show the times the record holds (see syncStatedTimes). */
  sync(timeline: readonly Fact[]): void;
}

export function caseStatedTimes(o: CaseOptions, caseId: string, outbox: CaseOutbox): CaseStatedTimes {
  const stated: StatedTime[] = [];
  // The hold of each entry as its noting task computed it: the case's loop compares it with the
  // clock of that same task, so a replay of a taken-over task (clock = the retry's start) must
  // hold on its own copy, not on the record's time synced in after the write.
  const holdUntilMs = new Map<number, number>();
  return {
    stated,
    note(f: Fact): void {
      holdUntilMs.set(f.seq, contestUntilMs(o.terms(), f));
      stated.push({
        factSeq: f.seq,
        type: f.type,
        statedBy: f.statedBy as 'hospital' | 'vendor',
        statedAt: iso(f.occurredAt),
        recordedAt: iso(f.recordedAt),
        contestUntil: iso(contestUntilMs(o.terms(), f)),
      });
      const to = otherParty(f.statedBy!);
      outbox.notice(
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
    },
    openUntilMs(): number | undefined {
      let until: number | undefined;
      for (const st of stated) {
        if (st.decision) continue;
        const u = st.contest ? Infinity : holdUntilMs.get(st.factSeq)!;
        if (u > Date.now()) until = Math.max(until ?? 0, u);
      }
      return until;
    },
    sync(timeline: readonly Fact[]): void {
      syncStatedTimes(o, stated, timeline);
    },
  };
}

/**
 * A replay of a workflow task that was taken over stamps its new facts at the retry's start, and
 * recordCase then gives them the times the record holds (adoptRecordedTimes, activities.ts). The
 * entries copied those times when the facts were noted; this copies them again, so the case's
 * stated times (its projection row and queries) agree with its facts. Pure, deterministic.
 */
function syncStatedTimes(o: CaseOptions, stated: StatedTime[], timeline: readonly Fact[]): void {
  const at = (seq: number) => iso(timeline[seq - 1]!.recordedAt);
  for (const st of stated) {
    const f = timeline[st.factSeq - 1]!;
    st.statedAt = iso(f.occurredAt);
    st.recordedAt = iso(f.recordedAt);
    st.contestUntil = iso(contestUntilMs(o.terms(), f));
    if (st.contest) st.contest.at = at(st.contest.factSeq);
    if (st.decision) st.decision.at = at(st.decision.factSeq);
  }
}

/** The contest and decide updates (validators synchronous: contest-rules.ts). */
export function wireContestHandlers(
  o: CaseOptions,
  caseId: string,
  timeline: Fact[],
  st: CaseStatedTimes,
  fact: AppendFact,
  outbox: CaseOutbox,
): void {
  const { stated } = st;
  setHandler(
    contestTimeUpdate,
    (a) => {
      const s = stated.find((x) => x.factSeq === a.factSeq)!;
      const proposedAtMs = a.proposedAtMs ?? Date.parse(s.recordedAt); // by default: it happened when it was typed in
      const f = fact(
        a.actor,
        'time.contested',
        { factSeq: a.factSeq, statedAt: s.statedAt, proposedAt: iso(proposedAtMs), reason: a.reason },
        o.clause,
      );
      s.contest = {
        by: a.actor.name,
        party: partyOf(a.actor.role) as 'hospital' | 'vendor',
        reason: a.reason,
        proposedAt: iso(proposedAtMs),
        at: iso(f.recordedAt),
        factSeq: f.seq,
      };
      outbox.notice(
        `contest-${a.factSeq}`,
        `${o.kind}.time-contested`,
        `${caseId}: the ${s.contest.party} contests the time of fact ${a.factSeq} (stated ${s.statedAt}, says ${iso(proposedAtMs)}); the hospital's approver decides`,
        { factSeq: a.factSeq, statedAt: s.statedAt, proposedAt: iso(proposedAtMs), reason: a.reason },
      );
      o.wake();
      return { caseId, stated: s, fact: f } satisfies ContestResult;
    },
    {
      validator: (a) => validateContest(o.terms(), timeline, stated, a, Date.now(), o.clause),
    },
  );
  setHandler(
    decideContestUpdate,
    (a) => {
      const s = stated.find((x) => x.factSeq === a.factSeq)!;
      const effectiveAtMs = Date.parse(a.decision === 'stated' ? s.statedAt : s.contest!.proposedAt);
      const f = fact(
        a.actor,
        'time.decided',
        { factSeq: a.factSeq, decision: a.decision, effectiveAt: iso(effectiveAtMs), reason: a.reason },
        '6',
      );
      s.decision = {
        outcome: a.decision,
        effectiveAt: iso(effectiveAtMs),
        by: a.actor.name,
        reason: a.reason,
        at: iso(f.recordedAt),
        factSeq: f.seq,
      };
      o.retime(timeline[a.factSeq - 1]!, effectiveAtMs);
      outbox.notice(
        `contest-${a.factSeq}-decided`,
        `${o.kind}.time-decided`,
        `${caseId}: the time of fact ${a.factSeq} is decided (${a.decision}): ${iso(effectiveAtMs)}`,
        { factSeq: a.factSeq, decision: a.decision, effectiveAt: iso(effectiveAtMs), reason: a.reason },
      );
      o.wake();
      return { caseId, stated: s, fact: f } satisfies ContestResult;
    },
    {
      validator: (a) => validateContestDecision(stated, a),
    },
  );
}

/** Waits for a change (dirty) or the end of the contest window hold (Infinity: an open contest, until decided). */
export async function waitWhileContestable(dirty: () => boolean, hold: number): Promise<void> {
  if (Number.isFinite(hold)) await condition(dirty, Math.max(1, hold - Date.now()));
  else await condition(dirty);
}
