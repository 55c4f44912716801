import type { ApiDeps } from './deps';
import type { ContractView } from '../services/contracts';
import type { OnboardedFacts } from '../workflows/obligations';
import { cyclesAfterAmended, cyclesAfterCreated, cyclesAfterEnded } from './routes/cycles';
import { amendObligations, endObligations, startSigningObligations } from './routes/obligation-hooks';
import { startCyclesAtRegistration } from './cycles-at-registration';
import { enterOnboardedPayments } from './onboarding';
import { startOnboardedAcceptances } from './onboarding-years';
import { startOnboardedStaff } from './onboarding-staff';
import { startOnboardedFaults } from './onboarding-fault-start';
import { startOnboardedQuarters } from './onboarding-quarters';
import type { PastQuarters } from './onboarding-quarter-facts';
import { startOnboardedServices } from './onboarding-services';
import type { PastServiceRequest } from './onboarding-service-facts';

/** What the contract lifecycle hooks need to know of a contract (the API's contract record). */
export interface ContractSummary {
  id: string;
  signedAt: string; // ISO instant
  amountFen: string;
  termYears: number;
  timeZone: string;
  termsVersion: number;
  goLiveDate?: string | null; // YYYY-MM-DD
  status: 'active' | 'ended';
}

/** The summary of a contract as the services read it (one mapping for creation, amendment and end). */
export const summaryOf = (v: ContractView): ContractSummary => ({
  id: v.id,
  signedAt: v.signedAt,
  amountFen: v.amountFen,
  termYears: v.termYears,
  timeZone: v.timeZone,
  termsVersion: v.latestVersion,
  goLiveDate: v.goLiveDate,
  status: v.status,
});

// Each capability that runs per contract (schedules, signing obligations) adds one call here.
// Hooks run after the contract's row is committed and must be idempotent (fixed workflow and
// schedule ids; "already exists" is success), so a retried request repairs a half-run hook.

export async function afterContractCreated(
  _deps: ApiDeps,
  _c: ContractSummary,
  onboarded?: OnboardedFacts & PastQuarters & { serviceRequests?: PastServiceRequest[] },
): Promise<void> {
  await cyclesAfterCreated(_deps, _c);
  if (onboarded) await enterOnboardedPayments(_deps.pool, _c.id, onboarded, onboarded.by); // 10: year 1 paid at its time
  await startSigningObligations(_deps, _c, onboarded); // 4.10, 6.3: fixed ids, already started = success; with facts entered at onboarding
  if (onboarded?.staff) await startOnboardedStaff(_deps, _c, onboarded.staff, onboarded.by, _deps.now()); // 4.2, 6.7: the register and its past changes
  if (onboarded?.faults?.length) await startOnboardedFaults(_deps, _c, onboarded.faults, onboarded.by, _deps.now()); // 4.9.x: open faults with their past
  if (onboarded?.serviceRequests?.length)
    await startOnboardedServices(_deps, _c, onboarded.serviceRequests, onboarded.by); // 4.5-5.4: open requests with their past
  if (onboarded?.acceptances?.length) await startOnboardedAcceptances(_deps, _c, onboarded); // 3, 8, 10: years accepted before, before the launcher places the quarters
  if (onboarded?.inspections?.length || onboarded?.care?.length)
    await startOnboardedQuarters(_deps, _c, onboarded, onboarded.by); // 4.1, 4.3: quarters ended before the registration, after the years placed them
  await startCyclesAtRegistration(_deps, _c); // 3, 4.1, 4.3, 8: the current periods exist at once, not at the next daily run
}

export async function afterContractAmended(_deps: ApiDeps, _c: ContractSummary): Promise<void> {
  await cyclesAfterAmended(_deps, _c);
  await amendObligations(_deps, _c); // 6.3: a changed go-live date goes to the go-live workflow
}

export async function afterContractEnded(_deps: ApiDeps, _c: ContractSummary): Promise<void> {
  await cyclesAfterEnded(_deps, _c);
  await endObligations(_deps, _c); // clause 3: running obligations record the end and complete
}
