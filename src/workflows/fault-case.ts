// The fault case workflow (clause 4.9): one long-running workflow per reported fault. Durable
// timers enforce the response (4.9.4), analysis document, 12 h on-site and 24 h replacement
// (4.9.2) deadlines; lifecycle actions are Updates with synchronous validators; every fact is
// written to PostgreSQL by an idempotent activity keyed by workflow id + fact seq.
import {
  CancellationScope, allHandlersFinished, condition, continueAsNew, proxyActivities, proxyLocalActivities, setHandler, sleep,
  upsertSearchAttributes, workflowInfo,
} from '@temporalio/workflow';
import { faultServicePenalty, mergeTerms, type TermsOverrides } from '../domain';
import type { UpdateDefinition } from '@temporalio/common';
import { SA } from '../temporal/search-attributes';
import { SYSTEM, addFact, awaiting, isBreached, isFinished, nextDueMs, nextWakeMs, reconcile, tick, type Effect } from './fault/deadlines';
import { FAULT_ACTIONS, faultStateQuery, faultUpdates, type ActionBase, type ActionResult, type FaultCaseInput, type FaultState } from './fault/model';
import { apply, check } from './fault/rules';
import { snapshotOf, type FaultFactsBatch } from './fault/snapshot';


/** The activities this workflow calls (contract core: terms and ledger; notifications; fault records). */
export interface FaultActivities {
  termsAt(a: { contractId: string; atMs: number }): Promise<{ version: number; terms: unknown }>;
  proposePenalty(p: {
    key: string; contractId: string; clause: string; termsVersion: number; caseKind: string; caseId: string; fact: string; dueAt?: string;
    lateByMs?: number; amountFen: string; basis: string; reading?: string; occurredAt: string; held?: boolean;
  }): Promise<{ entryId: string; created: boolean }>;
  holdCasePenalties(a: { caseId: string; held: boolean; reason: string; actor: string }): Promise<number>;
  waiveCasePenalties(a: { caseId: string; reason: string; actor: string }): Promise<number>;
  notify(n: { key: string; topic: string; contractId?: string; subject: string; body: Record<string, unknown> }): Promise<void>;
  recordFaultFact(batch: FaultFactsBatch): Promise<void>;
}

const acts = proxyActivities<FaultActivities>({ startToCloseTimeout: '30 seconds', retry: { maximumInterval: '1 minute' } });
// Local: one marker event instead of three and no extra workflow task, so a breach costs one
// workflow task (record, propose, notify) and a case's history stays small. Local activities
// retry with backoff like ordinary ones (the ledger's key makes a retried proposal a no-op).
const local = proxyLocalActivities<Pick<FaultActivities, 'recordFaultFact' | 'termsAt' | 'notify' | 'proposePenalty'>>({ startToCloseTimeout: '30 seconds', retry: { maximumInterval: '1 minute' } });

/** Continue as new past this many events even if the server does not suggest it yet. */
const HISTORY_CAP = 5_000;

function initialState(i: FaultCaseInput): FaultState {
  const s: FaultState = {
    caseId: i.caseId, contractId: i.contractId, caseNo: i.caseNo, title: i.title, description: i.description, channel: i.channel, reporter: i.reporter,
    reportedAtMs: i.reportedAtMs, level: i.level, affectsOperations: i.level <= 2 || i.affectsOperations, status: 'reported', round: 1,
    exclusions: [], deadlines: [], penalties: [], timeline: [], persistedSeq: 0, continuedAsNew: 0,
  };
  addFact(s, i.reportedAtMs, 'case.reported', i.reportedBy, {
    level: i.level, title: i.title, channel: i.channel, reporter: i.reporter, affectsOperations: s.affectsOperations,
  }, '4.9.3');
  return s;
}

export async function faultCaseWorkflow(input: FaultCaseInput): Promise<FaultState> {
  const s = input.carried ?? initialState(input);
  let dirty = false;
  let chain: Promise<unknown> = Promise.resolve();
  // Effects and record writes run one at a time, in the order the facts happened.
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const p = chain.then(fn);
    chain = p.catch(() => undefined);
    return p;
  };

  const runEffects = (effects: Effect[]) => serial(async () => {
    for (const e of effects) await runEffect(s, e);
  });
  const flush = () => serial(async () => {
    if (s.persistedSeq >= s.timeline.length) return;
    const facts = s.timeline.slice(s.persistedSeq);
    s.persistedSeq = s.timeline.length;
    await local.recordFaultFact({ snapshot: snapshotOf(s), facts });
  });

  setHandler(faultStateQuery, () => s);
  for (const action of FAULT_ACTIONS) {
    const def = faultUpdates[action] as unknown as UpdateDefinition<ActionResult, [ActionBase]>;
    setHandler(def, async (args) => {
      await condition(() => s.terms !== undefined); // an action that arrives before the terms are loaded waits for them
      check(action, s, args);
      const { fact, effects } = apply(action, s, args, Date.now());
      dirty = true;
      await runEffects(effects);
      await flush();
      return { caseId: s.caseId, status: s.status, level: s.level, deadlines: s.deadlines, fact };
    }, { validator: (args) => check(action, s, args) });
  }

  if (!s.terms) {
    // 3: the terms version in force at the report judges the case, whatever is amended later.
    const t = input.intake ? { version: input.intake.termsVersion, terms: input.intake.terms } : await local.termsAt({ contractId: s.contractId, atMs: s.reportedAtMs });
    s.terms = mergeTerms(t.terms as TermsOverrides); // validated when stored (terms-schema.ts)
    s.termsVersion = t.version;
    addFact(s, Date.now(), 'terms.applied', SYSTEM, { termsVersion: t.version }, '3');
    await runEffects(reconcile(s, Date.now(), 'case reported'));
  }

  const timer = wakeTimer(() => { dirty = true; });
  // An intake's start set the attributes already: upsert only what differs (an upsert is a
  // history event and a visibility write per case).
  let lastSa = input.intake ? attributesSignature(startAttributes()) : '';
  for (;;) {
    const effects = tick(s, Date.now());
    await flush(); // the breach is on record first (same workflow task); the ledger and notices follow
    await runEffects(effects);
    await flush();
    lastSa = upsertAttributes(s, lastSa);
    if (isFinished(s)) break;
    const info = workflowInfo();
    if (info.continueAsNewSuggested || info.historyLength > (input.maxHistoryEvents ?? HISTORY_CAP)) {
      await condition(allHandlersFinished);
      await chain;
      if (s.persistedSeq >= s.timeline.length) {
        s.continuedAsNew += 1;
        await continueAsNew<typeof faultCaseWorkflow>({ ...input, carried: s });
      }
    }
    timer.arm(nextWakeMs(s));
    dirty = false;
    await condition(() => dirty);
  }
  timer.arm(undefined);
  await condition(allHandlersFinished);
  await chain;
  return s;
}

