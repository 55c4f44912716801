// The fault case's verdicts applied (4.9.2, 4.9.4, 6.2.1): judge() brings every deadline's status
// in line with its verdict (the only place a status changes): a breach is recorded with how late
// and its penalty proposed; a breach the timer recorded before an on-time fact arrived is
// superseded by it (its proposal withdrawn, never erased). tick() adds the warnings due.
import { faultServicePenalty } from '../../domain';
import { SYSTEM } from '../kernel/actors';
import type { DeadlineState, DeadlineStatus, FaultState } from './state';
import { KIND_TEXT, addFact, passed, verdict } from './duties';

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
      basisTemplate: item.basisTemplate,
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
    for (let i = d.warned; i < d.warnAtMs.length; i++) if (passed(d.warnAtMs[i]!, nowMs)) due = i;
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
