// Stated earlier times on a fault case (issue 10): a fact whose time a party stated for an
// earlier instant is that party's claim. The other party is told (outbox) and may contest it
// within the terms' window; the hospital's approver decides, as a disputed penalty is decided
// (clause 6), and every deadline is judged on the decided time.
import { otherParty, partyOf } from '../kernel/actors';
import type { Fact } from '../kernel/facts';
import { contestUntilMs } from '../kernel/stated-times';
import { addFact, reconcile, refulfil } from './duties';
import type { ContestTimeArgs, DecideContestArgs } from './messages';
import type { FaultState } from './state';

const iso = (ms: number) => new Date(ms).toISOString();

/** Registers a fact with a stated time, telling nobody (an entered fact contested before the registration, past.ts). */
export function registerStated(s: FaultState, fact: Fact): void {
  s.stated.push({
    factSeq: fact.seq,
    statedBy: fact.statedBy as 'hospital' | 'vendor',
    statedAtMs: fact.occurredAt,
    recordedAtMs: fact.recordedAt,
  });
}

/** Registers a fact with a stated time and tells the other party it may contest it. */
export function noteStated(s: FaultState, fact: Fact): void {
  if (!fact.statedBy || fact.statedBy === 'platform') return;
  registerStated(s, fact);
  const to = otherParty(fact.statedBy);
  const until = contestUntilMs(s.terms, fact);
  s.outgoing.notices.push({
    key: `${s.caseId}:stated-${fact.seq}`,
    topic: 'fault.stated-time',
    factSeq: fact.seq,
    recipients: to,
    subject: `Fault ${s.caseId}: the ${fact.statedBy} states that ${fact.type} happened at ${iso(fact.occurredAt)} (recorded ${iso(fact.recordedAt)}); the ${to} may contest until ${iso(until)}`,
    body: {
      caseId: s.caseId,
      factSeq: fact.seq,
      type: fact.type,
      occurredAt: iso(fact.occurredAt),
      recordedAt: iso(fact.recordedAt),
      statedBy: fact.statedBy,
      contestUntil: iso(until),
    },
  });
}

/**
 * After a record write: the entries take the times the record holds. A replay of a taken-over
 * task stamps its facts at the retry's start, and recordCase gives them the first attempt's
 * recorded times (adoptRecordedTimes, kernel/activities.ts); the copies here follow, so the case's
 * projection agrees with its facts and a contest's default time is the recorded one.
 */
export function syncStated(s: FaultState): void {
  for (const st of s.stated) {
    st.recordedAtMs = s.timeline[st.factSeq - 1]!.recordedAt;
    if (st.contest) st.contest.atMs = s.timeline[st.contest.factSeq - 1]!.recordedAt;
    if (st.decision) st.decision.atMs = s.timeline[st.decision.factSeq - 1]!.recordedAt;
  }
}

export function applyContest(s: FaultState, a: ContestTimeArgs, nowMs: number, clause: string): Fact {
  const st = s.stated.find((x) => x.factSeq === a.factSeq)!;
  const proposedAtMs = a.proposedAtMs ?? st.recordedAtMs; // by default: it happened when it was typed in
  const fact = addFact(
    s,
    nowMs,
    'time.contested',
    a.actor,
    { factSeq: a.factSeq, statedAt: iso(st.statedAtMs), proposedAt: iso(proposedAtMs), reason: a.reason },
    clause,
  );
  st.contest = {
    by: a.actor.name,
    party: partyOf(a.actor.role),
    reason: a.reason,
    proposedAtMs,
    atMs: nowMs,
    factSeq: fact.seq,
  };
  s.outgoing.notices.push({
    key: `${s.caseId}:contest-${a.factSeq}`,
    topic: 'fault.time-contested',
    factSeq: fact.seq,
    recipients: 'both',
    subject: `Fault ${s.caseId}: the ${st.contest.party} contests the time of fact ${a.factSeq} (stated ${iso(st.statedAtMs)}, says ${iso(proposedAtMs)}); the hospital's approver decides`,
    body: {
      caseId: s.caseId,
      factSeq: a.factSeq,
      statedAt: iso(st.statedAtMs),
      proposedAt: iso(proposedAtMs),
      reason: a.reason,
    },
  });
  return fact;
}

export function applyContestDecision(s: FaultState, a: DecideContestArgs, nowMs: number, clause: string): Fact {
  const st = s.stated.find((x) => x.factSeq === a.factSeq)!;
  const effectiveAtMs = a.decision === 'stated' ? st.statedAtMs : st.contest!.proposedAtMs;
  const fact = addFact(
    s,
    nowMs,
    'time.decided',
    a.actor,
    { factSeq: a.factSeq, decision: a.decision, effectiveAt: iso(effectiveAtMs), reason: a.reason },
    clause,
  );
  st.decision = {
    outcome: a.decision,
    effectiveAtMs,
    by: a.actor.name,
    reason: a.reason,
    atMs: nowMs,
    factSeq: fact.seq,
  };
  const decided = s.timeline[a.factSeq - 1]!;
  if (decided.type === 'case.reported') {
    s.reportedAtMs = effectiveAtMs;
    reconcile(s, nowMs, `report time decided (fact ${fact.seq}): ${iso(effectiveAtMs)}`, true);
  } else {
    refulfil(s, a.factSeq, effectiveAtMs);
    if (decided.type === 'case.responded' && s.response) {
      s.response.atMs = effectiveAtMs;
      reconcile(s, nowMs, `response time decided (fact ${fact.seq})`);
    }
    if (decided.type === 'case.resolved') {
      const round = decided.detail.round as number;
      for (const d of s.deadlines)
        if (d.round === round && d.resolvedAtMs !== undefined) d.resolvedAtMs = effectiveAtMs;
    }
  }
  s.outgoing.notices.push({
    key: `${s.caseId}:contest-${a.factSeq}-decided`,
    topic: 'fault.time-decided',
    factSeq: fact.seq,
    recipients: 'both',
    subject: `Fault ${s.caseId}: the time of fact ${a.factSeq} is decided (${a.decision}): ${iso(effectiveAtMs)}`,
    body: {
      caseId: s.caseId,
      factSeq: a.factSeq,
      decision: a.decision,
      effectiveAt: iso(effectiveAtMs),
      reason: a.reason,
    },
  });
  return fact;
}
