// How a fault case opens (pure): its first fact, the report, and the terms that judge it.
import { mergeTerms, type TermsOverrides } from '../../domain';
import { SYSTEM } from '../kernel/actors';
import { enteredFor, markStated } from '../kernel/stated-times';
import { noteStated } from './contests';
import { addFact, reconcile } from './duties';
import { judge } from './judge';
import type { FaultCaseInput } from './messages';
import type { FaultState } from './state';

export function openCase(i: FaultCaseInput): FaultState {
  const s: FaultState = {
    caseId: i.caseId,
    contractId: i.contractId,
    caseNo: i.caseNo,
    title: i.title,
    description: i.description,
    channel: i.channel,
    reporter: i.reporter,
    reportedAtMs: i.reportedAtMs,
    level: i.level,
    affectsOperations: i.level <= 2 || i.affectsOperations,
    status: 'reported',
    round: 1,
    exclusions: [],
    deadlines: [],
    penalties: [],
    stated: [],
    timeline: [],
    outgoing: { notices: [], proposals: [], withdrawals: [] },
    persistedSeq: 0,
    continuedAsNew: 0,
  };
  // The API checked the stated report time against its window when it took the report (4.9.3);
  // a fault phoned in to the vendor's service desk is the hospital's report recorded by the vendor (4.8).
  const recordedAt = i.recordedAtMs ?? i.reportedAtMs;
  const terms = i.intake ? mergeTerms(i.intake.terms as TermsOverrides) : undefined;
  // An entered report (onboarding) is the admin's statement on the hospital's behalf, contestable by the vendor.
  const time = i.onboarded
    ? enteredFor(new Date(i.reportedAtMs).toISOString(), 'hospital')
    : markStated(
        terms,
        i.reportedBy,
        recordedAt,
        i.reportedAtMs,
        i.reportedBy.role === 'vendor-service-desk' ? 'hospital' : undefined,
      );
  const fact = addFact(
    s,
    recordedAt,
    'case.reported',
    i.reportedBy,
    {
      level: i.level,
      title: i.title,
      channel: i.channel,
      reporter: i.reporter,
      affectsOperations: s.affectsOperations,
    },
    '4.9.3',
    { ...time, occurredAt: i.reportedAtMs },
  );
  noteStated(s, fact);
  return s;
}

/** 3: the terms version in force at the report judges the case, whatever is amended later. */
export function applyTerms(s: FaultState, version: number, terms: unknown, nowMs: number): void {
  s.terms = mergeTerms(terms as TermsOverrides); // validated when stored (terms-schema.ts)
  s.termsVersion = version;
  addFact(s, nowMs, 'terms.applied', SYSTEM, { termsVersion: version }, '3');
  reconcile(s, nowMs, 'case reported');
  judge(s, nowMs);
}
