// Pure deadline bookkeeping of a fault case (4.9.4 response, 4.9.2 analysis / 12 h on site /
// 24 h replacement). Deterministic functions of the state and an instant, so the workflow's
// one timer loop, its update handlers and the tests share them. Rules come from the domain.
import { faultDeadlines, faultServicePenalty, type FaultDeadline, type FaultDeadlineKind } from '../../domain';
import type { Actor, DeadlineState, Fact, FaultState } from './model';

export type Effect =
  | { type: 'notify'; key: string; topic: string; subject: string; body: Record<string, unknown> }
  | { type: 'propose'; penaltyKey: string }
  | { type: 'hold'; held: boolean; reason: string; actor: string }
  | { type: 'waive'; reason: string; actor: string };

export const SYSTEM: Actor = { name: 'weibao', role: 'system' };
const KIND_TEXT: Record<FaultDeadlineKind, string> = {
  response: 'vendor response',
  analysis: 'fault analysis document',
  onsite: 'engineer on site',
  replacement: 'replacement equipment or software',
};

export function addFact(s: FaultState, atMs: number, type: string, actor: Actor, detail: Record<string, unknown>, clause?: string): Fact {
  const fact: Fact = { seq: s.timeline.length + 1, atMs, type, actor: actor.name, role: actor.role, detail };
  if (clause) fact.clause = clause;
  s.timeline.push(fact);
  return fact;
}

