// Who may do what, when, on a fault case (4.9.2-4.9.4), and what each action changes. check()
// is synchronous so the update validators can refuse before anything reaches history; apply()
// is pure so the same rules run in the handler after the terms are loaded. Every action may
// state when it happened (occurredAtMs, issue 10); deadlines are judged on those times.
import { forbiddenAction, invalidInput, ruleViolation } from '../failures';
import { FAULT_LEVELS } from '../../domain/faults';
import { checkContest, statedInstant, type StatedInstant } from '../kernel/stated-times';
import type { Fact } from '../kernel/facts';
import { addFact, fulfil, judge, latest, reconcile } from './duties';
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
import { applyReview, applySubmit, checkReview, checkSubmit } from './analysis';
import { applyContest, applyContestDecision, noteStated } from './contests';
import type { FaultState } from './state';

/** An effect run by an ordinary activity after the action's record write (ledger holds and waivers, 4.9.2). */
export type Effect =
  { type: 'hold'; held: boolean; reason: string; actor: string } | { type: 'waive'; reason: string; actor: string };

const VENDOR = ['vendor-engineer'];
const HOSPITAL = ['hospital-operator', 'hospital-approver'];
const BOTH = [...VENDOR, ...HOSPITAL];
const ROLES: Record<FaultAction, string[]> = {
  respond: VENDOR,
  investigate: VENDOR,
  submitAnalysis: VENDOR,
  onsiteArrived: VENDOR,
  replacementProvided: VENDOR,
  resolve: VENDOR,
  claimExclusion: VENDOR,
  reviewAnalysis: HOSPITAL,
  confirmFix: HOSPITAL,
  reopen: HOSPITAL,
  regrade: HOSPITAL,
  decideExclusion: HOSPITAL,
  contestTime: BOTH,
  decideContest: ['hospital-approver'],
};
export const CLAUSE: Record<FaultAction, string> = {
  respond: '4.9.4',
  investigate: '4.9.2',
  submitAnalysis: '4.9.2',
  reviewAnalysis: '4.9.2',
  onsiteArrived: '4.9.2',
  replacementProvided: '4.9.2',
  resolve: '4.9.2',
  confirmFix: '4.9.2',
  reopen: '4.9.2',
  regrade: '4.9.3',
  claimExclusion: '4.9.2',
  decideExclusion: '4.9.2',
  contestTime: '4.9',
  decideContest: '6',
};
/** The kind of fact each action records, for its back-dating window (terms statedTimes.backdateHours). */
export const FACT_KIND: Record<FaultAction, string> = {
  respond: 'respond',
  investigate: 'investigate',
  submitAnalysis: 'analysis',
  reviewAnalysis: 'analysisReview',
  onsiteArrived: 'onsite',
  replacementProvided: 'replacement',
  resolve: 'resolve',
  confirmFix: 'confirm',
  reopen: 'reopen',
  regrade: 'regrade',
  claimExclusion: 'exclusionClaim',
  decideExclusion: 'exclusionDecision',
  contestTime: 'contest',
  decideContest: 'contestDecision',
};
const WORKING: FaultState['status'][] = ['responded', 'investigating'];
const TIMELESS: FaultAction[] = ['contestTime', 'decideContest', 'reviewAnalysis']; // recorded now: about another fact (its time, its document)

function need(ok: boolean, code: string, message: string, clause: string): void {
  if (!ok) throw ruleViolation(code, message, clause);
}
function text(value: unknown, field: string, clause: string): void {
  if (typeof value !== 'string' || value.trim() === '') throw invalidInput(field, `${field} is required`, clause);
}

/**
 * When the platform received the action: the API's receipt, never later than workflow time. A
 * worker that was stopped or behind processes it later; the fact happened when it was sent.
 */
export const receivedAt = (args: ActionBase, nowMs: number) =>
  typeof args.receivedAtMs === 'number' && args.receivedAtMs <= nowMs ? args.receivedAtMs : nowMs;

/** The action's stated time, validated against its kind's window (throws 400/409 naming the rule). */
export function stated(action: FaultAction, s: FaultState, args: ActionBase, nowMs: number): StatedInstant {
  const at = receivedAt(args, nowMs);
  if (TIMELESS.includes(action)) return { occurredAt: at };
  return statedInstant(s.terms, FACT_KIND[action], args.actor, at, args.occurredAtMs, CLAUSE[action], {
    notBeforeMs: s.reportedAtMs,
  });
}

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

