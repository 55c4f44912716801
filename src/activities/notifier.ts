import type { Logger } from '../logger';
import type { Notifier } from './deps';

/** Logs notifications; used when no webhook is configured. */
export function logNotifier(log: Logger): Notifier {
  return { async send(n) { log.info({ notification: { key: n.key, topic: n.topic, contractId: n.contractId } }, n.subject); } };
}

/** POSTs each notification as JSON; the idempotency key lets the receiver drop retries. */
export function webhookNotifier(url: string): Notifier {
  return {
    async send(n) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': n.key },
        body: JSON.stringify(n),
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new Error(`webhook answered ${res.status}`);
    },
  };
}
