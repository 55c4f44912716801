// The dry run's view of the quarters that ended before the registration (issue 10 item 4):
// each quarter of each kind, entered or not, judged by the inspection and care families' own
// duties (reportJudgement, missingReportProposal; countIn, verdict, missedProposal), the very
// functions their workflows judge with, so the dry run and the registration cannot disagree.
import type { TermExtension } from '../domain/contract-year';
import { periodKey, type CyclePeriod } from '../domain/cycles';
import type { Deadline, ProposedPenalty } from '../domain/onboarding';
import type { ContractTerms } from '../domain/terms';
import { countIn, missedProposal, verdict } from '../workflows/cycles/care-duties';
import { careCaseId } from '../workflows/cycles/care-messages';
import {
  missingReportProposal,
  remediationItems,
  reportJudgement,
  resolvedStatus,
} from '../workflows/cycles/inspection-duties';
import { inspectionCaseId } from '../workflows/cycles/inspection-messages';
import { endedQuarters } from './onboarding-quarters';
import type { PastQuarters } from './onboarding-quarter-facts';
import { proposal } from './onboarding-proposals';

/** One quarter that ended before the registration, as the registration concludes it. */
export interface QuarterConclusion {
  kind: 'inspection' | 'care';
  period: string;
  /** The case the registration starts; null for a quarter not entered (none is started). */
  workflowId: string | null;
  startDate: string;
  lastDay: string;
  dueAt: string;
  /** sent-back: the last report was sent back with changes requested and not delivered again (4.3). */
  verdict: 'on-time' | 'late' | 'missed' | 'sent-back' | 'kept' | 'not-tracked';
  /** The rule that gives the verdict, in a sentence. */
  rule: string;
  lateByMs?: number;
  visits?: number;
  requiredVisits?: number;
  remediation?: { id: string; deadline: string; status: string }[];
}

const iso = (ms: number) => new Date(ms).toISOString();
const NOT_TRACKED =
  'not entered: the platform tracks this kind from its first entered quarter, so nothing is judged or proposed for this one (onboarding invents nothing); enter it, done or not, to have it judged as live';

export function quarterConclusions(i: {
  contractId: string;
  signedAtMs: number;
  nowMs: number;
  termYears: number;
  ext: readonly TermExtension[];
  terms: ContractTerms;
  quarters: PastQuarters;
}): { quarters: QuarterConclusion[]; deadlines: Deadline[]; penalties: ProposedPenalty[] } {
  const out = { quarters: [] as QuarterConclusion[], deadlines: [] as Deadline[], penalties: [] as ProposedPenalty[] };
  for (const p of endedQuarters(i.signedAtMs, i.nowMs, i.termYears, i.ext)) {
    const key = periodKey(p.year, p.quarter!);
    const span = { period: key, startDate: p.startDate, lastDay: p.lastDay, dueAt: iso(p.dueMs) };
    const insp = i.quarters.inspections?.find((e) => e.year === p.year && e.quarter === p.quarter);
    const care = i.quarters.care?.find((e) => e.year === p.year && e.quarter === p.quarter);
    out.quarters.push(
      insp
        ? inspection(i, p, insp, out)
        : { kind: 'inspection', ...span, workflowId: null, verdict: 'not-tracked', rule: NOT_TRACKED },
      care
        ? customerCare(i, p, care, out)
        : { kind: 'care', ...span, workflowId: null, verdict: 'not-tracked', rule: NOT_TRACKED },
    );
  }
  return out;
}

const INSPECTION_RULE = {
  'on-time': 'the report was delivered before the due time (4.3): nothing proposed',
  late: 'the report was delivered after the due time (4.3): the 6.2.1 sum is proposed, the late report recorded',
  missed: 'no report was delivered by the due time (4.3): the 6.2.1 sum is proposed',
  'sent-back':
    'the report was delivered before the due time and sent back with changes requested (4.3): the case awaits the revised report, which comes after the due time, so the 6.2.1 sum is proposed when it is delivered',
  'sent-back-late':
    'the first report was delivered after the due time and the last one was sent back (4.3): the 6.2.1 sum is proposed; the case awaits the revised report',
} as const;

type Out = { deadlines: Deadline[]; penalties: ProposedPenalty[] };
type Entry<K extends keyof PastQuarters> = NonNullable<PastQuarters[K]>[number];