/** Applies an action already checked; returns the recorded fact and the effects to run after the record write. */
export function apply(
  action: FaultAction,
  s: FaultState,
  args: ActionBase,
  nowMs: number,
): { fact: Fact; effects: Effect[] } {
  const clause = CLAUSE[action];
  const effects: Effect[] = [];
  const a = args as never as Record<string, unknown>;
  const note = a.note === undefined ? {} : { note: a.note };
  const time = stated(action, s, args, nowMs);
  const at = time.occurredAt;
  const record = (type: string, detail: Record<string, unknown>) =>
    addFact(s, nowMs, type, args.actor, detail, clause, time);
  let fact: Fact;
  switch (action) {
    case 'respond': {
      const r = args as RespondArgs;
      s.status = 'responded';
      s.response = { by: r.engineer, how: r.how, atMs: at };
      fact = record('case.responded', { engineer: r.engineer, how: r.how, ...note });
      Object.assign(fact.detail, fulfil(s, 'response', at, fact.seq));
      reconcile(s, nowMs, 'response recorded'); // the on-site clock may run from the response (terms reading)
      break;
    }
    case 'investigate':
      s.status = 'investigating';
      fact = record('case.investigating', { ...note });
      break;
    case 'submitAnalysis':
      fact = applySubmit(s, args as AnalysisArgs, at, record);
      break;
    case 'reviewAnalysis':
      fact = applyReview(s, args as ReviewAnalysisArgs, record);
      break;
    case 'onsiteArrived':
      fact = record('onsite.arrived', { engineer: (args as OnsiteArgs).engineer, round: s.round, ...note });
      Object.assign(fact.detail, fulfil(s, 'onsite', at, fact.seq));
      break;
    case 'replacementProvided':
      fact = record('replacement.provided', {
        description: (args as ReplacementArgs).description,
        round: s.round,
        ...note,
      });
      Object.assign(fact.detail, fulfil(s, 'replacement', at, fact.seq));
      break;
    case 'resolve':
      s.status = 'resolved';
      s.resolution = { atMs: at, by: args.actor.name, summary: (args as ResolveArgs).summary };
      fact = record('case.resolved', { summary: (args as ResolveArgs).summary, round: s.round });
      // The hospital's move: confirm the fix or reopen (4.9.2).
      s.outgoing.notices.push({
        key: `${s.caseId}:resolved-${s.round}`,
        topic: 'fault.resolved',
        factSeq: fact.seq,
        recipients: 'hospital',
        subject: `Fault ${s.caseId} resolved: the hospital confirms or reopens (clause 4.9.2)`,
        body: {
          caseId: s.caseId,
          summary: (args as ResolveArgs).summary,
          round: s.round,
          resolvedAt: new Date(at).toISOString(),
          clause: '4.9.2',
        },
      });
      // 4.9.2 applies only while unresolved: a resolution by the due time ends the resolution clocks of this round.
      for (const d of s.deadlines)
        if (d.round === s.round && (d.kind === 'onsite' || d.kind === 'replacement') && d.doneAtMs === undefined)
          d.resolvedAtMs = at;
      break;
    case 'confirmFix':
      s.status = 'closed';
      fact = record('case.confirmed', { ...note });
      break;
    case 'reopen':
      s.status = 'investigating';
      s.round += 1;
      s.resolution = undefined;
      fact = record('case.reopened', { reason: (args as ReopenArgs).reason, round: s.round });
      reconcile(s, nowMs, `reopened: the 12 h / 24 h clocks restart (round ${s.round})`);
      {
        // The vendor's move again (4.9.2): its restarted on-site clock, if the case has one.
        const onsite = latest(s, 'onsite');
        s.outgoing.notices.push({
          key: `${s.caseId}:reopened-${s.round}`,
          topic: 'fault.reopened',
          factSeq: fact.seq,
          recipients: 'vendor',
          subject: `Fault ${s.caseId} reopened by the hospital (clause 4.9.2)`,
          body: {
            caseId: s.caseId,
            reason: (args as ReopenArgs).reason,
            round: s.round,
            clause: '4.9.2',
            ...(onsite?.round === s.round ? { dueAt: new Date(onsite.dueMs).toISOString(), deadline: onsite.id } : {}),
          },
        });
      }
      break;
    case 'regrade': {
      const r = args as RegradeArgs;
      const from = s.level;
      s.level = r.level;
      if (r.level <= 2) s.affectsOperations = true; // 4.9.3: levels 1-2 stop business by definition
      fact = record('case.regraded', { from, to: r.level, reason: r.reason });
      reconcile(s, nowMs, `re-graded from level ${from} to ${r.level}; deadlines recomputed from the report time`);
      break;
    }
    case 'claimExclusion': {
      const r = args as ClaimExclusionArgs;
      s.exclusions.push({
        status: 'open',
        cause: r.cause,
        evidence: r.evidence,
        explanation: r.explanation,
        claimedBy: args.actor.name,
        claimedAtMs: at,
      });
      for (const p of s.penalties) p.held = true;
      fact = record('exclusion.claimed', { cause: r.cause, evidence: r.evidence, explanation: r.explanation });
      effects.push({
        type: 'hold',
        held: true,
        reason: `exclusion claimed (${r.cause}), clause 4.9.2`,
        actor: args.actor.name,
      });
      s.outgoing.notices.push({
        key: `${s.caseId}:exclusion-${s.exclusions.length}`,
        topic: 'fault.exclusion',
        factSeq: fact.seq,
        recipients: 'hospital',
        subject: `Fault ${s.caseId}: the vendor claims an exclusion (${r.cause}, clause 4.9.2)`,
        body: { caseId: s.caseId, cause: r.cause, evidence: r.evidence },
      });
      break;
    }
    case 'decideExclusion': {
      const r = args as DecideExclusionArgs;
      const x = s.exclusions.find((e) => e.status === 'open')!;
      x.status = r.decision === 'accept' ? 'accepted' : 'rejected';
      x.decidedBy = args.actor.name;
      x.decidedAtMs = at;
      x.reason = r.reason;
      for (const p of s.penalties) {
        p.held = false;
        if (r.decision === 'accept') p.waived = true;
      }
      fact = record(`exclusion.${x.status}`, { cause: x.cause, reason: r.reason });
      effects.push(
        r.decision === 'accept'
          ? {
              type: 'waive',
              reason: `exclusion accepted (${x.cause}, clause 4.9.2): ${r.reason}`,
              actor: args.actor.name,
            }
          : {
              type: 'hold',
              held: false,
              reason: `exclusion rejected (clause 4.9.2): ${r.reason}`,
              actor: args.actor.name,
            },
      );
      break;
    }
    case 'contestTime':
      fact = applyContest(s, args as ContestTimeArgs, nowMs, clause);
      break;
    case 'decideContest':
      fact = applyContestDecision(s, args as DecideContestArgs, nowMs, clause);
      break;
  }
  noteStated(s, fact!);
  judge(s, nowMs);
  return { fact: fact!, effects };
}
