// Every Temporal Update the API sends goes through this client interceptor (createApp wraps
// the client once, so no route has to remember it; issue 11, findings 5 and 7):
// - worker down: 503 with Retry-After at once, instead of an update that hangs (one hung 158 s);
// - a request with an Idempotency-Key sends its update with an id derived from that key, so a
//   retry after a 503 or a lost answer attaches to the same update and gets its first answer;
// - an update the server turned away before the workflow saw it (a burst of concurrent updates
//   on one case: "update rejected because it wasn't processed by worker") is sent again, so
//   racing requests get the validator's answer (200 once, 409 otherwise), never a 500.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { Client, isGrpcServiceError, type WorkflowClientInterceptor } from '@temporalio/client';
import type { Pool } from 'pg';
import { workerLiveness as livenessNow } from '../temporal/worker-heartbeat';
import { HttpError } from './errors';
import { WorkerGoneError } from './outage';
import { idempotencyKeyOf } from './validate';

interface RequestScope {
  idempotencyKey: () => string | null;
  actor: () => string | undefined;
  caller: () => Request['actor'];
}
const scope = new AsyncLocalStorage<RequestScope>();

/**
 * Makes the request's Idempotency-Key and actor visible to the interceptor below and to actor
 * signing. The key is read through the one parser (idempotencyKeyOf, issue 10 item 9) when an
 * update is sent, never from the raw header: by then the idempotency layer has answered a
 * malformed key 400, so every route family derives its update id from the same parsed key.
 */
export function requestScope(): RequestHandler {
  return (req, _res, next) => {
    scope.run(
      { idempotencyKey: () => idempotencyKeyOf(req), actor: () => req.actor?.name, caller: () => req.actor },
      next,
    );
  };
}

/** The authenticated caller of the request being served, if any (signed actors, src/security/actor-signing.ts). */
export const requestCaller = (): Request['actor'] => scope.getStore()?.caller();

const NOT_PROCESSED = /wasn't processed by worker|was not processed by worker|workflow update was aborted/i;
const isTurnedAway = (e: unknown): boolean => {
  for (
    let c = e as { cause?: unknown; message?: string; details?: string } | undefined, i = 0;
    c && i < 4;
    c = c.cause as typeof c, i++
  ) {
    if (NOT_PROCESSED.test(`${c.message ?? ''} ${isGrpcServiceError(c) ? c.details : ''}`)) return true;
  }
  return false;
};

export interface GuardOptions {
  pool: Pool;
  taskQueue: string;
  staleSeconds: number;
  now?: () => number;
}

function workerLiveness(o: GuardOptions): () => Promise<boolean> {
  // Read at most every 250 ms, once for all the updates waiting at that moment: the guard sits on every update.
  let checked = 0;
  let alive = true;
  let reading: Promise<boolean> | undefined;
  return async () => {
    if (Date.now() - checked <= 250) return alive;
    reading ??= livenessNow(o.pool, o.taskQueue, o.staleSeconds)
      .then((l) => {
        alive = l.alive;
        checked = Date.now();
        return alive;
      })
      .finally(() => {
        reading = undefined;
      });
    return reading;
  };
}

const workerGone = () =>
  new HttpError(
    503,
    'WORKER_UNAVAILABLE',
    'no worker is running the cases right now; nothing was recorded, retry with the same Idempotency-Key',
    { retryAfterSeconds: 5 },
  );

/**
 * The update's answer, or 503 as soon as the worker is seen gone while it waits (a kill -9 is
 * seen within a second): the update stays with the case, and a retry with the same
 * Idempotency-Key attaches to it (its id is derived from the key) and gets its answer.
 */
async function whileWorkerAlive<T>(update: Promise<T>, alive: () => Promise<boolean>): Promise<T> {
  let watching = true;
  const watch = (async (): Promise<never> => {
    for (;;) {
      await new Promise((r) => setTimeout(r, 250));
      if (!watching) return new Promise<never>(() => undefined);
      if (!(await alive().catch(() => true))) {
        throw new WorkerGoneError();
      }
    }
  })();
  try {
    return await Promise.race([update, watch]);
  } finally {
    watching = false;
    update.catch(() => undefined); // answered 503 already: the update's own end is not this request's
  }
}

export function updateGuard(o: GuardOptions): WorkflowClientInterceptor {
  const alive = workerLiveness(o);
  return {
    async startUpdate(input, next) {
      if (!(await alive())) throw workerGone();
      const s = scope.getStore();
      const key = s?.idempotencyKey();
      const options = key
        ? {
            ...input.options,
            updateId: `idem-${createHash('sha256')
              .update(`${s!.actor() ?? ''}\n${input.updateName}\n${key}`)
              .digest('hex')
              .slice(0, 32)}`,
          }
        : input.options;
      for (let attempt = 1; ; attempt++) {
        try {
          const out = await whileWorkerAlive(next({ ...input, options }), alive);
          // The server answers such an update with a failed outcome, not an error.
          if (!NOT_PROCESSED.test(out.outcome?.failure?.message ?? '') || attempt >= 5) return out;
        } catch (e) {
          if (attempt >= 5 || !isTurnedAway(e)) throw e;
        }
        await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 50));
      }
    },
  };
}

/** The same client (connection, data converter, identity) with the update guard added. */
export function guardedClient(client: Client, o: GuardOptions): Client {
  const w = client.options.interceptors.workflow;
  const given = Array.isArray(w) ? w : []; // the legacy object form is not used in this project
  return new Client({
    connection: client.connection,
    namespace: client.options.namespace,
    identity: client.options.identity,
    // as never: the SDK's options type names only DataConverter, yet its constructor keeps a loaded one as is
    // (base-client.js isLoadedDataConverter), so the codec is not loaded twice.
    dataConverter: client.options.loadedDataConverter as never,
    interceptors: { ...client.options.interceptors, workflow: [...given, updateGuard(o)] },
  });
}
