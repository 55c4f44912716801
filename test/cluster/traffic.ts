import type { Api } from './http';

// Fault traffic of the cluster test: reports (each with its own Idempotency-Key) and vendor
// responses, sent as a careful client does (retried on a network error or a 5xx from the proxy).
// A level-3 fault has a 120-minute response deadline (4.9.4), so a report stated 120 minutes
// minus d ago falls due d from now: that is how the suite makes a timer fire within the test.

const LEVEL3_RESPONSE_MS = 120 * 60_000;

export interface Keys {
  admin: string;
  operator: string;
  vendor: string;
}

export interface Sent {
  idempotencyKey: string;
  caseId: string;
  /** The response deadline the API answered with. */
  dueAt: string;
  responded: boolean;
  attempts: number;
}

export interface Plan {
  prefix: string;
  count: number;
  /** Cases left unanswered, falling due this long after their report; the others get a response. */
  dueInMs?: (i: number) => number | undefined;
  concurrency?: number;
  /** Called after every finished case (kills are injected from here). */
  onCase?: (done: number) => void | Promise<void>;
}

export async function sendFaults(api: Api, contractId: string, keys: Keys, plan: Plan): Promise<Sent[]> {
  const sent: Sent[] = [];
  let next = 0;
  async function lane() {
    for (let i = next++; i < plan.count; i = next++) {
      const dueIn = plan.dueInMs?.(i);
      const idempotencyKey = `${plan.prefix}-${i}`;
      const body = {
        level: 3,
        title: `故障 ${idempotencyKey}`,
        channel: 'phone',
        reporter: '信息科',
        ...(dueIn === undefined ? {} : { reportedAt: new Date(Date.now() + dueIn - LEVEL3_RESPONSE_MS).toISOString() }),
      };
      const r = await api.retried('POST', `/contracts/${contractId}/faults`, keys.operator, body, {
        'idempotency-key': idempotencyKey,
      });
      if (r.status !== 201 && r.status !== 200)
        throw new Error(`report ${idempotencyKey}: ${r.status} ${JSON.stringify(r.body)}`);
      const caseId = r.body.caseId as string;
      let attempts = r.attempts;
      if (dueIn === undefined) {
        const a = await respond(api, caseId, keys.vendor);
        attempts += a;
      }
      sent.push({ idempotencyKey, caseId, dueAt: r.body.deadlines[0].dueAt, responded: dueIn === undefined, attempts });
      await plan.onCase?.(sent.length);
    }
  }
  await Promise.all(Array.from({ length: plan.concurrency ?? 4 }, lane));
  return sent;
}

/**
 * The vendor's response. A retry of a response whose first attempt took effect (the reply was
 * lost with the killed instance) is refused as ALREADY_RESPONDED: for this client that is done.
 */
async function respond(api: Api, caseId: string, vendorKey: string): Promise<number> {
  const r = await api.retried('POST', `/faults/${caseId}/respond`, vendorKey, { engineer: '李工', how: 'phone' });
  if (r.status === 200) return r.attempts;
  if (r.status === 409 && r.body?.error?.code === 'ALREADY_RESPONDED' && r.attempts > 1) return r.attempts;
  throw new Error(`respond ${caseId}: ${r.status} ${JSON.stringify(r.body)}`);
}

/** Polls fn until it returns a truthy value. */
export async function eventually<T>(
  what: string,
  fn: () => Promise<T | undefined | null | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
