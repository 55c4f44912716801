import { parseConfig, ConfigError } from '../../src/config';
import { workerTuning } from '../../src/temporal/worker-factory';
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
    expect(workerTuning(parseConfig(env))).toEqual(options);
  });

  it('when WORKER_METRICS_BIND is set, then the worker runtime serves the core metrics there; unset, none', () => {
    expect(runtimeOptions(parseConfig({ WORKER_METRICS_BIND: '127.0.0.1:9464' })).telemetryOptions).toEqual({
      metrics: { prometheus: { bindAddress: '127.0.0.1:9464' } },
    });
    expect(runtimeOptions(parseConfig({})).telemetryOptions).toBeUndefined();
  });
});
