// Mixed client traffic for the chaos run, behaving as a careful client does: every write that
// changes the record carries an Idempotency-Key and is retried with it after a 503, a 409
// "in progress" or a lost connection; intakes without a key (the header is optional) are sent
// once and never retried. Every answer is recorded for the checks in verify.ts.
import { randomUUID } from 'node:crypto';

export interface Sent {
  method: string;
  path: string;
  status: number | 'lost';
  ms: number;
  requestId: string | null;
  code?: string;
}
export interface Write {
  kind: 'contract' | 'report' | 'respond';
  key: string | null;
  target: string;
  status: number | 'lost';
}

/** The parts of an answer the clients read. */
export interface Answer {
  caseId?: string;
  key?: string;
  error?: { code?: string };
}

export interface Traffic {
  sent: Sent[];
  writes: Write[];
  cases: string[];
  contracts: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function trafficAgainst(
  base: string,
  keys: Record<string, string>,
): {
  traffic: Traffic;
  call: (
    role: string,
    method: string,
    path: string,
    body?: unknown,
    key?: string,
  ) => Promise<Sent & { body: Answer | null }>;
} {
  const traffic: Traffic = { sent: [], writes: [], cases: [], contracts: [] };
  async function call(role: string, method: string, path: string, body?: unknown, key?: string) {
    const start = performance.now();
    const headers: Record<string, string> = { authorization: `Bearer ${keys[role]}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (key) headers['idempotency-key'] = key;
    try {
      const res = await fetch(`${base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await res.text();
      let parsed: Answer | null = null;
      try {
        parsed = text ? (JSON.parse(text) as Answer) : null;
      } catch {
        /* not JSON */
      }
      const s: Sent = {
        method,
        path,
        status: res.status,
        ms: performance.now() - start,
        requestId: res.headers.get('x-request-id'),
        code: parsed?.error?.code,
      };
      traffic.sent.push(s);
      return { ...s, body: parsed };
    } catch {
      const s: Sent = { method, path, status: 'lost', ms: performance.now() - start, requestId: null };
      traffic.sent.push(s);
      return { ...s, body: null };
    }
  }
  return { traffic, call };
}

const retryable = (r: { status: number | 'lost'; code?: string }) =>
  r.status === 'lost' || r.status === 503 || (r.status === 409 && r.code === 'REQUEST_IN_PROGRESS');

/** One keyed write, retried with its key until it is answered for good (or 90 s pass). */
async function keyedWrite(
  t: ReturnType<typeof trafficAgainst>,
  kind: Write['kind'],
  role: string,
  path: string,
  body: unknown,
  target: string,
) {
  const key = `chaos-${randomUUID()}`;
  const until = Date.now() + 90_000;
  let r = await t.call(role, 'POST', path, body, key);
  for (let wait = 300; retryable(r) && Date.now() < until; wait = Math.min(wait * 2, 3_000)) {
    await sleep(wait);
    r = await t.call(role, 'POST', path, body, key);
  }
  t.traffic.writes.push({
    kind,
    key,
    target: kind === 'report' ? (r.body?.caseId ?? target) : target,
    status: r.status,
  });
  return r;
}

/** Runs `workers` clients in parallel until `stopped()`; a client finishes its current write first. */
export async function mixedTraffic(
  t: ReturnType<typeof trafficAgainst>,
  workers: number,
  stopped: () => boolean,
): Promise<void> {
  const contract = () => t.traffic.contracts[Math.floor(Math.random() * t.traffic.contracts.length)]!;
  const report = (n: number) => ({ level: 1 + (n % 4), title: `故障 ${n}`, channel: 'phone', reporter: '护士 李' });
  let n = 0;
  const client = async () => {
    while (!stopped()) {
      const dice = Math.random();
      n++;
      if (dice < 0.4) {
        const r = await keyedWrite(t, 'report', 'hospital-operator', `/contracts/${contract()}/faults`, report(n), '');
        if ((r.status === 201 || r.status === 200) && r.body?.caseId) t.traffic.cases.push(r.body.caseId);
      } else if (dice < 0.5) {
        // No key: sent once. If it was committed but never answered, the orphan sweep must start it.
        const r = await t.call('hospital-operator', 'POST', `/contracts/${contract()}/faults`, report(n));
        t.traffic.writes.push({ kind: 'report', key: null, target: r.body?.caseId ?? '', status: r.status });
        if (r.status === 201 && r.body?.caseId) t.traffic.cases.push(r.body.caseId);
      } else if (dice < 0.75 && t.traffic.cases.length > 0) {
        const caseId = t.traffic.cases[Math.floor(Math.random() * t.traffic.cases.length)]!;
        await keyedWrite(
          t,
          'respond',
          'vendor-engineer',
          `/faults/${encodeURIComponent(caseId)}/respond`,
          { engineer: '王工', how: 'phone' },
          caseId,
        );
      } else if (dice < 0.82) {
        const id = `C-chaos-${randomUUID().slice(0, 8)}`;
        const r = await keyedWrite(t, 'contract', 'admin', '/contracts', contractBody(id), id);
        if (r.status === 201 || r.status === 200) t.traffic.contracts.push(id);
      } else {
        const caseId = t.traffic.cases[Math.floor(Math.random() * t.traffic.cases.length)];
        await t.call('auditor', 'GET', caseId ? `/faults/${encodeURIComponent(caseId)}` : '/faults?limit=20');
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, client));
}

export function contractBody(id: string) {
  return {
    id,
    name: '协同办公平台维保',
    hospital: '市人民医院',
    vendor: '办公软件有限公司',
    signedAt: '2025-01-02T09:00:00+08:00',
    amountFen: '123456789',
    yearlyFees: ['41152263', '41152263', '41152263'],
    termYears: 3,
  };
}
