// The fault case's apply(): pure, so the same rules run in the handler after the terms are
// loaded; it records the action's fact at its stated time and returns the effects to run after
// the record write. Part of the family's rules (rules.ts).
import type { Fact } from '../kernel/facts';
import { addFact, fulfil, latest, reconcile } from './duties';
import { judge } from './judge';
import type {
  ActionBase,
  AnalysisArgs,
  ClaimExclusionArgs,
  ContestTimeArgs,
  DecideContestArgs,
  DecideExclusionArgs,
  FaultAction,
  NoteArgs,
  OnsiteArgs,
  RegradeArgs,
  ReopenArgs,
  ReplacementArgs,
  RespondArgs,
  ResolveArgs,
  ReviewAnalysisArgs,
} from './messages';
import { applyReview, applySubmit } from './analysis';
import { applyContest, applyContestDecision, noteStated } from './contests';
import type { FaultState } from './state';
import { CLAUSE, stated } from './action-table';
import { applyClaimExclusion, applyDecideExclusion, type Effect } from './exclusions';

export type { Effect } from './exclusions';

/** Applies an action already checked; returns the recorded fact and the effects to run after the record write. */
export function apply(
  action: FaultAction,
  s: FaultState,
  args: ActionBase,
  nowMs: number,
): { fact: Fact; effects: Effect[] } {
  const clause = CLAUSE[action];
  const effects: Effect[] = [];
  const { note: n } = args as NoteArgs; // every action may carry a note
  const note = n === undefined ? {} : { note: n };
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
    case 'claimExclusion':
      fact = applyClaimExclusion(s, args as ClaimExclusionArgs, at, record, effects);
      break;
    case 'decideExclusion':
      fact = applyDecideExclusion(s, args as DecideExclusionArgs, at, record, effects);
      break;
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
