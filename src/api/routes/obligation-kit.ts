// What every obligation route family shares (issue 6, issue 10, issue 15): the stated time of
// an action, the caller as a workflow actor, the start of a workflow with a fixed business id,
// the record view of a read, and the handler of a declared route that sends one Update to its
// case. The contest of a stated time and its decision: contest-routes.ts.
import type { Request } from 'express';
import { WorkflowExecutionAlreadyStartedError, type WorkflowHandle } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { z } from 'zod';
import { actorOf, assertContractAccess } from '../auth';
import type { ApiDeps } from '../deps';
import { withRecordResync } from '../record-resync';
import { instantSchema, onOpenCase } from '../validate';
import { SA } from '../../temporal/search-attributes';
import { caseStartMetadata, type CaseAbout } from '../../temporal/case-summaries';
import type { ObligationRecordRow } from '../../db/queries/obligations';
import { caseRecorded } from '../../db/queries/case-records';
import type { Locale } from '../../i18n/locale';
import { recordTextsIn } from '../../i18n/record-texts';

export const text = (max = 2000) => z.string().trim().min(1).max(max);
// When the fact happened, stated by the caller (default now); the workflow checks its kind's back-dating window (issue 10).
export const occurredAt = instantSchema
  .optional()
  .describe("when it happened (default now); earlier than now is the caller's claim, contestable by the other party");
/** A body as the workflow's payload: its ISO instants (occurredAt, proposedAt) as epoch ms. */
export type WorkflowArgs<B> = Omit<B, 'occurredAt' | 'proposedAt'> & { occurredAtMs?: number; proposedAtMs?: number };
/** ISO instants of the body become epoch ms for the workflow (its payloads carry ms). */
export function toWorkflowArgs<B extends object>(body: B): WorkflowArgs<B> {
  const { occurredAt: o, proposedAt: p, ...rest } = body as B & { occurredAt?: unknown; proposedAt?: unknown };
  return {
    ...rest,
    ...(typeof o === 'string' ? { occurredAtMs: Date.parse(o) } : {}),
    ...(typeof p === 'string' ? { proposedAtMs: Date.parse(p) } : {}),
  };
}
/** Every action's body may state when its fact happened. */
export const withOccurredAt = <Shape extends z.ZodRawShape, Config extends z.core.$ZodObjectConfig>(
  schema: z.ZodObject<Shape, Config>,
) => schema.extend({ occurredAt });

/** The path of a contract's routes: `id` is the contract id. */
export const ContractParams = z.object({ id: z.string().describe('contract id') });

export function contractOf(req: Request): string {
  const id = String(req.params.id);
  assertContractAccess(actorOf(req), id);
  return id;
}
export const actorArg = (req: Request) => ({ name: actorOf(req).name, role: actorOf(req).role });
/**
 * An Update's arguments: the body as the workflow's payload and the caller as its actor. Typed
 * from the body's schema, so a family's args that rename or add a required field fail to compile.
 */
export const updateArgs = <B extends object>(req: Request, body: B) => ({
  ...toWorkflowArgs(body),
  actor: actorArg(req),
});

/**
 * Starts a workflow (by its function; args typed by its input, so a renamed field fails to
 * compile) with a fixed business id; one already
 * started (or finished) is success. It starts with the Web UI's summary and details (issue 15;
 * about: the case's title and clause, src/temporal/case-summaries.ts).
 */
export async function startOnce<I>(
  deps: ApiDeps,
  workflow: (input: I) => Promise<unknown>,
  workflowId: string,
  kind: string,
  contractId: string,
  args: [NoInfer<I>],
  about: CaseAbout = {},
): Promise<boolean> {
  const meta = caseStartMetadata(kind, workflowId, contractId, {
    ...about,
    line: { awaiting: 'vendor', breached: false },
  });
  try {
    await deps.temporal.workflow.start<(input: I) => Promise<unknown>>(workflow, {
      taskQueue: deps.config.TEMPORAL_TASK_QUEUE,
      workflowId,
      args,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      staticSummary: meta.staticSummary,
      staticDetails: meta.staticDetails,
      typedSearchAttributes: [
        { key: SA.contractId, value: contractId },
        { key: SA.kind, value: kind },
        { key: SA.awaiting, value: 'vendor' },
        { key: SA.breached, value: false },
        { key: SA.summary, value: meta.listLine },
      ],
    });
    return true;
  } catch (e) {
    if (e instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw e;
  }
}

/**
 * An obligation as its record holds it: the workflow's state (facts with their times, deadlines,
 * penalties) and where the record stands, including a close made outside the API (item 8). The
 * texts the workflow wrote into the state are in the answer's language (issue 15).
 */
export function recordView(o: ObligationRecordRow, locale: Locale): Record<string, unknown> {
  return {
    ...recordTextsIn(o.state as Record<string, unknown>, locale),
    record: {
      status: o.status,
      awaiting: o.awaiting,
      breached: o.breached,
      nextDeadlineAt: o.nextDeadlineAt,
      version: o.version,
      updatedAt: o.updatedAt,
      closed: o.closedAt ? { at: o.closedAt, how: o.closedHow } : null,
    },
  };
}

/**
 * Sends one Update to a case and answers with its result: refused updates answer 4xx with the
 * rule (the validators), an Update that failed unanswered resyncs the record, and an update to
 * a finished case is a 409 naming the clause, not a 404 (onOpenCase, issue 10 item 9), also
 * once its workflow is gone from Temporal: the case's record in PostgreSQL says it existed.
 */
export async function sendUpdate<T>(
  deps: ApiDeps,
  handle: WorkflowHandle,
  what: string,
  clause: string,
  run: () => Promise<T>,
  recorded?: () => Promise<boolean>,
): Promise<T> {
  const existed = recorded ?? (() => caseRecorded(deps.pool, handle.workflowId));
  return onOpenCase(handle, what, clause, () => withRecordResync(deps.temporal, handle, deps.log, run), existed);
}