function toState(d: FaultDeadline, round: number, startMs: number): DeadlineState {
  const state: DeadlineState = {
    id: round > 1 ? `${d.kind}:${round}` : d.kind, kind: d.kind, round, clause: d.clause,
    startMs, dueMs: d.dueMs, warnAtMs: d.warnAtMs, warned: 0, status: 'pending',
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
  return faultDeadlines(startMs, s.level, s.affectsOperations, terms).filter((d) => d.kind === 'onsite' || d.kind === 'replacement');
}

export function latest(s: FaultState, kind: FaultDeadlineKind): DeadlineState | undefined {
  for (let i = s.deadlines.length - 1; i >= 0; i--) if (s.deadlines[i]!.kind === kind) return s.deadlines[i];
  return undefined;
}

/**
 * Brings the deadline list in line with the level, terms and round: adds what newly applies,
 * moves what is still pending, cancels what no longer applies. Met and breached stay as they
 * are, except that a deadline met after its recomputed due time becomes a breach (never erased).
 */
export function reconcile(s: FaultState, nowMs: number, why: string): Effect[] {
  const effects: Effect[] = [];
  const wanted = s.round > 1 ? [...computed(s).filter((d) => d.kind === 'response' || d.kind === 'analysis'), ...restarted(s, resolutionStart(s))] : computed(s);
  for (const d of wanted) {
    const resolutionClock = d.kind === 'onsite' || d.kind === 'replacement';
    const round = resolutionClock ? s.round : 1;
    const have = s.deadlines.find((x) => x.kind === d.kind && x.round === round);
    if (!have) {
      // A resolved case needs nobody on site; a deadline already past is breached by the next tick.
      if (resolutionClock && (s.status === 'resolved' || s.status === 'closed')) continue;
      s.deadlines.push(toState(d, round, startOf(s, d)));
      continue;
    }
    if (have.dueMs === d.dueMs) continue;
    if (have.status === 'pending') {
      addFact(s, nowMs, 'deadline.moved', SYSTEM, { deadline: have.id, fromDue: have.dueMs, toDue: d.dueMs, why }, have.clause);
      have.dueMs = d.dueMs;
      have.warnAtMs = d.warnAtMs;
      have.warned = Math.min(have.warned, d.warnAtMs.length); // warnings already sent are not sent again
    } else if (have.status === 'met' && have.doneAtMs !== undefined && have.doneAtMs > d.dueMs) {
      have.dueMs = d.dueMs;
      effects.push(...breach(s, have, nowMs, have.doneAtMs - d.dueMs, why));
    } else if (have.status === 'met') {
      have.dueMs = d.dueMs;
    }
  }
  for (const have of s.deadlines) {
    if (have.status !== 'pending') continue;
    const stillWanted = wanted.some((d) => d.kind === have.kind) && (have.round === 1 || have.round === s.round);
    if (!stillWanted) cancel(s, have, nowMs, `no longer applies: ${why}`);
  }
  return effects;
}

function resolutionStart(s: FaultState): number {
  const reopen = [...s.timeline].reverse().find((f) => f.type === 'case.reopened');
  return reopen ? reopen.atMs : s.reportedAtMs;
}

function startOf(s: FaultState, d: FaultDeadline): number {
  if ((d.kind === 'onsite' || d.kind === 'replacement') && s.round > 1) return resolutionStart(s);
  if ((d.kind === 'onsite' || d.kind === 'replacement') && s.terms?.faults.onsiteClock === 'response' && s.response) return s.response.atMs;
  return s.reportedAtMs;
}

export function cancel(s: FaultState, d: DeadlineState, nowMs: number, note: string): void {
  d.status = 'cancelled';
  d.note = note;
  addFact(s, nowMs, 'deadline.cancelled', SYSTEM, { deadline: d.id, note }, d.clause);
}

/** Marks an obligation done. Late: the breach stays and the lateness is on the record. */
export function fulfil(s: FaultState, kind: FaultDeadlineKind, atMs: number): { deadline?: string; onTime?: boolean; lateByMs?: number } {
  const d = latest(s, kind);
  if (!d || d.status === 'cancelled' || d.doneAtMs !== undefined) return {};
  d.doneAtMs = atMs;
  if (d.status === 'pending') {
    d.status = 'met';
    return { deadline: d.id, onTime: true };
  }
  return { deadline: d.id, onTime: false, lateByMs: atMs - d.dueMs };
}

export function penaltyKey(s: FaultState, d: DeadlineState): string {
  return `${s.caseId}:${d.kind}-breach${d.round > 1 ? `:${d.round}` : ''}`;
}

/** A breach: recorded with how late, a 6.2.1 penalty proposed (held or not owed under an exclusion), notified. */
export function breach(s: FaultState, d: DeadlineState, nowMs: number, lateByMs: number, why?: string): Effect[] {
  d.status = 'breached';
  d.breachedAtMs = nowMs;
  d.lateByMs = lateByMs;
  const accepted = s.exclusions.find((x) => x.status === 'accepted');
  const open = s.exclusions.some((x) => x.status === 'open');
  const item = faultServicePenalty(s.terms);
  const effects: Effect[] = [];
  const detail: Record<string, unknown> = { deadline: d.id, kind: d.kind, dueMs: d.dueMs, lateByMs };
  if (why) detail.why = why;
  if (accepted) {
    detail.penalty = `none: exclusion accepted (${accepted.cause}), clause 4.9.2`;
  } else {
    const key = penaltyKey(s, d);
    s.penalties.push({ key, deadlineId: d.id, clause: item.clause, amountFen: item.amountFen.toString(), lateByMs, dueMs: d.dueMs, held: open });
    detail.penalty = { key, clause: item.clause, amountFen: item.amountFen.toString(), held: open };
    effects.push({ type: 'propose', penaltyKey: key });
  }
  addFact(s, nowMs, 'deadline.breached', SYSTEM, detail, d.clause);
  effects.push({
    type: 'notify', key: `${s.caseId}:${d.id}-breach`, topic: 'fault.breach',
    subject: `Fault ${s.caseId} (level ${s.level}): ${KIND_TEXT[d.kind]} deadline breached (clause ${d.clause})`,
    body: { caseId: s.caseId, deadline: d.id, clause: d.clause, dueAt: new Date(d.dueMs).toISOString(), lateByMs, penalty: detail.penalty },
  });
  return effects;
}

/** Warnings and breaches due at nowMs (the timer loop calls this whenever it wakes). */
export function tick(s: FaultState, nowMs: number): Effect[] {
  const effects: Effect[] = [];
  for (const d of s.deadlines) {
    if (d.status !== 'pending') continue;
    if (nowMs >= d.dueMs) {
      effects.push(...breach(s, d, nowMs, nowMs - d.dueMs));
      continue;
    }
    let due = -1;
    for (let i = d.warned; i < d.warnAtMs.length; i++) if (d.warnAtMs[i]! <= nowMs) due = i;
    if (due < 0) continue;
    d.warned = due + 1;
    const fraction = s.terms?.faults.warningFractions[due];
    addFact(s, nowMs, 'deadline.warning', SYSTEM, { deadline: d.id, dueMs: d.dueMs, fraction }, d.clause);
    effects.push({
      type: 'notify', key: `${s.caseId}:${d.id}-warn-${due + 1}`, topic: 'fault.warning',
      subject: `Fault ${s.caseId} (level ${s.level}): ${KIND_TEXT[d.kind]} due ${new Date(d.dueMs).toISOString()} (clause ${d.clause})`,
      body: { caseId: s.caseId, deadline: d.id, clause: d.clause, dueAt: new Date(d.dueMs).toISOString(), fraction },
    });
  }
  return effects;
}

/** The next instant the timer loop must wake: the earliest pending warning or due time. */
export function nextWakeMs(s: FaultState): number | undefined {
  let next: number | undefined;
  for (const d of s.deadlines) {
    if (d.status !== 'pending') continue;
    const at = d.warned < d.warnAtMs.length ? Math.min(d.warnAtMs[d.warned]!, d.dueMs) : d.dueMs;
    if (next === undefined || at < next) next = at;
  }
  return next;
}

export function nextDueMs(s: FaultState): number | undefined {
  const pending = s.deadlines.filter((d) => d.status === 'pending').map((d) => d.dueMs);
  return pending.length ? Math.min(...pending) : undefined;
}

export const isBreached = (s: FaultState) => s.deadlines.some((d) => d.status === 'breached');
export const awaiting = (s: FaultState): 'vendor' | 'hospital' | 'none' =>
  s.status === 'closed' ? (s.deadlines.some((d) => d.status === 'pending') ? 'vendor' : s.exclusions.some((x) => x.status === 'open') ? 'hospital' : 'none')
    : s.exclusions.some((x) => x.status === 'open') || s.status === 'resolved' ? 'hospital' : 'vendor';
export const isFinished = (s: FaultState) => s.status === 'closed' && !s.deadlines.some((d) => d.status === 'pending') && !s.exclusions.some((x) => x.status === 'open');
