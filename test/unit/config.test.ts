import { parseConfig, ConfigError } from '../../src/config';
import { getHeapStatistics } from 'node:v8';
import { CACHED_RUNS_PER_HEAP_MIB, workerTuning } from '../../src/temporal/worker-factory';
import { runtimeOptions } from '../../src/temporal/runtime-options';

describe('configuration', () => {
  it('when nothing is set, then local defaults apply', () => {
    const c = parseConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.TEMPORAL_ADDRESS).toBe('127.0.0.1:7233');
  });
  it.each([
    ['PORT', 'eighty'],
    ['DATABASE_URL', 'not a url'],
    ['LOG_LEVEL', 'loud'],
    ['NOTIFY_WEBHOOK_URL', 'ftp//x'],
    ['WORKER_WORKFLOW_POLLERS', 'lots'],
    ['WORKER_NON_STICKY_POLL_RATIO', '1.5'],
    ['WORKER_METRICS_BIND', 'http://127.0.0.1:9464/metrics'],
  ])('when %s is %p, then parsing fails naming the variable', (key, value) => {
    expect(() => parseConfig({ [key]: value })).toThrow(ConfigError);
    expect(() => parseConfig({ [key]: value })).toThrow(new RegExp(key));
  });

  it.each<[Record<string, string>, unknown]>([
    [{}, { workflowTaskPollerBehavior: { type: 'autoscaling' } }],
    [
      { WORKER_WORKFLOW_POLLERS: '8', WORKER_NON_STICKY_POLL_RATIO: '0.5' },
      { workflowTaskPollerBehavior: { type: 'simple-maximum', maximum: 8 }, nonStickyToStickyPollRatio: 0.5 },
    ],
    [
      { WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: '20' },
      { workflowTaskPollerBehavior: { type: 'autoscaling' }, maxConcurrentWorkflowTaskExecutions: 20 },
    ],
  ])('when the worker is tuned with %p, then the worker options are %p', (env, options) => {
    const { maxCachedWorkflows, ...rest } = workerTuning(parseConfig(env));
    expect(rest).toEqual(options);
    expect(maxCachedWorkflows).toBeGreaterThan(0);
  });
  it("when WORKER_MAX_CACHED_WORKFLOWS is unset, then the cache holds 3 runs per MiB of heap, not the SDK's 0.6", () => {
    const heapMiB = getHeapStatistics().heap_size_limit / 1048576;
    expect(workerTuning(parseConfig({})).maxCachedWorkflows).toBe(
      Math.max(10, Math.floor(heapMiB * CACHED_RUNS_PER_HEAP_MIB)),
    );
    expect(CACHED_RUNS_PER_HEAP_MIB).toBe(3);
    expect(workerTuning(parseConfig({ WORKER_MAX_CACHED_WORKFLOWS: '500' })).maxCachedWorkflows).toBe(500);
  });

  it('when WORKER_METRICS_BIND is set, then the worker runtime serves the core metrics there; unset, none', () => {
    expect(runtimeOptions(parseConfig({ WORKER_METRICS_BIND: '127.0.0.1:9464' })).telemetryOptions).toEqual({
      metrics: { prometheus: { bindAddress: '127.0.0.1:9464' } },
    });
    expect(runtimeOptions(parseConfig({})).telemetryOptions).toBeUndefined();
  });
});
