// Rules every signing obligation and staff change shares (4.10, 6.3, 4.2; clause 3), pure and
// synchronous so update validators and unit tests call them alike: who may record which fact
// (requireParty, also the cycles' rule: inspection 4.3, acceptance 8), and whether the
// obligation takes facts at all (the contract ended; terms still loading).
import { forbiddenAction, ruleViolation } from '../failures';

export type Party = 'vendor' | 'hospital';

/** Role checks repeated inside validators so that a client other than the API is held to them too (least privilege: no admin bypass). */
export function requireParty(
  actor: { role: string },
  party: Party,
  what: string,
  clause: string,
  roles?: string[],
): void {
  const allowed = roles ?? (party === 'vendor' ? ['vendor-engineer'] : ['hospital-operator', 'hospital-approver']);
  if (!allowed.includes(actor.role))
    throw forbiddenAction(`${what} is for ${allowed.join(' or ')} (clause ${clause})`, clause);
}

/**
 * An obligation records facts only while the contract runs (clause 3) and once its terms and
 * calendar are loaded (its deadline known): CONTRACT_ENDED or NOT_READY otherwise.
 */
export function checkRecordable(
  contractEnded: { at: string } | null,
  loaded: boolean,
  clause: string,
  what = 'the obligation',
): void {
  if (contractEnded)
    throw ruleViolation(
      'CONTRACT_ENDED',
      `the contract ended on ${contractEnded.at}; nothing more is recorded on this obligation (clause 3)`,
      '3',
    );
  if (!loaded)
    throw ruleViolation(
      'NOT_READY',
      `${what} is still loading its terms and calendar; retry shortly (clause ${clause})`,
      clause,
    );
}
