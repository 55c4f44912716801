// The fault case's duties (4.9.4 response, 4.9.2 analysis / 12 h on site / 24 h replacement):
// each obligation with its clause, due time, warnings and what a breach does. Every verdict is
// a pure function of the facts' times, the terms and the clock (verdict()): a late fact is late
// whatever order the worker saw it in, an on-time fact typed in late is on time. Here: the
// deadlines and their verdicts; judge.ts applies them (breaches, supersessions, warnings).
import { faultDeadlines, type FaultDeadline, type FaultDeadlineKind } from '../../domain';
import { SYSTEM, type Actor, type Party } from '../kernel/actors';
import { appendFact, type Fact } from '../kernel/facts';
import type { DeadlineState, DeadlineStatus, FaultState } from './state';

export const KIND_TEXT: Record<FaultDeadlineKind, string> = {
  response: 'vendor response',
  analysis: 'fault analysis document',
  onsite: 'engineer on site',
  replacement: 'replacement equipment or software',
};

/** A fact of this case: recordedAt is workflow time now; occurredAt defaults to it. */
export function addFact(
  s: FaultState,
  nowMs: number,
  type: string,
  actor: Actor,
  detail: Record<string, unknown>,
  clause?: string,
  time: { occurredAt?: number; statedBy?: Party; onBehalfOf?: Party } = {},
): Fact {
  return appendFact(s.timeline, {
    type,
    occurredAt: time.occurredAt ?? nowMs,
    recordedAt: nowMs,
    recordedBy: actor,
    detail,
    clause,
    statedBy: time.statedBy,
    onBehalfOf: time.onBehalfOf,
  });
}

function toState(d: FaultDeadline, round: number, startMs: number): DeadlineState {
  const state: DeadlineState = {
    id: round > 1 ? `${d.kind}:${round}` : d.kind,
    kind: d.kind,
    round,
    clause: d.clause,
    startMs,
    dueMs: d.dueMs,
    warnAtMs: d.warnAtMs,
    warned: 0,
    status: 'pending',
  };
  if (d.reading) state.reading = d.reading;
  return state;
}

/** The deadlines the case's level and terms give, from the report (and, by the terms' reading, the response). */
function computed(s: FaultState): FaultDeadline[] {
  if (!s.terms) return [];
  return faultDeadlines(s.reportedAtMs, s.level, s.affectsOperations, s.terms, s.response?.atMs);
}

/** Resolution clocks (12 h / 24 h) restarted from startMs after a reopen (4.9.2). */
function restarted(s: FaultState, startMs: number): FaultDeadline[] {
  if (!s.terms) return [];
  const terms = { ...s.terms, faults: { ...s.terms.faults, onsiteClock: 'report' as const } };
  return faultDeadlines(startMs, s.level, s.affectsOperations, terms).filter(
    (d) => d.kind === 'onsite' || d.kind === 'replacement',
  );
}

export function latest(s: FaultState, kind: FaultDeadlineKind): DeadlineState | undefined {
  for (let i = s.deadlines.length - 1; i >= 0; i--) if (s.deadlines[i]!.kind === kind) return s.deadlines[i];
  return undefined;
}

const isResolutionClock = (kind: FaultDeadlineKind) => kind === 'onsite' || kind === 'replacement';

/**
 * Brings the deadline list in line with the level, terms, report time and round: adds what newly
 * applies, moves due times, voids what no longer applies. A breach stands when a re-grade moves
 * its due time (rebase false); a decided report time (rebase true) moves every due time, and
 * judge() then follows the verdicts either way.
 */
