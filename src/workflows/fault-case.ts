// The fault case workflow (clause 4.9): one long-running workflow per reported fault, wired on
// the case kernel. Durable timers notice the response (4.9.4), analysis document, 12 h on-site
// and 24 h replacement (4.9.2) deadlines passing; lifecycle actions are Updates with synchronous
// validators; verdicts are judged on the facts' own times (fault/duties.ts); every change reaches
// PostgreSQL through the one fenced record write, with its notices and penalty proposals.
import { condition, continueAsNew, setHandler } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import {
  activities,
  attributePublisher,
  historyIsLong,
  localActivities,
  readyToContinue,
  recordCase,
  recordFence,
  recordResyncSignal,
  serialQueue,
  wakeTimer,
} from './kernel';
import { nextDueMs, nextWakeMs } from './fault/duties';
import { awaiting, isBreached, isFinished, isOverdue } from './fault/standing';
import { tick } from './fault/judge';
import { applyTerms, openCase } from './fault/open';
import { enterPast } from './fault/past';
import {
  FAULT_ACTIONS,
  faultStateQuery,
  faultUpdates,
  type ActionBase,
  type ActionResult,
  type FaultCaseInput,
} from './fault/messages';
import { apply, check, type Effect } from './fault/rules';
import { snapshotOf } from './fault/snapshot';
import { syncStated } from './fault/contests';
import type { FaultState } from './fault/state';

export async function faultCaseWorkflow(input: FaultCaseInput): Promise<FaultState> {
  const s = input.carried ?? openCase(input);
  let dirty = false;
  let resync = false; // the API saw an Update fail: write the head even with nothing new (kernel/record.ts)
  const serial = serialQueue();

  const runEffects = (effects: Effect[]) =>
    serial.run(async () => {
      for (const e of effects) await runEffect(s, e);
    });
  // The one record path: new facts, the case row, notices and proposals in one fenced write.
  const flush = () =>
    serial.run(async () => {
      const out = s.outgoing;
      if (
        !resync &&
        s.persistedSeq >= s.timeline.length &&
        !out.notices.length &&
        !out.proposals.length &&
        !out.withdrawals.length
      )
        return;
      resync = false;
      const facts = s.timeline.slice(s.persistedSeq);
      s.persistedSeq = s.timeline.length;
      s.outgoing = { notices: [], proposals: [], withdrawals: [] };
      const r = await recordCase(
        {
          caseId: s.caseId,
          kind: 'fault',
          contractId: s.contractId,
          fence: recordFence(s.continuedAsNew),
          lastSeq: s.timeline.length,
          facts,
          notices: out.notices,
          proposals: out.proposals,
          withdrawals: out.withdrawals,
          penaltyKeys: s.penalties.filter((p) => !p.withdrawn).map((p) => p.key),
          snapshot: snapshotOf(s) as unknown as Record<string, unknown>,
        },
        () => {
          syncStated(s);
          return snapshotOf(s) as unknown as Record<string, unknown>;
        },
      );
      for (const p of s.penalties) p.entryId ??= r.entryIds[p.key];
    });

  setHandler(faultStateQuery, () => s);
  setHandler(recordResyncSignal, () => {
    resync = true;
    dirty = true;
  });
  for (const action of FAULT_ACTIONS) {
    const def = faultUpdates[action] as unknown as UpdateDefinition<ActionResult, [ActionBase]>;
    setHandler(
      def,
      async (args) => {
        await condition(() => s.terms !== undefined); // an action that arrives before the terms are loaded waits for them
        check(action, s, args, Date.now());
        const { fact, effects } = apply(action, s, args, Date.now());
        dirty = true;
        await flush(); // on record before the ledger holds (effects) and before the caller hears back
        await runEffects(effects);
        return { caseId: s.caseId, status: s.status, level: s.level, deadlines: s.deadlines, fact };
      },
      { validator: (args) => check(action, s, args, Date.now()) },
    );
  }

  if (!s.terms) {
    const t = input.intake
      ? { version: input.intake.termsVersion, terms: input.intake.terms }
      : await localActivities.termsAt({ contractId: s.contractId, atMs: s.reportedAtMs });
    // A fault entered at onboarding lives its past at its times first (fault/past.ts).
    if (input.onboarded) enterPast(s, t.version, t.terms, input.onboarded, Date.now());
    else applyTerms(s, t.version, t.terms, Date.now());
  }

  const timer = wakeTimer(() => {
    dirty = true;
  });
  const attributes = attributePublisher(input.intake !== undefined || input.carried !== undefined);
  for (;;) {
    tick(s, Date.now());
    await flush();
    attributes.publish({
      contractId: s.contractId,
      kind: 'fault',
      status: s.status,
      level: s.level,
      breached: isBreached(s),
      awaiting: awaiting(s),
      nextDeadlineMs: nextDueMs(s) ?? null,
      overdue: isOverdue(s),
      title: s.title,
    });
    if (isFinished(s)) break;
    if (
      historyIsLong(input.maxHistoryEvents) &&
      (await readyToContinue(serial.idle, () => s.persistedSeq >= s.timeline.length))
    ) {
      s.continuedAsNew += 1;
      await continueAsNew<typeof faultCaseWorkflow>({ ...input, carried: s });
    }
    timer.arm(nextWakeMs(s));
    dirty = false;
    await condition(() => dirty);
  }
  timer.arm(undefined);
  await readyToContinue(serial.idle, () => true);
  return s;
}

async function runEffect(s: FaultState, e: Effect): Promise<void> {
  if (e.type === 'hold')
    await activities.holdCasePenalties({ caseId: s.caseId, held: e.held, reason: e.reason, actor: e.actor });
  else await activities.waiveCasePenalties({ caseId: s.caseId, reason: e.reason, actor: e.actor });
}
