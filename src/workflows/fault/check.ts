// The fault case's check(): synchronous, so the update validators can refuse an action before
// anything reaches history (403 the caller, 400 a field, 409 the case's state, each naming
// its clause). Part of the family's rules (rules.ts).
import { forbiddenAction, invalidInput } from '../failures';
import { FAULT_LEVELS } from '../../domain/faults';
import { checkContest } from '../kernel/stated-times';
import { latest } from './duties';
import type {
  ActionBase,
  AnalysisArgs,
  ClaimExclusionArgs,
  ContestTimeArgs,
  DecideContestArgs,
  DecideExclusionArgs,
  FaultAction,
  OnsiteArgs,
  RegradeArgs,
  ReopenArgs,
  ReplacementArgs,
  RespondArgs,
  ResolveArgs,
  ReviewAnalysisArgs,
} from './messages';
import { checkReview, checkSubmit } from './analysis';
import type { FaultState } from './state';
import { CLAUSE, ROLES, WORKING, need, receivedAt, stated, text } from './action-table';

/** Throws Forbidden (403), ValidationError (400) or RuleViolation (409) when the action does not fit the caller or the case. */
export function check(action: FaultAction, s: FaultState, args: ActionBase, nowMs: number): void {
  const clause = CLAUSE[action];
  if (!args?.actor?.name || !ROLES[action].includes(args.actor.role)) {
    throw forbiddenAction(
      `${action} is for ${ROLES[action].join(' or ')}; ${args?.actor?.role ?? 'no role'} may not do it (clause ${clause})`,
      clause,
    );
  }
  stated(action, s, args, nowMs);
  const open = s.exclusions.find((x) => x.status === 'open');
  switch (action) {
    case 'respond':
      need(s.status === 'reported', 'ALREADY_RESPONDED', `the vendor already responded to ${s.caseId}`, clause);
      text((args as RespondArgs).engineer, 'engineer', clause);
      break;
    case 'investigate':
      need(
        s.status === 'responded',
        s.status === 'reported' ? 'NOT_RESPONDED' : 'NOT_AWAITING_INVESTIGATION',
        `investigation starts after the response and before resolution; the case is ${s.status}`,
        clause,
      );
      break;
    case 'submitAnalysis':
      checkSubmit(s, args as AnalysisArgs);
      break;
    case 'reviewAnalysis':
      checkReview(s, args as ReviewAnalysisArgs);
      break;
    case 'onsiteArrived':
    case 'replacementProvided': {
      need(
        WORKING.includes(s.status),
        s.status === 'reported' ? 'NOT_RESPONDED' : 'CASE_NOT_OPEN',
        `${action} is recorded while the fault is being worked on; the case is ${s.status}`,
        clause,
      );
      const d = latest(s, action === 'onsiteArrived' ? 'onsite' : 'replacement');
      need(
        !d || d.round !== s.round || d.doneAtMs === undefined,
        'ALREADY_RECORDED',
        `${action} was already recorded for this resolution round`,
        clause,
      );
      if (action === 'onsiteArrived') text((args as OnsiteArgs).engineer, 'engineer', clause);
      else text((args as ReplacementArgs).description, 'description', clause);
      break;
    }
    case 'resolve':
      need(
        WORKING.includes(s.status),
        s.status === 'reported' ? 'NOT_RESPONDED' : 'CASE_NOT_OPEN',
        `only a responded, open case can be resolved; the case is ${s.status}`,
        clause,
      );
      text((args as ResolveArgs).summary, 'summary', clause);
      break;
    case 'confirmFix':
    case 'reopen':
      need(
        s.status === 'resolved',
        'NOT_RESOLVED',
        `the hospital confirms or reopens a resolved case; the case is ${s.status}`,
        clause,
      );
      if (action === 'reopen') text((args as ReopenArgs).reason, 'reason', clause);
      break;
    case 'regrade': {
      const level = (args as RegradeArgs).level;
      if (!(FAULT_LEVELS as readonly number[]).includes(level))
        throw invalidInput('level', 'level must be one of 1-5 (clause 4.9.3)', clause);
      need(s.status !== 'closed', 'CASE_CLOSED', 'a closed case cannot be re-graded', clause);
      need(level !== s.level, 'SAME_LEVEL', `the case is already level ${level}`, clause);
      text((args as RegradeArgs).reason, 'reason', clause);
      break;
    }
    case 'claimExclusion':
      need(s.status !== 'closed', 'CASE_CLOSED', 'an exclusion is claimed before the case is closed', clause);
      need(!open, 'EXCLUSION_OPEN', 'an exclusion claim is already open on this case', clause);
      need(
        !s.exclusions.some((x) => x.status === 'accepted'),
        'EXCLUSION_ACCEPTED',
        'an exclusion was already accepted for this case',
        clause,
      );
      need(
        Array.isArray((args as ClaimExclusionArgs).evidence) && (args as ClaimExclusionArgs).evidence.length > 0,
        'EVIDENCE_REQUIRED',
        'an exclusion claim needs evidence the hospital can see and contest',
        clause,
      );
      break;
    case 'decideExclusion':
      need(!!open, 'NO_OPEN_EXCLUSION', 'there is no open exclusion claim to decide', clause);
      text((args as DecideExclusionArgs).reason, 'reason', clause);
      break;
    case 'contestTime': {
      const a = args as ContestTimeArgs;
      text(a.reason, 'reason', clause);
      const st = s.stated.find((x) => x.factSeq === a.factSeq);
      checkContest(s.terms, s.timeline[a.factSeq - 1], args.actor, receivedAt(args, nowMs), clause);
      need(!!st && !st.contest, 'ALREADY_CONTESTED', `the time of fact ${a.factSeq} is already contested`, clause);
      if (a.proposedAtMs !== undefined && !(Number.isFinite(a.proposedAtMs) && a.proposedAtMs <= nowMs))
        throw invalidInput('proposedAt', 'proposedAt must be an instant not in the future', clause);
      break;
    }
    case 'decideContest': {
      const a = args as DecideContestArgs;
      text(a.reason, 'reason', clause);
      if (a.decision !== 'stated' && a.decision !== 'contested')
        throw invalidInput('decision', 'decision must be stated or contested', clause);
      const st = s.stated.find((x) => x.factSeq === a.factSeq);
      need(
        !!st?.contest && !st.decision,
        'NOT_CONTESTED',
        `the time of fact ${a.factSeq} is not under an open contest`,
        clause,
      );
      break;
    }
  }
}
