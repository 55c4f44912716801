// Who may record what on a quarterly inspection (4.3, 4.6), and what each fact changes.
// check() is synchronous and pure so the update validators refuse before anything reaches
// history; apply() records the fact (through the kernel case) at its stated time and moves the
// state. The deadlines these facts are judged against are in inspection-duties.ts; the first
// state and the history lines: inspection-state.ts.
import type { ContractTerms } from '../../domain/terms';
import { invalidInput, ruleViolation } from '../failures';
import type { Actor } from '../kernel/actors';
import type { Fact } from '../kernel/facts';
import { statedSince, type StatedInstant } from '../kernel/stated-times';
import { requireParty } from '../obligations/shared-rules';
import { remediationItems, remediationReading, resolvedStatus } from './inspection-duties';
import {
  INSPECTION_FACT_KIND,
  type AckArgs,
  type ChangesArgs,
  type Finding,
  type InspectionState,
  type ReportArgs,
  type ResolveArgs,
} from './inspection-messages';

export type InspectionAction =
  | { action: 'report'; args: ReportArgs }
  | { action: 'ack'; args: AckArgs }
  | { action: 'changes'; args: ChangesArgs }
  | { action: 'resolve'; args: ResolveArgs };

const iso = (ms: number) => new Date(ms).toISOString();
const SHA256 = /^[a-f0-9]{64}$/;
const KIND: Record<InspectionAction['action'], string> = {
  report: INSPECTION_FACT_KIND.report,
  ack: INSPECTION_FACT_KIND.ack,
  changes: INSPECTION_FACT_KIND.changes,
  resolve: INSPECTION_FACT_KIND.resolve,
};

/** The action's stated time, within its kind's window and not before the quarter began (throws 400/409 naming the rule). */
export function stated(
  a: InspectionAction,
  terms: ContractTerms | undefined,
  periodStartMs: number | undefined,
  nowMs: number,
): StatedInstant {
  return statedSince(terms, KIND[a.action], a.args.actor, nowMs, a.args.occurredAtMs, '4.3', periodStartMs);
}

const period = (s: InspectionState) => `${s.year}Q${s.quarter}`;

/** Throws Forbidden (403), ValidationError (400) or RuleViolation (409) when the action does not fit. */
export function check(
  s: InspectionState,
  a: InspectionAction,
  terms: ContractTerms | undefined,
  periodStartMs: number | undefined,
  nowMs: number,
): void {
  switch (a.action) {
    case 'report': {
      requireParty(a.args.actor, 'vendor', 'submitting the inspection report', '4.3');
      stated(a, terms, periodStartMs, nowMs);
      if (!['open', 'overdue', 'changes-requested'].includes(s.status))
        throw ruleViolation(
          'REPORT_NOT_EXPECTED',
          `the report of ${period(s)} is ${s.status}; a new report is accepted only when open, overdue or after a request for changes (4.3)`,
          '4.3',
        );
      if (!SHA256.test(a.args.sha256 ?? ''))
        throw invalidInput('sha256', 'sha256 must be 64 lowercase hex characters of the report document', '4.3');
      const findings = a.args.findings as Finding[] | undefined;
      if (!Array.isArray(findings) || findings.some((f) => !['low', 'medium', 'high'].includes(f.severity)))
        throw invalidInput('findings', 'each finding needs a severity low|medium|high', '4.3');
      return;
    }
    case 'ack':
    case 'changes':
      requireDecidable(s, a.args.actor, a.action === 'ack' ? 'acknowledging' : 'requesting changes to');
      stated(a, terms, periodStartMs, nowMs);
      if (a.action === 'changes' && (!Array.isArray(a.args.reasons) || a.args.reasons.length === 0))
        throw invalidInput('reasons', 'a request for changes names at least one reason', '4.3');
      return;
    case 'resolve': {
      requireParty(a.args.actor, 'vendor', 'resolving a remediation item', '4.6');
      stated(a, terms, periodStartMs, nowMs);
      const item = s.remediation.find((r) => r.id === a.args.itemId);
      if (!item) throw invalidInput('itemId', `no remediation item ${a.args.itemId} in ${period(s)}`, '4.6');
      if (item.status === 'resolved' || item.status === 'overdue-resolved')
        throw ruleViolation('ALREADY_RESOLVED', `remediation item ${a.args.itemId} is already resolved (4.6)`, '4.6');
      return;
    }
  }
}

/** The hospital decides on a submitted report only (4.3). */
function requireDecidable(s: InspectionState, actor: Actor, what: string): void {
  requireParty(actor, 'hospital', `${what} the inspection report`, '4.3');
  if (s.status !== 'submitted')
    throw ruleViolation(
      'REPORT_NOT_SUBMITTED',
      `the report of ${period(s)} is ${s.status}; only a submitted report can be acknowledged or sent back (4.3)`,
      '4.3',
    );
}

export type RecordFact = (type: string, detail: Record<string, unknown>, clause: string, time: StatedInstant) => Fact;

/**
 * Applies a checked action: records its fact at its stated time and moves the state; returns
 * the fact. terms: the terms in force at the quarter's start (4.6 remediation days). The
 * report's lateness and the breach are judged afterwards (inspection-duties.ts).
 */
export function apply(
  s: InspectionState,
  a: InspectionAction,
  time: StatedInstant,
  record: RecordFact,
  terms: ContractTerms,
): Fact {
  switch (a.action) {
    case 'report': {
      const { actor: _actor, occurredAtMs: _at, ...report } = a.args;
      const f = record('report-submitted', { documentRef: report.documentRef, sha256: report.sha256 }, '4.3', time);
      s.report = report;
      s.status = 'submitted';
      return f;
    }
    case 'ack': {
      // 4.6: high-severity findings are remediated by the deadline of the open reading
      // recurring.remediationDays, counted from the acknowledgement as stated (contestable).
      const high = (s.report?.findings ?? []).filter((x) => x.severity === 'high');
      const note = a.args.note;
      const f = record(
        'acknowledged',
        {
          ...(note ? { note } : {}),
          remediationItems: high.length,
          ...(high.length ? { clause: '4.6', reading: remediationReading(terms) } : {}),
        },
        '4.3',
        time,
      );
      s.status = 'acknowledged';
      s.acknowledgedAt = iso(f.occurredAt);
      s.remediation = remediationItems(high, f.occurredAt, terms);
      return f;
    }
    case 'changes': {
      s.status = 'changes-requested';
      return record('changes-requested', { reasons: a.args.reasons }, '4.3', time);
    }
    case 'resolve': {
      const { itemId, note, evidence } = a.args;
      const item = s.remediation.find((r) => r.id === itemId)!;
      const f = record('remediation-resolved', { itemId, ...(evidence ? { evidence } : {}) }, '4.6', time);
      // Judged on the stated time: resolved before its deadline is on time even if the timer flagged it.
      item.status = resolvedStatus(item, f.occurredAt);
      item.resolvedAt = iso(f.occurredAt);
      item.factSeq = f.seq;
      if (note) item.note = note;
      if (evidence) item.evidence = evidence;
      return f;
    }
  }
}

/**
 * A decided contest moved a fact's time: the acknowledgement or a resolution it recorded
 * moves with it (the report's lateness is judged again by the duties: reportJudgement).
 */
export function retime(s: InspectionState, fact: { seq: number; type: string }, atMs: number): void {
  if (fact.type === 'acknowledged') s.acknowledgedAt = iso(atMs);
  for (const r of s.remediation) {
    if (r.factSeq !== fact.seq) continue;
    r.resolvedAt = iso(atMs);
    r.status = resolvedStatus(r, atMs);
  }
}
