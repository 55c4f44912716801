// Issue 10 item 4: a contract year accepted before its contract was entered. Its acceptance
// workflow starts with the rounds that happened (each submission and decision at its time) and
// replays them through the live decision path, so the year records exactly what it would have
// live (the fact, the clause-3 extension of a fail, the clause-8 form and the clause-10 payment
// of a pass), without opening the year or telling anyone it is open.
import type { AcceptanceRoundFact, PaymentFact } from '../../domain/onboarding-years';
import { enteredFor, type StatedInstant } from '../kernel/stated-times';
import type { Actor } from '../kernel/actors';

export interface OnboardedAcceptance {
  /** The admin who entered the year (the platform records it on the parties' behalf). */
  by: string;
  rounds: AcceptanceRoundFact[];
  /** Clause 10: the payment the pass released, entered as made. */
  nextPayment?: PaymentFact;
}

export interface PastRound {
  actor: Actor;
  submittedAt: StatedInstant;
  decision: {
    actor: Actor;
    outcome: 'pass' | 'fail';
    reasons?: string[];
    hospitalSignatory?: string;
    vendorSignatory?: string;
    time: StatedInstant;
  };
}

/** The rounds to replay, in order (none for a year lived through on the platform). */
export function pastRounds(o: OnboardedAcceptance | undefined): PastRound[] {
  if (!o) return [];
  const actor: Actor = { name: `${o.by} (entered at onboarding)`, role: 'admin' };
  return o.rounds.map((r) => ({
    actor,
    submittedAt: enteredFor(r.submittedAt, 'vendor'),
    decision: {
      actor,
      outcome: r.outcome,
      ...(r.reasons ? { reasons: r.reasons } : {}),
      ...(r.hospitalSignatory ? { hospitalSignatory: r.hospitalSignatory } : {}),
      ...(r.vendorSignatory ? { vendorSignatory: r.vendorSignatory } : {}),
      time: enteredFor(r.decidedAt, 'hospital'),
    },
  }));
}
