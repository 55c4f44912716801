// Notification test helpers: the worker's outbox notifier, a dispatcher with shortened
// timings, and people subscribed through the real API.
import { createPool } from '../../src/db/pool';
import { createLogger } from '../../src/logger';
import { createSender } from '../../src/notify/channels';
import { startDispatcher, type Dispatcher, type DispatcherOptions } from '../../src/notify/dispatcher';
import type { Receivers } from './receivers';
import type { Stack } from './stack';

/**
 * A dispatcher on its own small pool, as the worker runs it (src/notify/index.ts). The send
 * timeout is production's (10 s): a send that times out after reaching the receiver is sent again
 * (the receiver drops it by Idempotency-Key), which a test counting raw receipts would see.
 */
export function testDispatcher(stack: Stack, rx: Receivers, options: Partial<DispatcherOptions> = {}): Dispatcher {
  const pool = createPool(stack.db.url, 4);
  const sender = createSender({ smtpUrl: rx.smtpUrl, smtpFrom: 'weibao 维保 <weibao@test.local>' });
  const d = startDispatcher({
    pool,
    log: createLogger('silent'),
    send: sender.send,
    options: {
      publicBaseUrl: 'https://weibao.example.cn',
      batch: 200,
      pollMs: 200,
      concurrency: 32,
      sendTimeoutMs: 10_000,
      retryBaseMs: 200,
      retryMaxMs: 2_000,
      maxAttempts: 5,
      ...options,
    },
  });
  return {
    wake: d.wake,
    async stop() {
      await d.stop();
      sender.close();
      await pool.end();
    },
  };
}

/** Channels of one person at the local receivers: endpoints are named after the person. */
export function channelsFor(rx: Receivers, id: string, kinds: ('email' | 'wecom' | 'dingtalk' | 'webhook')[]) {
  return kinds.map((k) => {
    switch (k) {
      case 'email':
        return { type: 'email', address: `${id}@hospital.test` };
      case 'wecom':
        return { type: 'wecom', url: `${rx.httpBase}/wecom/${id}?key=wk-${id}` };
      case 'dingtalk':
        rx.dingtalkSecrets.set(id, `SEC-${id}-secret`);
        return {
          type: 'dingtalk',
          url: `${rx.httpBase}/dingtalk/${id}?access_token=at-${id}`,
          secret: `SEC-${id}-secret`,
        };
      case 'webhook':
        rx.webhookSecrets.set(id, `whsec-${id}-0123456789`);
        return { type: 'webhook', url: `${rx.httpBase}/webhook/${id}`, secret: `whsec-${id}-0123456789` };
    }
  });
}

export async function putPerson(
  stack: Stack,
  contractId: string,
  personId: string,
  body: Record<string, unknown>,
  role: Parameters<Stack['call']>[0] = 'admin',
) {
  const res = await stack.call(role, 'PUT', `/contracts/${contractId}/notify/people/${personId}`, body);
  if (res.status >= 300) throw new Error(`putPerson ${personId}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** p-th percentile (nearest rank) of a list of numbers. */
export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}
