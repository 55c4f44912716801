// The fault case's duties (4.9.4 response, 4.9.2 analysis / 12 h on site / 24 h replacement):
// each obligation with its clause, due time, warnings and what a breach does. Every verdict is
// a pure function of the facts' times, the terms and the clock (verdict()): a late fact is late
// whatever order the worker saw it in, an on-time fact typed in late is on time, and a breach
// the timer recorded before such a fact arrived is superseded by it (its proposal withdrawn).
import { faultDeadlines, faultServicePenalty, type FaultDeadline, type FaultDeadlineKind } from '../../domain';
import { SYSTEM, type Actor, type Party } from '../kernel/actors';
import { appendFact, type Fact } from '../kernel/facts';
import type { DeadlineState, DeadlineStatus, FaultState } from './state';

const KIND_TEXT: Record<FaultDeadlineKind, string> = {
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

/** The verdict of a deadline: a pure function of its due time, the fulfilling and resolving facts' times and now. */
export function verdict(d: DeadlineState, nowMs: number): DeadlineStatus {
  if (d.voided && d.doneAtMs === undefined && d.status !== 'breached') return 'cancelled';
  if (d.doneAtMs !== undefined) return d.doneAtMs <= d.dueMs ? 'met' : 'breached';
  if (d.resolvedAtMs !== undefined && d.resolvedAtMs <= d.dueMs) return 'cancelled';
  return nowMs >= d.dueMs ? 'breached' : 'pending';
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

export function penaltyKey(s: FaultState, d: DeadlineState): string {
  const n = d.breaches ?? 1;
  return `${s.caseId}:${d.kind}-breach${d.round > 1 ? `:${d.round}` : ''}${n > 1 ? `#${n}` : ''}`;
}

/** A breach: recorded with how late, a 6.2.1 penalty proposed (held or not owed under an exclusion), notified. */
function breach(s: FaultState, d: DeadlineState, nowMs: number, why?: string): void {
  const lateByMs = (d.doneAtMs ?? nowMs) - d.dueMs;
  d.status = 'breached';
  d.breachedAtMs = nowMs;
  d.lateByMs = lateByMs;
  d.breaches = (d.breaches ?? 0) + 1;
  const accepted = s.exclusions.find((x) => x.status === 'accepted');
  const open = s.exclusions.some((x) => x.status === 'open');
  const item = faultServicePenalty(s.terms);
  const detail: Record<string, unknown> = { deadline: d.id, kind: d.kind, dueMs: d.dueMs, lateByMs };
  if (d.doneSeq !== undefined) detail.byFact = d.doneSeq;
  if (why) detail.why = why;
  const key = penaltyKey(s, d);
  if (accepted) {
    detail.penalty = `none: exclusion accepted (${accepted.cause}), clause 4.9.2`;
  } else {
    s.penalties.push({
      key,
      deadlineId: d.id,
      clause: item.clause,
      amountFen: item.amountFen.toString(),
      lateByMs,
      dueMs: d.dueMs,
      held: open,
    });
    detail.penalty = { key, clause: item.clause, amountFen: item.amountFen.toString(), held: open };
  }
  // occurredAt: the instant the deadline passed (the breach happened then, whenever it is noticed).
  const fact = addFact(s, nowMs, 'deadline.breached', SYSTEM, detail, d.clause, { occurredAt: d.dueMs });
  if (!accepted) {
    s.outgoing.proposals.push({
      key,
      clause: item.clause,
      termsVersion: s.termsVersion ?? 1,
      fact: `fault ${s.caseId} (level ${s.level}): ${d.kind} deadline of clause ${d.clause} breached (fact ${fact.seq})`,
      dueAt: new Date(d.dueMs).toISOString(),
      lateByMs,
      amountFen: item.amountFen.toString(),
      basis: item.basis,
      ...(d.reading ? { reading: d.reading } : {}),
      occurredAt: new Date(d.dueMs).toISOString(),
      held: open,
    });
  }
  s.outgoing.notices.push({
    key: `${s.caseId}:${d.id}-breach${(d.breaches ?? 1) > 1 ? `#${d.breaches}` : ''}`,
    topic: 'fault.breach',
    factSeq: fact.seq,
    recipients: 'both',
    subject: `Fault ${s.caseId} (level ${s.level}): ${KIND_TEXT[d.kind]} deadline breached (clause ${d.clause})`,
    body: {
      caseId: s.caseId,
      deadline: d.id,
      clause: d.clause,
      dueAt: new Date(d.dueMs).toISOString(),
      lateByMs,
      penalty: detail.penalty,
    },
  });
}

/** A recorded breach that the facts no longer support: superseded (never erased), its proposal withdrawn citing the fact. */
function supersede(s: FaultState, d: DeadlineState, to: DeadlineStatus, nowMs: number, why: string): void {
  const reason = `breach of ${d.id} (clause ${d.clause}) superseded: ${why}`;
  const fact = addFact(
    s,
    nowMs,
    'deadline.superseded',
    SYSTEM,
    { deadline: d.id, to, why, ...(d.doneSeq !== undefined ? { byFact: d.doneSeq } : {}) },
    d.clause,
  );
  for (const p of s.penalties) {
    if (p.deadlineId !== d.id || p.withdrawn || p.waived) continue;
    p.withdrawn = `${reason} (fact ${fact.seq})`;
    s.outgoing.withdrawals.push({ key: p.key, reason: p.withdrawn });
  }
  s.outgoing.notices.push({
    key: `${s.caseId}:${d.id}-superseded-${fact.seq}`,
    topic: 'fault.breach-superseded',
    factSeq: fact.seq,
    recipients: 'both',
    subject: `Fault ${s.caseId}: the ${KIND_TEXT[d.kind]} breach (clause ${d.clause}) is superseded by the facts`,
    body: { caseId: s.caseId, deadline: d.id, why },
  });
  d.status = to;
}

const WHY: Record<DeadlineStatus, string> = {
  met: "fulfilled in time by the fact's own time",
  cancelled: 'the fault was resolved before the deadline (4.9.2 applies only while unresolved)',
  pending: 'the deadline moved later (decided report time)',
  breached: '',
};

/** Brings every deadline's status in line with its verdict at nowMs (the only place a status changes). */
export function judge(s: FaultState, nowMs: number, why?: string): void {
  for (const d of s.deadlines) {
    const v = verdict(d, nowMs);
    if (v === d.status) continue;
    if (v === 'breached') breach(s, d, nowMs, why);
    else if (d.status === 'breached') supersede(s, d, v, nowMs, why ?? WHY[v]);
    else if (v === 'cancelled') {
      d.status = 'cancelled';
      d.note = d.voided ?? WHY.cancelled;
      addFact(s, nowMs, 'deadline.cancelled', SYSTEM, { deadline: d.id, note: d.note }, d.clause);
    } else d.status = v;
  }
}

/** Warnings and breaches due at nowMs (the timer loop calls this whenever it wakes). */
export function tick(s: FaultState, nowMs: number): void {
  judge(s, nowMs);
  for (const d of s.deadlines) {
    if (d.status !== 'pending') continue;
    let due = -1;
    for (let i = d.warned; i < d.warnAtMs.length; i++) if (d.warnAtMs[i]! <= nowMs) due = i;
    if (due < 0) continue;
    d.warned = due + 1;
    const fraction = s.terms?.faults.warningFractions[due];
    const fact = addFact(s, nowMs, 'deadline.warning', SYSTEM, { deadline: d.id, dueMs: d.dueMs, fraction }, d.clause);
    s.outgoing.notices.push({
      key: `${s.caseId}:${d.id}-warn-${due + 1}`,
      topic: 'fault.warning',
      factSeq: fact.seq,
      recipients: 'vendor',
      subject: `Fault ${s.caseId} (level ${s.level}): ${KIND_TEXT[d.kind]} due ${new Date(d.dueMs).toISOString()} (clause ${d.clause})`,
      body: { caseId: s.caseId, deadline: d.id, clause: d.clause, dueAt: new Date(d.dueMs).toISOString(), fraction },
    });
  }
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
/** A deadline passed with its obligation still undone: neither fulfilled nor made moot by a resolution or a void (WeibaoOverdue, issue 15). */
export const isOverdue = (s: FaultState) =>
  s.deadlines.some(
    (d) => d.status === 'breached' && d.doneAtMs === undefined && d.resolvedAtMs === undefined && !d.voided,
  );
export const awaiting = (s: FaultState): 'vendor' | 'hospital' | 'none' =>
  s.status === 'closed'
    ? s.deadlines.some((d) => d.status === 'pending')
      ? 'vendor'
      : s.exclusions.some((x) => x.status === 'open')
        ? 'hospital'
        : 'none'
    : s.exclusions.some((x) => x.status === 'open') || s.status === 'resolved'
      ? 'hospital'
      : 'vendor';
export const isFinished = (s: FaultState) =>
  s.status === 'closed' &&
  !s.deadlines.some((d) => d.status === 'pending') &&
  !s.exclusions.some((x) => x.status === 'open');