export function reconcile(s: FaultState, nowMs: number, why: string, rebase = false): void {
  const wanted =
    s.round > 1
      ? [...computed(s).filter((d) => !isResolutionClock(d.kind)), ...restarted(s, resolutionStart(s))]
      : computed(s);
  for (const d of wanted) {
    const round = isResolutionClock(d.kind) ? s.round : 1;
    const have = s.deadlines.find((x) => x.kind === d.kind && x.round === round);
    if (!have) {
      // A resolved case needs nobody on site; a deadline already past is breached by judge().
      if (isResolutionClock(d.kind) && (s.status === 'resolved' || s.status === 'closed')) continue;
      s.deadlines.push(toState(d, round, startOf(s, d)));
      continue;
    }
    if (have.dueMs === d.dueMs || have.voided || (have.status === 'breached' && !rebase)) continue;
    if (have.status === 'pending' || rebase) {
      addFact(
        s,
        nowMs,
        'deadline.moved',
        SYSTEM,
        { deadline: have.id, fromDue: have.dueMs, toDue: d.dueMs, why },
        have.clause,
      );
      have.warnAtMs = d.warnAtMs;
      have.warned = Math.min(have.warned, d.warnAtMs.length); // warnings already sent are not sent again
    }
    have.dueMs = d.dueMs;
  }
  for (const have of s.deadlines) {
    if (have.status !== 'pending' || have.voided) continue;
    const stillWanted = wanted.some((d) => d.kind === have.kind) && (have.round === 1 || have.round === s.round);
    if (!stillWanted) have.voided = `no longer applies: ${why}`;
  }
}

function resolutionStart(s: FaultState): number {
  const reopen = [...s.timeline].reverse().find((f) => f.type === 'case.reopened');
  return reopen ? reopen.occurredAt : s.reportedAtMs;
}

function startOf(s: FaultState, d: FaultDeadline): number {
  if (isResolutionClock(d.kind) && s.round > 1) return resolutionStart(s);
  if (isResolutionClock(d.kind) && s.terms?.faults.onsiteClock === 'response' && s.response) return s.response.atMs;
  return s.reportedAtMs;
}

/**
 * The verdict of a deadline: a pure function of its due time, the fulfilling and resolving
 * facts' times and now. A fact at the due instant is in time ("within 15 minutes" includes the
 * 15th, 4.9.4), so an undone obligation is breached only once that instant has passed: the
 * timer concludes after it (nextWakeMs), and the entered past and the live case agree whatever
 * order a fact and the timer meet in at that instant.
 */
export function verdict(d: DeadlineState, nowMs: number): DeadlineStatus {
  if (d.voided && d.doneAtMs === undefined && d.status !== 'breached') return 'cancelled';
  if (d.doneAtMs !== undefined) return d.doneAtMs <= d.dueMs ? 'met' : 'breached';
  if (d.resolvedAtMs !== undefined && d.resolvedAtMs <= d.dueMs) return 'cancelled';
  return passed(d.dueMs, nowMs) ? 'breached' : 'pending';
}

/** Whether the clock has passed an instant: a warning or a breach at atMs is concluded strictly after it (4.9.4). */
export function passed(atMs: number, nowMs: number): boolean {
  return nowMs > atMs;
}

/** Marks an obligation fulfilled at atMs by fact seq; judge() turns that into met or breached. */
export function fulfil(
  s: FaultState,
  kind: FaultDeadlineKind,
  atMs: number,
  seq: number,
): { deadline?: string; onTime?: boolean; lateByMs?: number } {
  const d = latest(s, kind);
  if (!d || d.status === 'cancelled' || d.doneAtMs !== undefined) return {};
  d.doneAtMs = atMs;
  d.doneSeq = seq;
  return atMs <= d.dueMs
    ? { deadline: d.id, onTime: true }
    : { deadline: d.id, onTime: false, lateByMs: atMs - d.dueMs };
}

/** The fulfilling fact's time changed (a contest decided): the deadline it fulfilled is judged on the decided time. */
export function refulfil(s: FaultState, seq: number, atMs: number): void {
  for (const d of s.deadlines) if (d.doneSeq === seq) d.doneAtMs = atMs;
}

/** The next instant the timer loop must wake: 1 ms after the earliest pending warning or due time (see verdict). */
export function nextWakeMs(s: FaultState): number | undefined {
  let next: number | undefined;
  for (const d of s.deadlines) {
    if (d.status !== 'pending') continue;
    const at = d.warned < d.warnAtMs.length ? Math.min(d.warnAtMs[d.warned]!, d.dueMs) : d.dueMs;
    if (next === undefined || at < next) next = at;
  }
  return next === undefined ? undefined : next + 1;
}

export function nextDueMs(s: FaultState): number | undefined {
  const pending = s.deadlines.filter((d) => d.status === 'pending').map((d) => d.dueMs);
  return pending.length ? Math.min(...pending) : undefined;
}