/** 4.3: the report judged on its delivery time against the due time; missing or late, the 6.2.1 sum (4.6 items shown). */
function inspection(
  i: { contractId: string; terms: ContractTerms },
  p: CyclePeriod,
  e: Entry<'inspections'>,
  out: Out,
): QuarterConclusion {
  const workflowId = inspectionCaseId(i.contractId, p.year, p.quarter!);
  const dueAt = iso(p.dueMs);
  // The last round sent back and not delivered again (4.3): judged as the timer at the due time
  // saw the first delivery; the revised report arrives live, after the due time, so late then.
  const open = e.done && e.doneAt === undefined;
  const j =
    e.done && !open ? reportJudgement(Date.parse(e.doneAt!), p.dueMs, false) : { lateByMs: null as number | null };
  const firstLate = open && reportJudgement(Date.parse(e.sentBack![0]!.doneAt), p.dueMs, false).lateByMs !== null;
  const v = !e.done ? 'missed' : open ? 'sent-back' : j.lateByMs === null ? 'on-time' : 'late';
  out.deadlines.push({
    obligation: `inspection report ${periodKey(p.year, p.quarter!)}`,
    clause: '4.3',
    dueAt,
    provisional: false,
    fulfilledAt: e.done && !open ? iso(Date.parse(e.doneAt!)) : null,
    verdict: v === 'on-time' ? 'met' : open && !firstLate ? 'pending' : 'missed',
  });
  if (v === 'missed' || v === 'late' || firstLate) {
    const pr = missingReportProposal({ year: p.year, quarter: p.quarter!, dueAt }, i.terms, 1);
    out.penalties.push({ key: `${workflowId}:report-missing`, caseKind: 'inspection', ...proposal(pr) });
  }
  const high = (e.findings ?? []).filter((x) => x.severity === 'high');
  const items = e.acknowledgedAt ? remediationItems(high, Date.parse(e.acknowledgedAt), i.terms) : [];
  return {
    kind: 'inspection',
    period: periodKey(p.year, p.quarter!),
    workflowId,
    startDate: p.startDate,
    lastDay: p.lastDay,
    dueAt,
    verdict: v,
    rule: INSPECTION_RULE[v === 'sent-back' && firstLate ? 'sent-back-late' : v],
    ...(j.lateByMs !== null ? { lateByMs: j.lateByMs } : {}),
    ...(items.length
      ? {
          remediation: items.map((r) => {
            const done = e.remediation?.find((x) => x.itemId === r.id);
            return {
              id: r.id,
              deadline: r.deadline,
              status: done ? resolvedStatus(r, Date.parse(done.resolvedAt)) : 'open',
            };
          }),
        }
      : {}),
  };
}

/** 4.1: the visits stated within the quarter against the required ones; fewer, the 6.2.1 sum. */
function customerCare(
  i: { contractId: string; nowMs: number; terms: ContractTerms },
  p: CyclePeriod,
  e: Entry<'care'>,
  out: Out,
): QuarterConclusion {
  const workflowId = careCaseId(i.contractId, p.year, p.quarter!);
  const dueAt = iso(p.dueMs);
  const logs = [
    ...e.visits.map((x) => ({ kind: 'visit' as const, effectiveAt: x.at })),
    ...(e.mailings ?? []).map((x) => ({ kind: 'mailing' as const, effectiveAt: x.at })),
  ];
  const n = countIn(logs, p.startMs, p.endMs);
  const required = i.terms.recurring.customerCareVisitsPerQuarter;
  const v = verdict(n.visits, required, i.nowMs, p.dueMs) === 'kept' ? 'kept' : 'missed';
  const lastVisit = e.visits.map((x) => Date.parse(x.at)).sort((a, b) => a - b)[required - 1];
  out.deadlines.push({
    obligation: `customer care ${periodKey(p.year, p.quarter!)} (${required} visit(s))`,
    clause: '4.1',
    dueAt,
    provisional: false,
    fulfilledAt: v === 'kept' && lastVisit !== undefined ? iso(lastVisit) : null,
    verdict: v === 'kept' ? 'met' : 'missed',
  });
  if (v === 'missed') {
    const pr = missedProposal(
      { year: p.year, quarter: p.quarter!, dueAt, visits: n.visits, requiredVisits: required },
      i.terms,
      1,
    );
    out.penalties.push({ key: `${workflowId}:visits-missed`, caseKind: 'care', ...proposal(pr) });
  }
  return {
    kind: 'care',
    period: periodKey(p.year, p.quarter!),
    workflowId,
    startDate: p.startDate,
    lastDay: p.lastDay,
    dueAt,
    verdict: v,
    rule:
      v === 'kept'
        ? `${n.visits} of ${required} return visit(s) stated within the quarter (4.1): nothing proposed`
        : `${n.visits} of ${required} return visit(s) stated within the quarter (4.1): the 6.2.1 sum is proposed`,
    visits: n.visits,
    requiredVisits: required,
  };
}
