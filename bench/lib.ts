// Small helpers of the benchmark: bounded concurrency, percentiles, load average.
import { loadavg } from 'node:os';

export async function pool<T>(n: number, concurrency: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, async () => {
    for (let i = next++; i < n; i = next++) out[i] = await fn(i);
  }));
  return out;
}

export const pct = (xs: number[], p: number): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};

/** p50/p95/p99/max in whole milliseconds. */
export const dist = (xs: number[]) => ({ n: xs.length, p50: Math.round(pct(xs, 50)), p95: Math.round(pct(xs, 95)), p99: Math.round(pct(xs, 99)), max: Math.round(Math.max(...xs)) });

export const median = (xs: number[]) => pct(xs, 50);

export const load = () => loadavg().map((x) => +x.toFixed(2));

export const sleepMs = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Rate per second of n operations run by fn. */
export async function rate(n: number, fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return n / ((performance.now() - t) / 1000);
}
