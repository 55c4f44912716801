// What the signing-obligation and staff workflows share besides their case kernel (case.ts):
// the activities typed from createActivities, the working-day calendar
// loaded through an activity, and the mapping of domain errors to update failures.
import { defineSignal } from '@temporalio/workflow';
import { WorkingDayCalendar } from '../../domain/calendar';
import { DomainError } from '../../domain/errors';
import { acts, type TermsAt } from '../kernel/activities';
import type { Actor } from '../kernel/actors';
import type { OnboardingHistory } from '../../domain/onboarding';
import type { Engineer } from '../../domain/staff-register';
import { invalidInput, ruleViolation } from '../failures';

/** An engineer as the register's facts carry them (4.2): the domain's shape, not a copy of it. */
export type EngineerInput = Engineer;

/** Activities typed from createActivities (a renamed field fails to compile); the record goes through the kernel's recordCase. */
export { acts, type TermsAt };

/** Re-read the calendar this often while a deadline is provisional (its year not yet loaded). */
export const CALENDAR_REFRESH_MS = 24 * 60 * 60 * 1000;

export async function loadCalendar(years: number[]): Promise<WorkingDayCalendar> {
  return new WorkingDayCalendar(await acts.calendarYears({ years }));
}

/** Domain errors thrown inside update validators become typed failures (400/404/409 at the API). */
export function asFailure(e: unknown): unknown {
  if (e instanceof DomainError) {
    if (e.kind === 'validation') return invalidInput(e.field ?? '(input)', e.message, e.clause);
    return ruleViolation(e.code, e.message, e.clause);
  }
  return e;
}

export function guard(fn: () => void): void {
  try {
    fn();
  } catch (e) {
    throw asFailure(e);
  }
}

export { requireParty, type Party } from './shared-rules';

export type { Actor };

export const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Clause 3: the contract ended (afterContractEnded). Each obligation records what is due up
 * to the end, then completes with a final state; a repeated signal is ignored.
 */
export interface ContractEnded {
  endedAt: string;
  reason: string;
}
export const obligationContractEndedSignal = defineSignal<[ContractEnded]>('contractEnded');
export const SYSTEM_END: Actor = { name: 'system:contract-end', role: 'system' };

/**
 * Issue 10 item 7: a calendar year was loaded or corrected, or the contract's terms were
 * amended. A running obligation re-reads its terms and calendar at once (not at its daily
 * re-read), recomputes its deadlines and records the change as a fact in its history.
 */
export interface ContextChange {
  what: 'calendar' | 'terms';
  ref: string;
  by: string;
}
export const contextChangedSignal = defineSignal<[ContextChange]>('contextChanged');
export const contextActor = (c: ContextChange): Actor => ({ name: c.by, role: 'system' });
export const contextFact = (c: ContextChange): string => `${c.what}.reloaded (${c.ref})`;

/**
 * Issue 10 item 4 (onboarding a running contract): what already happened on a signing
 * obligation before the contract was entered, with the times it happened, stated by the admin
 * who registers it. The workflow starts from these facts and judges them exactly as it would
 * have live: a fact on time proposes nothing, a late one what it would have then. The dongle's
 * declaration and verification (4.10), the plan's delivery and its items done (6.3), go-live and
 * its one written extension (6.3): the shape is the domain's (src/domain/onboarding.ts), whose
 * pure conclusions the dry run answers.
 */
export interface OnboardedFacts extends OnboardingHistory {
  /** The admin who entered them (the platform records them on the parties' behalf). */
  by: string;
}
export const onboardedActor = (f: OnboardedFacts): Actor => ({
  name: `${f.by} (entered at onboarding)`,
  role: 'admin',
});
