// The delivery dispatcher, run in the worker process (no Temporal workflow per message): it
// wakes on LISTEN weibao_outbox (a trigger of migration 040) or every pollMs, routes new
// outbox rows and sends due deliveries concurrently, each bounded by a timeout, so a receiver
// that is down or slow holds one slot and delays nothing else. Failures back off
// exponentially; after maxAttempts the delivery is dead (kept, visible, counted).
import type { Pool, PoolClient } from 'pg';
import type { Logger } from '../logger';
import { claimDue, finishAttempt, type DueDelivery } from '../db/queries/deliveries';
import type { Send } from './channels';
import { routeBatch, type RouterOptions } from './router';

export interface DispatcherOptions extends RouterOptions {
  pollMs: number;
  concurrency: number;
  sendTimeoutMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  maxAttempts: number;
}

export interface Dispatcher {
  wake(): void;
  stop(): Promise<void>;
}

/** Backoff before attempt n+1 after n failures: base * 2^(n-1), capped, with ±20 % jitter so receivers coming back are not stampeded. */
export function backoffMs(failures: number, baseMs: number, maxMs: number, random = Math.random): number {
  const raw = Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(raw * (0.8 + 0.4 * random()));
}

export function startDispatcher(deps: { pool: Pool; log: Logger; send: Send; options: DispatcherOptions }): Dispatcher {
  const { pool, log, send, options: o } = deps;
  const leaseMs = Math.max(60_000, o.sendTimeoutMs * 3);
  let running = true;
  let woken = false;
  let wakeUp: (() => void) | undefined;
  const inFlight = new Set<Promise<void>>();
  let listener: PoolClient | undefined;

  const wake = () => {
    woken = true;
    wakeUp?.();
  };
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || !running) return resolve();
      const t = setTimeout(resolve, ms);
      wakeUp = () => {
        clearTimeout(t);
        resolve();
      };
    }).finally(() => {
      wakeUp = undefined;
      woken = false;
    });

  async function listen(): Promise<void> {
    try {
      const c = await pool.connect();
      c.on('notification', wake);
      c.on('error', (err) => {
        log.warn({ reason: err.message }, 'notification listener lost; polling until it is back');
        c.release(true);
        if (listener === c) listener = undefined;
      });
      await c.query('LISTEN weibao_outbox');
      listener = c;
    } catch (err) {
      log.warn({ reason: (err as Error).message }, 'notification listener could not start; polling');
    }
  }

  async function deliver(d: DueDelivery): Promise<void> {
    const startedAtMs = Date.now();
    const timeout = AbortSignal.timeout(o.sendTimeoutMs);
    const out = {
      key: `${d.outboxKey}/${d.id}`,
      topic: d.topic,
      contractId: d.contractId,
      language: d.language,
      message: d.message,
      recipients: d.recipients,
      data: d.data,
    };
    let outcome: Parameters<typeof finishAttempt>[2];
    try {
      await Promise.race([
        send(d.spec, out, timeout),
        new Promise<never>((_, reject) =>
          timeout.addEventListener('abort', () => reject(new Error(`no answer within ${o.sendTimeoutMs} ms`))),
        ),
      ]);
      outcome = { ok: true };
    } catch (err) {
      const error = (err as Error).message || String(err);
      outcome = {
        ok: false,
        error,
        retryInMs: d.attempts >= o.maxAttempts ? null : backoffMs(d.attempts, o.retryBaseMs, o.retryMaxMs),
      };
      log.warn(
        {
          delivery: d.id,
          key: d.outboxKey,
          channel: d.channel,
          attempt: d.attempts,
          dead: outcome.retryInMs === null,
          reason: error,
        },
        'notification delivery failed',
      );
    }
    // If this write fails the lease expires and the delivery is tried again (the receiver's idempotency key drops a repeat).
    await finishAttempt(
      pool,
      { id: d.id, attempt: d.attempts, startedAtMs, ms: Date.now() - startedAtMs },
      outcome,
    ).catch((err: Error) =>
      log.error({ delivery: d.id, reason: err.message }, 'delivery attempt could not be recorded'),
    );
  }

  async function round(): Promise<void> {
    if (!listener) await listen();
    const start = (d: DueDelivery) => {
      const p: Promise<void> = deliver(d).finally(() => {
        inFlight.delete(p);
        wake();
      });
      inFlight.add(p);
    };
    // New messages first, sent as soon as their routing commits (a burst may briefly exceed the
    // concurrency: their first attempts are already claimed); then retries and held ones.
    for (;;) {
      const r = await routeBatch(pool, log, o, Date.now(), leaseMs);
      r.due.forEach(start);
      if (!running || r.routed < o.batch) break;
    }
    (await claimDue(pool, o.concurrency - inFlight.size, leaseMs)).forEach(start);
  }

  const loop = (async () => {
    while (running) {
      try {
        await round();
      } catch (err) {
        log.warn({ reason: (err as Error).message }, 'notification dispatcher round failed; retrying');
      }
      await pause(o.pollMs);
    }
  })();

  return {
    wake,
    async stop() {
      running = false;
      wake();
      await loop;
      await Promise.allSettled([...inFlight]);
      listener?.release();
      listener = undefined;
    },
  };
}
