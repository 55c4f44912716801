// Routing step of the dispatcher: turns committed outbox rows into delivery rows, in one
// transaction per batch (each row exactly once: rows are locked, deliveries are keyed by
// message, endpoint and language, and the row is stamped routed_at in the same commit).
import type { Pool } from 'pg';
import type { Logger } from '../logger';
import { inTransaction } from '../db/pool';
import {
  caseFacts,
  insertDeliveries,
  lockUnrouted,
  markRouted,
  subscriptions,
  type CaseFacts,
  type NewDelivery,
} from '../db/queries/notifications';
import type { DueDelivery } from '../db/queries/deliveries';
import { faultDeadlines } from '../domain/faults';
import { mergeTerms, type FaultLevel, type TermsOverrides } from '../domain/terms';
import { linkOf } from './message-subject';
import { renderMessage, type MessageContext } from './messages';
import type { Channel, Language, OutboxMessage, PlannedDelivery, Subscriptions } from './model';
import { planDeliveries, targetOf } from './routing';

export interface RouterOptions {
  /** Public base URL of the API: links in messages point to `<base>/faults/<caseId>`. */
  publicBaseUrl: string;
  /** A webhook that receives every message (NOTIFY_WEBHOOK_URL), in Chinese. */
  catchAll?: Extract<Channel, { type: 'webhook' }>;
  batch: number;
}

/** A routed batch: how many rows, and the deliveries claimed for their first attempt now (after commit). */
export interface Routed {
  routed: number;
  due: DueDelivery[];
}

const NOBODY: Subscriptions = { people: [], shifts: [], escalation: [], routes: {} };

/** What a message says about its case: level and title from fault_cases, the due time from the body or the terms. */
export function contextOf(msg: OutboxMessage, c: CaseFacts | undefined, baseUrl: string): MessageContext {
  const b = msg.body;
  const caseId = typeof b.caseId === 'string' ? b.caseId : undefined;
  const link = linkOf(msg, baseUrl);
  const level = c?.level ?? (typeof b.level === 'number' ? b.level : undefined);
  let due: MessageContext['due'];
  if (typeof b.dueAt === 'string' && typeof b.clause === 'string') {
    due = {
      kind: typeof b.deadline === 'string' ? b.deadline : 'response',
      dueMs: Date.parse(b.dueAt),
      clause: b.clause,
    };
  } else if (msg.topic === 'fault.reported' && c && level) {
    // A new fault's first duty is the response (4.9.4), under the terms in force at the report.
    const d = faultDeadlines(
      c.reportedAtMs,
      level as FaultLevel,
      c.affectsOperations,
      mergeTerms((c.terms ?? {}) as TermsOverrides),
    )[0];
    if (d) due = { kind: d.kind, dueMs: d.dueMs, clause: d.clause };
  }
  return {
    ...(caseId ? { caseId } : {}),
    ...(level ? { level } : {}),
    ...(c?.title ? { caseTitle: c.title } : {}),
    ...(due ? { due } : {}),
    link,
  };
}

/** Routes up to one batch of outbox rows in one transaction of a fixed number of statements. */
export async function routeBatch(
  pool: Pool,
  log: Logger,
  opts: RouterOptions,
  nowMs: number,
  leaseMs: number,
): Promise<Routed> {
  return inTransaction(pool, async (tx) => {
    const msgs = await lockUnrouted(tx, opts.batch);
    if (!msgs.length) return { routed: 0, due: [] };
    const cases = await caseFacts(tx, [
      ...new Set(msgs.map((m) => m.body.caseId).filter((x): x is string => typeof x === 'string')),
    ]);
    const subs = new Map<string, Subscriptions>();
    const planned: NewDelivery[] = [];
    for (const m of msgs) {
      if (m.contractId && !subs.has(m.contractId)) subs.set(m.contractId, await subscriptions(tx, m.contractId));
      try {
        const ctx = contextOf(m, cases.get(String(m.body.caseId)), opts.publicBaseUrl);
        const plans: PlannedDelivery[] = planDeliveries(m, (m.contractId && subs.get(m.contractId)) || NOBODY, {
          nowMs,
          ...(ctx.level ? { level: ctx.level } : {}),
        });
        if (opts.catchAll)
          plans.push({
            channel: 'webhook',
            target: targetOf(opts.catchAll),
            spec: opts.catchAll,
            language: 'zh-CN' as Language,
            recipients: [],
            notBeforeMs: nowMs,
          });
        for (const plan of plans) planned.push({ msg: m, plan, message: renderMessage(m, ctx, plan.language) });
      } catch (err) {
        // A message that cannot be planned must not hold back the others: it is routed to no one and logged.
        log.error({ err, key: m.key, topic: m.topic }, 'notification could not be routed');
      }
    }
    const claimed = await insertDeliveries(tx, planned, nowMs, leaseMs);
    await markRouted(
      tx,
      msgs.map((m) => m.key),
    );
    const due = [...claimed].map(([d, id]): DueDelivery => ({
      id,
      outboxKey: d.msg.key,
      topic: d.msg.topic,
      contractId: d.msg.contractId,
      channel: d.plan.channel,
      language: d.plan.language,
      spec: d.plan.spec,
      message: d.message,
      recipients: d.plan.recipients,
      attempts: 1,
      data: d.msg.body,
    }));
    return { routed: msgs.length, due };
  });
}
