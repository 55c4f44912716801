// The SDK runtime of the production worker: its own logs from warnings up (ours go through pino),
// and, when WORKER_METRICS_BIND is set, the core's Prometheus endpoint (/metrics) for whoever is
// on duty: sticky cache size, hits, misses and forced evictions (an evicted case replays its whole
// history on its next task), task schedule-to-start and replay latency. bench/core-metrics.ts
// reads the same endpoint.
import { DefaultLogger, type RuntimeOptions } from '@temporalio/worker';
import type { Config } from '../config';

export function runtimeOptions(c: Pick<Config, 'WORKER_METRICS_BIND'>): RuntimeOptions {
  return {
    logger: new DefaultLogger('WARN'),
    ...(c.WORKER_METRICS_BIND
      ? { telemetryOptions: { metrics: { prometheus: { bindAddress: c.WORKER_METRICS_BIND } } } }
      : {}),
  };
}
