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
import { noteStated, registerStated, syncStated } from './contests';
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

/**
 * A contest of an entered time decided (or still open) before the registration: the other
 * party's contest at contestedAtMs proposing proposedAtMs, and the approver's decision (clause 6),
 * lived at their times as the live contestTime and decideContest would, so the obligation is
 * judged on the decided time and the record shows both with their times.
 */
export interface PastContest {
  by: Party;
  proposedAtMs: number;
  reason: string;
  contestedAtMs: number;
  decision?: { outcome: 'stated' | 'contested'; atMs: number; reason: string };
}
export interface EnteredFaultFact {
  action: EnteredAction;
  atMs: number;
  /** The action's own arguments (engineer, how, description, summary, note), as its route takes them. */
  args: Record<string, unknown>;
  contest?: PastContest;
}
/** FaultCaseInput.onboarded: who entered the past and its facts (the report is the input itself). */
export interface OnboardedFault {
  by: string;
  facts: EnteredFaultFact[];
}

/** Thrown when an entered fact (or its contest, or the decision) does not fit the live rules at its time. */
export class PastFactRefused extends Error {
  constructor(
    readonly index: number,
    readonly refusal: unknown,
    readonly part: Part = 'fact',
  ) {
    super(`entered fault fact ${index} ${part} refused: ${(refusal as Error)?.message ?? String(refusal)}`);
  }
}

const STEP_LIMIT = 10_000; // each step records a fact; a case that needs more is not a case
type Part = 'fact' | 'contest' | 'decision';
const RANK: Record<Part, number> = { fact: 0, contest: 1, decision: 2 };
interface Step {
  index: number;
  atMs: number;
  part: Part;
  f: EnteredFaultFact;
}

/** Each entered fact, its contest and the decision as steps of the walk, in time order. */
function stepsOf(facts: EnteredFaultFact[]): Step[] {
  return facts
    .flatMap((f, index): Step[] => [
      { index, atMs: f.atMs, part: 'fact', f },
      ...(f.contest ? [{ index, atMs: f.contest.contestedAtMs, part: 'contest' as const, f }] : []),
      ...(f.contest?.decision ? [{ index, atMs: f.contest.decision.atMs, part: 'decision' as const, f }] : []),
    ])
    .sort((a, b) => a.atMs - b.atMs || a.index - b.index || RANK[a.part] - RANK[b.part]);
}

/**
 * The case as it stands at nowMs after living its entered past: opened at its report (the
 * terms version in force then), then every warning, breach and entered fact (with its contest
 * and the decision) in time order.
 */
export function enterPast(s: FaultState, version: number, terms: unknown, past: OnboardedFault, nowMs: number): void {
  const from = s.timeline.length; // the report, recorded (and its stated-time notice sent) now by openCase
  const notices = s.outgoing.notices.length;
  applyTerms(s, version, terms, s.reportedAtMs);
  const steps = stepsOf(past.facts);
  const recordedBy = { name: `${past.by} (entered at onboarding)`, role: 'admin' };
  const seqOf = new Map<number, number>(); // entered fact index -> its fact's seq
  const mine: { seq: number; party: Party; contested: boolean }[] = [];
  let i = 0;
  for (let step = 0; step < STEP_LIMIT; step++) {
    const next = steps[i];
    const wake = nextWakeMs(s);
    // The clock concludes on an instant only once it has passed (wake is 1 ms after it, as the
    // live timer): a fact at a warning's or deadline's own instant comes first, and is on time.
    if (wake !== undefined && wake <= nowMs && (next === undefined || wake <= next.atMs)) {
      tick(s, wake);
      continue;
    }
    if (!next) break;
    const { action, party, args } = actOf(next, seqOf, recordedBy.name);
    try {
      check(action, s, args, next.atMs);
    } catch (e) {
      throw new PastFactRefused(next.index, e, next.part);
    }
    const f = apply(action, s, args, next.atMs).fact;
    f.recordedBy = recordedBy;
    f.onBehalfOf = party;
    if (next.part === 'fact') {
      // Stated by its party at once, so a contest entered after it finds it (checkContest).
      f.statedBy = party;
      seqOf.set(next.index, f.seq);
      mine.push({ seq: f.seq, party, contested: !!next.f.contest });
      if (next.f.contest) registerStated(s, f);
    }
    i += 1;
  }
  // Recorded now, by the admin, on the acting party's behalf; past moves notify nobody.
  for (const f of s.timeline.slice(from)) f.recordedAt = Math.max(f.recordedAt, nowMs);
  s.outgoing.notices = s.outgoing.notices.slice(0, notices);
  syncStated(s); // the contested entries take their facts' recorded times
  // The other party may contest an entered time (issue 10 item 3), unless it already did before the registration.
  for (const { seq, contested } of mine) if (!contested) noteStated(s, s.timeline[seq - 1]!);
}

/** The live action a step is, its party and its arguments (a contest names its fact by the seq it got). */
function actOf(x: Step, seqOf: Map<number, number>, name: string) {
  if (x.part === 'fact') {
    const party = PARTY[x.f.action];
    return {
      action: x.f.action as FaultAction,
      party,
      args: { ...x.f.args, actor: { name, role: LIVE_ROLE[party] }, occurredAtMs: x.atMs },
    };
  }
  const c = x.f.contest!;
  const factSeq = seqOf.get(x.index)!;
  if (x.part === 'contest')
    return {
      action: 'contestTime' as const,
      party: c.by,
      args: { actor: { name, role: LIVE_ROLE[c.by] }, factSeq, proposedAtMs: c.proposedAtMs, reason: c.reason },
    };
  return {
    action: 'decideContest' as const,
    party: 'hospital' as const, // clause 6: the hospital's approver decides
    args: {
      actor: { name, role: 'hospital-approver' },
      factSeq,
      decision: c.decision!.outcome,
      reason: c.decision!.reason,
    },
  };
}

/** The dry run's and the checks' view: the case an entered fault becomes at nowMs, computed and discarded. */
export function pastCase(input: FaultCaseInput, version: number, terms: unknown, nowMs: number): FaultState {
  const s = openCase(input);
  enterPast(s, version, terms, input.onboarded ?? { by: 'dry-run', facts: [] }, nowMs);
  return s;
}
