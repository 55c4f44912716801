// Onboarding a running contract (issue 10 item 4): the `onboarding.faults` block, faults reported
// before the registration and still open (4.9.x), each fact at its time. The checks refuse a
// fault that its live case would not have had (400 naming the field and the clause); the dry run
// answers each case's deadlines and ledger proposals; the registration hook
// (onboarding-fault-start.ts) starts each live case from faultInput. The checks, the dry run and
// the workflow run the one pure function (fault/past.ts), so they cannot disagree.
import type { ApplicationFailure } from '@temporalio/common';
import { invalid } from './errors';
import { enteredFacts } from './onboarding-fault-facts';
import { checkEnteredContests, contestField } from './onboarding-fault-contests';
import { proposal } from './onboarding-proposals';
import { affectsOperations, FAULT_LEVELS, type ContractTerms } from '../domain';
import type { FaultLevel } from '../domain';
import type { FaultConclusion, PastFault } from '../domain/onboarding-faults';
import type { ProposedPenalty } from '../domain/onboarding';
import { DOCUMENT_REF } from '../documents/refs';
import { faultCaseId, type FaultCaseInput } from '../workflows/fault/messages';
export { OnboardedFaults, faultTimes } from './onboarding-fault-facts';
import { PastFactRefused, pastCase, type EnteredFaultFact } from '../workflows/fault/past';

/** The vendor's work on the fault: after its response; the investigation, on-site and replacement before the resolution. */
const WORK: EnteredFaultFact['action'][] = [
  'investigate',
  'submitAnalysis',
  'onsiteArrived',
  'replacementProvided',
  'resolve',
];

const ms = (s: string) => Date.parse(s);
const iso = (n: number) => new Date(n).toISOString();

/** The live case's input for an entered fault: the admin reports on the hospital's behalf, recorded now. */
export function faultInput(
  contractId: string,
  caseNo: number,
  f: PastFault,
  by: string,
  nowMs: number,
): FaultCaseInput {
  const level = f.level as FaultLevel;
  return {
    caseId: faultCaseId(contractId, caseNo),
    contractId,
    caseNo,
    level,
    title: f.title,
    description: f.description,
    channel: f.channel,
    affectsOperations: affectsOperations(level, f.affectsOperations),
    reporter: f.reporter,
    reportedAtMs: ms(f.reportedAt),
    recordedAtMs: nowMs,
    reportedBy: { name: by, role: 'admin' },
    onboarded: { by, facts: enteredFacts(f).map((e) => e.fact) },
  };
}

/**
 * 4.9.x as the live case allows them: ids unique, a level of 4.9.3, the response after the
 * report, the work (investigation, on site, replacement, resolution) after the response and the
 * resolution last in its round; each reopening after the resolution it reopens, its round's
 * work after it; then the case is lived through once, so any other rule of the live case
 * refuses here, naming the fact, rather than in the workflow.
 */
