// Notifications (issue 13): what the worker starts. See README "Notifications".
import type { Pool } from 'pg';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { createSender } from './channels';
import { startDispatcher, type Dispatcher, type DispatcherOptions } from './dispatcher';

export type NotifyConfig = Pick<
  Config,
  | 'NOTIFY_WEBHOOK_URL'
  | 'NOTIFY_WEBHOOK_SECRET'
  | 'NOTIFY_PUBLIC_BASE_URL'
  | 'NOTIFY_SMTP_URL'
  | 'NOTIFY_SMTP_FROM'
  | 'NOTIFY_POLL_MS'
  | 'NOTIFY_CONCURRENCY'
  | 'NOTIFY_SEND_TIMEOUT_MS'
  | 'NOTIFY_RETRY_BASE_MS'
  | 'NOTIFY_RETRY_MAX_MS'
  | 'NOTIFY_MAX_ATTEMPTS'
>;

export function dispatcherOptions(c: NotifyConfig): DispatcherOptions {
  return {
    publicBaseUrl: c.NOTIFY_PUBLIC_BASE_URL,
    batch: 200,
    pollMs: c.NOTIFY_POLL_MS,
    concurrency: c.NOTIFY_CONCURRENCY,
    sendTimeoutMs: c.NOTIFY_SEND_TIMEOUT_MS,
    retryBaseMs: c.NOTIFY_RETRY_BASE_MS,
    retryMaxMs: c.NOTIFY_RETRY_MAX_MS,
    maxAttempts: c.NOTIFY_MAX_ATTEMPTS,
    ...(c.NOTIFY_WEBHOOK_URL
      ? { catchAll: { type: 'webhook' as const, url: c.NOTIFY_WEBHOOK_URL, secret: c.NOTIFY_WEBHOOK_SECRET } }
      : {}),
  };
}

/** Starts routing and delivery of the outbox in this process, on its own pool (the caller's; a few connections suffice). */
export function startNotifications(c: NotifyConfig, pool: Pool, log: Logger): Dispatcher {
  const sender = createSender({
    ...(c.NOTIFY_SMTP_URL ? { smtpUrl: c.NOTIFY_SMTP_URL } : {}),
    smtpFrom: c.NOTIFY_SMTP_FROM,
  });
  const d = startDispatcher({ pool, log, send: sender.send, options: dispatcherOptions(c) });
  return {
    wake: d.wake,
    async stop() {
      await d.stop();
      sender.close();
    },
  };
}
