// The fault analysis document of levels 1-2 (4.9.2, 故障分析说明文档): the vendor submits it,
// the hospital accepts it or rejects it with a reason, and the vendor resubmits. The analysis
// deadline is judged on the submission the hospital accepts, as the clause reads ("provide a
// written fault analysis"): a submission under review counts at its own time, a rejected one
// counts for nothing, so a rejection after the due time is a breach (6.2.1) unless the
// resubmission that is finally accepted came in time. Pure: rules.ts calls these.
import { ruleViolation, invalidInput } from '../failures';
import type { Fact } from '../kernel/facts';
import { fulfil, latest } from './duties';
import type { AnalysisArgs, ReviewAnalysisArgs } from './messages';
import type { FaultState } from './state';

const CLAUSE = '4.9.2';

export function checkSubmit(s: FaultState, a: AnalysisArgs): void {
  if (s.level > 2)
    throw ruleViolation(
      'ANALYSIS_NOT_REQUIRED',
      `a fault analysis document is required for levels 1-2 only; the case is level ${s.level}`,
      CLAUSE,
    );
  if (s.status === 'reported')
    throw ruleViolation('NOT_RESPONDED', 'the vendor must respond before submitting the analysis document', CLAUSE);
  const st = s.analysis?.status ?? (s.analysis ? 'submitted' : undefined);
  if (st === 'submitted')
    throw ruleViolation(
      'ANALYSIS_ALREADY_SUBMITTED',
      "the fault analysis document was already submitted and awaits the hospital's review",
      CLAUSE,
    );
  if (st === 'accepted')
    throw ruleViolation(
      'ANALYSIS_ALREADY_SUBMITTED',
      'the hospital already accepted the fault analysis document',
      CLAUSE,
    );
  for (const f of ['reference', 'checksum'] as const) {
    if (typeof a[f] !== 'string' || a[f].trim() === '') throw invalidInput(f, `${f} is required`, CLAUSE);
  }
}

export function checkReview(s: FaultState, a: ReviewAnalysisArgs): void {
  const st = s.analysis?.status ?? (s.analysis ? 'submitted' : undefined);
  if (st !== 'submitted')
    throw ruleViolation(
      'NO_ANALYSIS_TO_REVIEW',
      st
        ? `the fault analysis document was already ${st}; a rejected one is answered by the vendor's resubmission`
        : 'no fault analysis document has been submitted',
      CLAUSE,
    );
  if (a.decision !== 'accept' && a.decision !== 'reject')
    throw invalidInput('decision', 'decision must be accept or reject', CLAUSE);
  if (a.decision === 'reject' && (typeof a.reason !== 'string' || a.reason.trim() === ''))
    throw invalidInput('reason', 'a rejection names its reason, so the vendor can resubmit (clause 4.9.2)', CLAUSE);
}

/** The submission: fulfils the analysis deadline at its own time (pending the review) and tells the hospital. */
export function applySubmit(
  s: FaultState,
  a: AnalysisArgs,
  at: number,
  record: (type: string, detail: Record<string, unknown>) => Fact,
): Fact {
  const previous = s.analysis;
  const submission = (previous?.submission ?? 0) + 1;
  const note = a.note === undefined ? {} : { note: a.note };
  const fact = record('analysis.submitted', {
    reference: a.reference,
    checksum: a.checksum,
    submission,
    ...(previous ? { resubmits: previous.factSeq } : {}),
    ...note,
  });
  s.analysis = {
    reference: a.reference,
    checksum: a.checksum,
    atMs: at,
    by: a.actor.name,
    status: 'submitted',
    submission,
    factSeq: fact.seq,
  };
  Object.assign(fact.detail, fulfil(s, 'analysis', at, fact.seq));
  s.outgoing.notices.push({
    key: `${s.caseId}:analysis-${submission}`,
    topic: 'fault.analysis-submitted',
    factSeq: fact.seq,
    recipients: 'hospital',
    subject: `Fault ${s.caseId}: fault analysis document submitted for review (clause 4.9.2)`,
    body: {
      caseId: s.caseId,
      reference: a.reference,
      checksum: a.checksum,
      submission,
      submittedAt: new Date(at).toISOString(),
      by: a.actor.name,
      clause: CLAUSE,
    },
  });
  return fact;
}

/** The hospital's review: accepted stands; rejected withdraws the submission from the deadline (judge() then decides). */
export function applyReview(
  s: FaultState,
  a: ReviewAnalysisArgs,
  record: (type: string, detail: Record<string, unknown>) => Fact,
): Fact {
  const x = s.analysis!;
  const accepted = a.decision === 'accept';
  x.status = accepted ? 'accepted' : 'rejected';
  x.review = { decision: x.status, by: a.actor.name, ...(a.reason ? { reason: a.reason } : {}) };
  if (!accepted) {
    const d = latest(s, 'analysis');
    if (d && d.doneSeq === x.factSeq) {
      d.doneAtMs = undefined;
      d.doneSeq = undefined;
    }
  }
  const fact = record(`analysis.${x.status}`, {
    submission: x.submission,
    submittedFact: x.factSeq,
    reference: x.reference,
    ...(a.reason ? { reason: a.reason } : {}),
  });
  x.review.atMs = fact.recordedAt;
  s.outgoing.notices.push({
    key: `${s.caseId}:analysis-${x.submission}-${x.status}`,
    topic: 'fault.analysis-reviewed',
    factSeq: fact.seq,
    recipients: 'vendor',
    subject: `Fault ${s.caseId}: the hospital ${x.status} the fault analysis document (clause 4.9.2)`,
    body: {
      caseId: s.caseId,
      decision: x.status,
      reason: a.reason ?? null,
      submission: x.submission,
      reference: x.reference,
      clause: CLAUSE,
      ...(!accepted && latest(s, 'analysis')
        ? { dueAt: new Date(latest(s, 'analysis')!.dueMs).toISOString(), deadline: 'analysis' }
        : {}),
    },
  });
  return fact;
}
