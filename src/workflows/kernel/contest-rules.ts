// Who may contest a stated time and who decides the contest, now (issue 10, clause 6): the
// update validators of every kernel family's case (case.ts) and the console's permitted actions
// (src/api/case-actions.ts) both call these, so the console offers a contest exactly when the
// workflow would take it. Synchronous and pure.
import type { ContractTerms } from '../../domain/terms';
import { forbiddenAction, invalidInput, ruleViolation } from '../failures';
import type { Actor } from './actors';
import type { Fact } from './facts';
import { checkContest } from './stated-times';

interface ContestArgs {
  actor: Actor;
  factSeq: number;
  reason: string;
  proposedAtMs?: number;
}
/** The stated times as the case keeps them: the contest and the decision, once made. */
type Stated = { factSeq: number; contest?: unknown; decision?: unknown };

/** The other party contests fact factSeq's stated time within the contest window, once. */
export function validateContest(
  terms: ContractTerms | undefined,
  timeline: Fact[],
  stated: Stated[],
  a: ContestArgs,
  nowMs: number,
  clause: string,
): void {
  if (typeof a?.reason !== 'string' || !a.reason.trim()) throw invalidInput('reason', 'reason is required', clause);
  checkContest(terms, timeline[a.factSeq - 1], a.actor, nowMs, clause);
  if (stated.find((x) => x.factSeq === a.factSeq)?.contest)
    throw ruleViolation('ALREADY_CONTESTED', `the time of fact ${a.factSeq} is already contested`, clause);
  if (a.proposedAtMs !== undefined && !(Number.isFinite(a.proposedAtMs) && a.proposedAtMs <= nowMs))
    throw invalidInput('proposedAt', 'proposedAt must be an instant not in the future', clause);
}

/** The hospital's approver decides an open contest: stated or contested (clause 6). */
export function validateContestDecision(
  stated: Stated[],
  a: { actor: Actor; factSeq: number; decision: string; reason: string },
): void {
  if (a?.actor?.role !== 'hospital-approver')
    throw forbiddenAction('a contested time is decided by the hospital-approver (clause 6)', '6');
  if (typeof a.reason !== 'string' || !a.reason.trim()) throw invalidInput('reason', 'reason is required', '6');
  if (a.decision !== 'stated' && a.decision !== 'contested')
    throw invalidInput('decision', 'decision must be stated or contested', '6');
  const st = stated.find((x) => x.factSeq === a.factSeq);
  if (!st?.contest || st.decision)
    throw ruleViolation('NOT_CONTESTED', `the time of fact ${a.factSeq} is not under an open contest`, '6');
}
