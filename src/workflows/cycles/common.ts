// What only the cycle workflows share (inspection, customer care, acceptance, the launcher):
// their period on the contract's calendar as clause 3 shifts it. Activities, actors, roles,
// facts and the record come from the kernel (../kernel) like every family's.
import { condition, defineSignal, setHandler } from '@temporalio/workflow';
import { quarterIfKnown, type CyclePeriod } from '../../domain/cycles';
import type { TermExtension } from '../../domain/contract-year';
import { acts } from '../kernel/activities';
import type { Actor } from '../kernel/actors';
import type { ObligationCase } from '../kernel/case';
import { invalidInput } from '../failures';

export { acts, type TermsAt } from '../kernel/activities';

/** Who records what the platform concludes on a cycle (a due time passed, a period moved, a year ended). */
export const SYSTEM_ACTOR: Actor = { name: 'system', role: 'system' };

/** The clause-3 extensions of a contract as the calendar functions take them. */
export function extensionsOf(info: {
  extensions: { contractYear: number; untilMs: number | null }[];
}): TermExtension[] {
  return info.extensions.map((e) => ({ contractYear: e.contractYear, untilMs: e.untilMs }));
}

/**
 * Sent by the acceptance of year N when it fails or passes (clause 3): the next year's first
 * quarter and acceptance may have started on the unshifted calendar, so they re-read their period.
 */
export const termShifted = defineSignal('termShifted');

/**
 * Follows one contract quarter as clause 3 may shift it: a failed acceptance moves later
 * periods, announced by the termShifted signal, after which locate() reads it again.
 */
export function quarterTracker(contractId: string, year: number, quarter: number) {
  const t = {
    shifted: false,
    signedAtMs: 0,
    async locate(): Promise<CyclePeriod | undefined> {
      t.shifted = false;
      const info = await acts.cycleContract({ contractId });
      t.signedAtMs = info.signedAtMs;
      return quarterIfKnown(info.signedAtMs, year, quarter, extensionsOf(info));
    },
  };
  setHandler(termShifted, () => {
    t.shifted = true;
  });
  return t;
}

/** The quarter where the calendar puts it at the start; one the contract does not have is refused (400 naming the clause). */
export async function firstQuarter(
  q: ReturnType<typeof quarterTracker>,
  year: number,
  quarter: number,
  clause: string,
) {
  const first = await q.locate();
  if (!first)
    throw invalidInput(
      'quarter',
      `contract year ${year} has no quarter ${quarter} on the contract's calendar (${clause}, clause 3)`,
      clause,
    );
  return first;
}

/**
 * A stated time still contestable (issue 10) keeps a finished cycle open until it is decided or
 * its window passes, so the other party's contest can reach it; each new fact is recorded.
 */
export async function holdWhileContestable(c: ObligationCase, persist: () => Promise<void>): Promise<void> {
  for (let hold = c.openUntilMs(); hold !== undefined; hold = c.openUntilMs()) {
    const seen = c.timeline.length;
    await condition(
      () => c.timeline.length > seen,
      Number.isFinite(hold) ? Math.max(1, hold - Date.now()) : '3650 days',
    );
    await persist();
  }
}