/**
 * One durable timer for the earliest pending warning or due time. It is re-armed only when that
 * instant changes, so an action that leaves the next deadline alone costs no timer events.
 *
 * Two stages: a timer's duration is counted from workflow time (its workflow task's start) but
 * the server starts it when the task completes, after the task's local activities, so a timer
 * armed by a busy task fires late by that task's run time (measured: 0.5-2.5 s under load,
 * bench/README.md). So the timer wakes early, in a task that only re-arms the exact remainder
 * and completes at once. The remainder is kept at 2 s or more: the dev server fires a timer of
 * under a second up to a second late (measured), longer ones within a few milliseconds.
 */
const EARLY_MIN_MS = 2_000;
const EARLY_MAX_MS = 30_000;
function wakeTimer(onFire: () => void) {
  let at: number | undefined;
  let scope: CancellationScope | undefined;
  let earlyDoneFor: number | undefined; // the instant whose early wake has happened
  return {
    arm(next: number | undefined) {
      if (next === at && scope) return;
      scope?.cancel();
      scope = undefined;
      at = next;
      if (next === undefined) return;
      const remaining = next - Date.now();
      const early = earlyDoneFor !== next && remaining >= 2 * EARLY_MIN_MS;
      const lead = early ? Math.min(EARLY_MAX_MS, Math.max(EARLY_MIN_MS, Math.floor(remaining / 4))) : 0;
      const mine = new CancellationScope();
      scope = mine;
      mine.run(() => sleep(Math.max(1, remaining - lead))).then(() => {
        if (scope === mine) { scope = undefined; at = undefined; }
        if (early) earlyDoneFor = next;
        onFire();
      }, () => undefined);
    },
  };
}

async function runEffect(s: FaultState, e: Effect): Promise<void> {
  switch (e.type) {
    case 'notify':
      await local.notify({ key: e.key, topic: e.topic, contractId: s.contractId, subject: e.subject, body: e.body });
      return;
    case 'hold':
      await acts.holdCasePenalties({ caseId: s.caseId, held: e.held, reason: e.reason, actor: e.actor });
      return;
    case 'waive':
      await acts.waiveCasePenalties({ caseId: s.caseId, reason: e.reason, actor: e.actor });
      return;
    case 'propose': {
      const p = s.penalties.find((x) => x.key === e.penaltyKey)!;
      const d = s.deadlines.find((x) => x.id === p.deadlineId)!;
      const item = faultServicePenalty(s.terms);
      const r = await local.proposePenalty({
        key: p.key, contractId: s.contractId, clause: p.clause, termsVersion: s.termsVersion ?? 1, caseKind: 'fault', caseId: s.caseId,
        fact: `fault ${s.caseId} (level ${s.level}): ${d.kind} deadline of clause ${d.clause} breached`, dueAt: new Date(p.dueMs).toISOString(),
        lateByMs: p.lateByMs, amountFen: p.amountFen, basis: item.basis, ...(d.reading ? { reading: d.reading } : {}),
        occurredAt: new Date(d.breachedAtMs ?? Date.now()).toISOString(), held: p.held,
      });
      p.entryId = r.entryId;
    }
  }
}

/** Search attributes for the Web UI; upserted only when they change (each upsert is a history event). */
interface AttributeValues { status: string; level: number; breached: boolean; awaiting: string; next: number | undefined }
const attributesSignature = (v: AttributeValues) => JSON.stringify([v.status, v.level, v.breached, v.awaiting, v.next ?? null]);

/** The attributes this run started with (from its start event: deterministic on replay). */
function startAttributes(): AttributeValues {
  const a = workflowInfo().typedSearchAttributes;
  return {
    status: a.get(SA.status) ?? '', level: a.get(SA.level) ?? 0, breached: a.get(SA.breached) ?? false, awaiting: a.get(SA.awaiting) ?? '',
    next: a.get(SA.nextDeadline)?.getTime(),
  };
}

function upsertAttributes(s: FaultState, last: string): string {
  const next = nextDueMs(s);
  const values = { status: s.status, level: s.level, breached: isBreached(s), awaiting: awaiting(s), next };
  const sig = attributesSignature(values);
  if (sig === last) return last;
  upsertSearchAttributes([
    { key: SA.contractId, value: s.contractId },
    { key: SA.kind, value: 'fault' },
    { key: SA.status, value: s.status },
    { key: SA.level, value: s.level },
    { key: SA.breached, value: values.breached },
    { key: SA.awaiting, value: values.awaiting },
    { key: SA.nextDeadline, value: next === undefined ? null : new Date(next) },
  ]);
  return sig;
}