export function checkOnboardedFaults(faults: PastFault[], contractId: string, terms: ContractTerms, nowMs: number) {
  const ids = new Set<string>();
  for (const [i, f] of faults.entries()) {
    const g = `onboarding.faults.${i}`;
    if (ids.has(f.faultId)) throw invalid(`${g}.faultId`, 'fault ids are unique', '4.9');
    ids.add(f.faultId);
    if (!(FAULT_LEVELS as readonly number[]).includes(f.level))
      throw invalid(`${g}.level`, `level must be one of ${FAULT_LEVELS.join(', ')}`, '4.9.3');
    if (f.response && ms(f.response.at) < ms(f.reportedAt))
      throw invalid(`${g}.response.at`, 'the vendor responds after the fault was reported', '4.9.4');
    // Round 1 is worked on from the response to the resolution; round n + 1 from the n-th reopening to its resolution.
    const rounds = [
      { from: f.response?.at, resolvedAt: f.resolution?.at },
      ...(f.reopenings ?? []).map((r) => ({ from: r.at, resolvedAt: r.resolution?.at })),
    ];
    for (const [j, r] of (f.reopenings ?? []).entries()) {
      const reopened = rounds[j]!.resolvedAt;
      if (reopened !== undefined && ms(r.at) < ms(reopened))
        throw invalid(`${g}.reopenings.${j}.at`, 'reopened before the resolution it reopens', '4.9.2');
    }
    for (const e of enteredFacts(f).filter((x) => WORK.includes(x.fact.action))) {
      if (!f.response) throw invalid(`${g}.${e.field}`, 'the vendor responds first (response)', '4.9.2');
      if (ms(e.at) < ms(f.response.at)) throw invalid(`${g}.${e.field}`, 'recorded after the response', '4.9.2');
      const round = rounds[e.round - 1]!;
      if (e.round > 1 && ms(e.at) < ms(round.from!))
        throw invalid(`${g}.${e.field}`, 'recorded after the reopening its round began with', '4.9.2');
      const workedOn = e.fact.action !== 'resolve' && e.fact.action !== 'submitAnalysis'; // a document may follow the fix
      if (round.resolvedAt && workedOn && ms(e.at) > ms(round.resolvedAt))
        throw invalid(`${g}.${e.field}`, 'recorded while the fault is worked on, before its resolution', '4.9.2');
    }
    for (const [j, a] of (f.analysis ?? []).entries()) {
      if (DOCUMENT_REF.test(a.reference))
        throw invalid(
          `${g}.analysis.${j}.reference`,
          "cite the analysis document by its archive reference: the contract's document store exists after the registration",
          '4.9.2',
        );
      if (a.review && ms(a.review.at) < ms(a.at))
        throw invalid(`${g}.analysis.${j}.review.at`, 'reviewed before it was submitted', '4.9.2');
    }
    checkEnteredContests(g, enteredFacts(f));
    if (f.exclusion?.decision && ms(f.exclusion.decision.at) < ms(f.exclusion.claimedAt))
      throw invalid(`${g}.exclusion.decision.at`, 'decided before it was claimed', '4.9.2');
    // The other acts (the review, reopening, re-grading, the exclusion) are refused by the live rules below, naming the fact.

    const facts = enteredFacts(f);
    try {
      pastCase(faultInput(contractId, i + 1, f, 'check', nowMs), 1, terms, nowMs);
    } catch (e) {
      if (!(e instanceof PastFactRefused)) throw e;
      const d = ((e.refusal as ApplicationFailure).details?.[0] ?? {}) as { clause?: string };
      const field = facts[e.index]!.field;
      throw invalid(
        `${g}.${e.part === 'fact' ? field : contestField(field, e.part)}`,
        (e.refusal as Error).message,
        d.clause ?? '4.9',
      );
    }
  }
}

/** The dry run: each entered fault's case at nowMs (case numbers 1.. in entry order, as the registration gives them). */
export function faultConclusions(
  contractId: string,
  faults: PastFault[],
  terms: ContractTerms,
  nowMs: number,
): { faults: FaultConclusion[]; penalties: ProposedPenalty[] } {
  const out: FaultConclusion[] = [];
  const penalties: ProposedPenalty[] = [];
  for (const [i, f] of faults.entries()) {
    const s = pastCase(faultInput(contractId, i + 1, f, 'dry-run', nowMs), 1, terms, nowMs);
    out.push({
      faultId: f.faultId,
      caseId: s.caseId,
      status: s.status,
      deadlines: s.deadlines.map((d) => ({
        id: d.id,
        clause: d.clause,
        dueAt: iso(d.dueMs),
        status: d.status,
        doneAt: d.doneAtMs === undefined ? null : iso(d.doneAtMs),
      })),
    });
    const withdrawn = new Set(s.outgoing.withdrawals.map((w) => w.key));
    for (const p of s.outgoing.proposals.filter((x) => !withdrawn.has(x.key)))
      penalties.push({ key: p.key, caseKind: 'fault', ...proposal(p) });
  }
  return { faults: out, penalties };
}
