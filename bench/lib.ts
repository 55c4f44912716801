// Small helpers of the benchmark: bounded concurrency, percentiles, load average.
import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';

export async function pool<T>(n: number, concurrency: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      for (let i = next++; i < n; i = next++) out[i] = await fn(i);
    }),
  );
  return out;
}

export const pct = (xs: number[], p: number): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};

/** p50/p95/p99/max in whole milliseconds. */
export const dist = (xs: number[]) => ({
  n: xs.length,
  p50: Math.round(pct(xs, 50)),
  p95: Math.round(pct(xs, 95)),
  p99: Math.round(pct(xs, 99)),
  max: Math.round(Math.max(...xs)),
});

export const median = (xs: number[]) => pct(xs, 50);

export const load = () => loadavg().map((x) => +x.toFixed(2));

export const sleepMs = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The load generator's HTTP client: node:http over kept-alive connections (undici's fetch costs
 * several times its CPU per request, and the load generator shares the machine with the system
 * it measures). JSON in, status and parsed JSON out.
 */
export function jsonClient(baseUrl: string, maxSockets: number) {
  const agent = new Agent({ keepAlive: true, maxSockets });
  return (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
    new Promise<{ status: number; body: unknown }>((resolve, reject) => {
      const data = body === undefined ? undefined : JSON.stringify(body);
      const req = request(
        `${baseUrl}${path}`,
        {
          method,
          agent,
          headers: {
            ...headers,
            ...(data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            try {
              resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
            } catch {
              resolve({ status: res.statusCode ?? 0, body: text });
            }
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(data);
    });
}

/** Runs a bench's main: exit 0 when it ends, its stack on stderr and exit 1 when it throws. */
export function runMain(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (e) => {
      process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
      process.exit(1);
    },
  );
}
