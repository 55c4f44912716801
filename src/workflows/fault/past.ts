// A fault reported before its contract was registered and still open (issue 10 item 4,
// onboarding): its facts entered at their times by the admin on the parties' behalf. The case
// lives its past again with the live rules and nothing else: the clock is walked from the report
// to the registration, each entered fact is checked and applied at its own time (rules.ts) and
// each warning and deadline passing in between is ticked at its instant (duties.ts), so a
// response entered on time proposes nothing and a late or missing one proposes what the live
// case would have, under the same ledger key. What happened then is recorded now (recordedAt is
// the registration) and tells nobody of past moves: the only notices are the stated-time ones by
// which the other party may contest an entered time. Pure: the workflow and the API's dry run
// and checks (src/api/onboarding-faults.ts) call the same function.
import { noteStated } from './contests';
import { nextWakeMs } from './duties';
import { tick } from './judge';
import type { FaultAction, FaultCaseInput } from './messages';
import { applyTerms, openCase } from './open';
import { apply, check } from './rules';
import type { FaultState } from './state';
import type { Party } from '../kernel/actors';

/** The acts that can be entered on an open fault, each stated by the party whose act it was. */
export const ENTERED_ACTIONS = [
  'respond',
  'investigate',
  'submitAnalysis',
  'reviewAnalysis',
  'onsiteArrived',
  'replacementProvided',
  'resolve',
  'reopen',
  'regrade',
  'claimExclusion',
  'decideExclusion',
] as const;
export type EnteredAction = (typeof ENTERED_ACTIONS)[number] & FaultAction;
const PARTY: Record<EnteredAction, Party> = {
  respond: 'vendor', // 4.9.4
  investigate: 'vendor',
  submitAnalysis: 'vendor', // 4.9.2: the analysis document, and the hospital's review of it
  reviewAnalysis: 'hospital',
  onsiteArrived: 'vendor', // 4.9.2
  replacementProvided: 'vendor',
  resolve: 'vendor',
  reopen: 'hospital', // 4.9.2: the hospital reopens a resolution it does not confirm
  regrade: 'hospital', // 4.9.3
  claimExclusion: 'vendor', // 4.9.2: an exclusion claimed by the vendor, decided by the hospital
  decideExclusion: 'hospital',
};
/** The live role whose rules the entered act is checked by (what the party's own key would be). */
const LIVE_ROLE: Record<Party, string> = {
  vendor: 'vendor-engineer',
  hospital: 'hospital-operator',
  platform: 'system',
};

export interface EnteredFaultFact {
  action: EnteredAction;
  atMs: number;
  /** The action's own arguments (engineer, how, description, summary, note), as its route takes them. */
  args: Record<string, unknown>;
}
/** FaultCaseInput.onboarded: who entered the past and its facts (the report is the input itself). */
export interface OnboardedFault {
  by: string;
  facts: EnteredFaultFact[];
}

/** Thrown when an entered fact does not fit the live rules at its time: which fact, and why. */
export class PastFactRefused extends Error {
  constructor(
    readonly index: number,
    readonly refusal: unknown,
  ) {
    super(`entered fault fact ${index} refused: ${(refusal as Error)?.message ?? String(refusal)}`);
  }
}

const STEP_LIMIT = 10_000; // each step records a fact; a case that needs more is not a case

/**
 * The case as it stands at nowMs after living its entered past: opened at its report (the
 * terms version in force then), then every warning, breach and entered fact in time order.
 */
export function enterPast(s: FaultState, version: number, terms: unknown, past: OnboardedFault, nowMs: number): void {
  const from = s.timeline.length; // the report, recorded (and its stated-time notice sent) now by openCase
  const notices = s.outgoing.notices.length;
  applyTerms(s, version, terms, s.reportedAtMs);
  const entered = past.facts.map((f, index) => ({ ...f, index })).sort((a, b) => a.atMs - b.atMs || a.index - b.index);
  const recordedBy = { name: `${past.by} (entered at onboarding)`, role: 'admin' };
  const mine: { seq: number; party: Party }[] = [];
  let i = 0;
  for (let step = 0; step < STEP_LIMIT; step++) {
    const next = entered[i];
    const wake = nextWakeMs(s);
    // The clock concludes on an instant only once it has passed (wake is 1 ms after it, as the
    // live timer): a fact at a warning's or deadline's own instant comes first, and is on time.
    if (wake !== undefined && wake <= nowMs && (next === undefined || wake <= next.atMs)) {
      tick(s, wake);
      continue;
    }
    if (!next) break;
    const party = PARTY[next.action];
    const args = { ...next.args, actor: { name: recordedBy.name, role: LIVE_ROLE[party] }, occurredAtMs: next.atMs };
    try {
      check(next.action, s, args, next.atMs);
    } catch (e) {
      throw new PastFactRefused(next.index, e);
    }
    mine.push({ seq: apply(next.action, s, args, next.atMs).fact.seq, party });
    i += 1;
  }
  // Recorded now, by the admin, on the acting party's behalf; past moves notify nobody.
  for (const f of s.timeline.slice(from)) f.recordedAt = Math.max(f.recordedAt, nowMs);
  s.outgoing.notices = s.outgoing.notices.slice(0, notices);
  for (const { seq, party } of mine) {
    const f = s.timeline[seq - 1]!;
    f.recordedBy = recordedBy;
    f.statedBy = party;
    f.onBehalfOf = party;
    noteStated(s, f); // the other party may contest the entered time (issue 10 item 3)
  }
}

/** The dry run's and the checks' view: the case an entered fault becomes at nowMs, computed and discarded. */
export function pastCase(input: FaultCaseInput, version: number, terms: unknown, nowMs: number): FaultState {
  const s = openCase(input);
  enterPast(s, version, terms, input.onboarded ?? { by: 'dry-run', facts: [] }, nowMs);
  return s;
}
