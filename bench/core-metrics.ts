// The SDK core's own counters, read from the worker's Prometheus endpoint (WORKER_METRICS_BIND):
// what load does not change (sticky cache hits, misses and forced evictions: a case evicted from
// the worker's cache is replayed from its whole history on its next task) next to the latency
// histograms core measures itself (schedule-to-start is the "pickup" of bench/lateness.ts, seen
// from the worker; replay is what an eviction costs).
// Parsed here: parse-prometheus-text-format (the npm parser) keeps one series of a histogram with
// labels and drops the rest (tried: two task queues' buckets came back as the second's alone).

const COUNTERS = ['sticky_cache_hit', 'sticky_cache_miss', 'sticky_cache_total_forced_eviction'];
const GAUGES = ['sticky_cache_size'];
const HISTOGRAMS = [
  'workflow_task_schedule_to_start_latency',
  'workflow_task_execution_latency',
  'workflow_task_replay_latency',
  'local_activity_execution_latency',
];

export interface CoreSnapshot {
  values: Record<string, number>;
  histograms: Record<string, { count: number; buckets: [number, number][] }>;
}

/** A histogram's quantile by linear interpolation inside its bucket (upper bounds in ms). */
function quantile(buckets: [number, number][], count: number, q: number): number | null {
  if (count === 0) return null;
  const rank = q * count;
  let [prevLe, prevN] = [0, 0];
  for (const [le, n] of buckets) {
    if (n >= rank) {
      if (le === Infinity) return prevLe;
      return Math.round(prevLe + ((le - prevLe) * (rank - prevN)) / Math.max(1, n - prevN));
    }
    [prevLe, prevN] = [le, n];
  }
  return prevLe;
}

const bare = (name: string) => name.replace(/^temporal_/, '').replace(/_total$/, '');

// `name{labels} value`: the text exposition format's sample line (comments and blank lines skipped).
const SAMPLE = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/;
const LE = /(?:^|,)le="([^"]+)"/;

/** Sums over every task queue of the counters, gauges and histogram buckets core exports. */
export function parseCoreMetrics(text: string): CoreSnapshot {
  const snap: CoreSnapshot = { values: {}, histograms: {} };
  const buckets = new Map<string, Map<number, number>>();
  for (const line of text.split('\n')) {
    const m = SAMPLE.exec(line);
    if (!m) continue;
    const [, raw, labels = '', value] = m;
    const name = bare(raw!);
    const v = Number(value);
    if (COUNTERS.includes(name) || GAUGES.includes(name)) snap.values[name] = (snap.values[name] ?? 0) + v;
    const hist = name.replace(/_bucket$/, '');
    const le = LE.exec(labels)?.[1];
    if (!name.endsWith('_bucket') || !HISTOGRAMS.includes(hist) || !le) continue;
    const sums = buckets.get(hist) ?? new Map<number, number>();
    const bound = le === '+Inf' ? Infinity : Number(le);
    sums.set(bound, (sums.get(bound) ?? 0) + v);
    buckets.set(hist, sums);
  }
  for (const [name, sums] of buckets)
    snap.histograms[name] = { count: sums.get(Infinity) ?? 0, buckets: [...sums].sort((a, b) => a[0] - b[0]) };
  return snap;
}

/** What happened between two snapshots: counter increments, the later gauges, p50/p99 of the histograms. */
export function coreBetween(before: CoreSnapshot | undefined, after: CoreSnapshot | undefined) {
  if (!after) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(after.values)) out[k] = GAUGES.includes(k) ? v : v - (before?.values[k] ?? 0);
  for (const [k, h] of Object.entries(after.histograms)) {
    const prev = new Map(before?.histograms[k]?.buckets ?? []);
    const buckets = h.buckets.map(([le, n]) => [le, n - (prev.get(le) ?? 0)] as [number, number]);
    const count = h.count - (before?.histograms[k]?.count ?? 0);
    out[k] = { n: count, p50: quantile(buckets, count, 0.5), p99: quantile(buckets, count, 0.99) };
  }
  return out;
}

export async function readCoreMetrics(bind: string): Promise<CoreSnapshot> {
  const r = await fetch(`http://${bind}/metrics`);
  return parseCoreMetrics(await r.text());
}
