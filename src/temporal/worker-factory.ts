import { getHeapStatistics } from 'node:v8';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../activities';
import type { ActivityDeps } from '../activities/deps';
import type { Config } from '../config';
import type { PayloadCodec } from '@temporalio/common';
import { startWorkerHeartbeat } from './worker-heartbeat';
import { ACTOR_CHECK_MODULE, actorKeysHook, PRELOADED_MODULES } from './actor-check-bundle';
import type { ActorKeys } from '../workflows/kernel/actor-assertion';

/** Worker capacity knobs (config WORKER_*; see bench/README.md for the measurements behind the defaults). */
export type WorkerTuning = Pick<
  WorkerOptions,
  | 'maxCachedWorkflows'
  | 'maxConcurrentWorkflowTaskExecutions'
  | 'maxConcurrentActivityTaskExecutions'
  | 'maxConcurrentLocalActivityExecutions'
  | 'workflowTaskPollerBehavior'
  | 'nonStickyToStickyPollRatio'
>;

/**
 * Runs the sticky cache holds per MiB of the V8 heap limit when WORKER_MAX_CACHED_WORKFLOWS is
 * unset (issue 10 bench). The SDK's own default assumes about 1.7 MB a run (600 per GiB: 2,311
 * runs with this machine's 4 GiB heap); a case measured about 30 KB of heap and 260 KB of RSS.
 * Above the cache every new or woken case evicts another, and with 10,000 open cases the
 * breach tail went from 73 ms (all cached) to 502 ms p99 (bench/README.md, 2026-12-02).
 */
export const CACHED_RUNS_PER_HEAP_MIB = 3;

export function workerTuning(
  c: Pick<
    Config,
    | 'WORKER_MAX_CACHED_WORKFLOWS'
    | 'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS'
    | 'WORKER_MAX_CONCURRENT_ACTIVITIES'
    | 'WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES'
    | 'WORKER_WORKFLOW_POLLERS'
    | 'WORKER_NON_STICKY_POLL_RATIO'
  >,
): WorkerTuning {
  const t: WorkerTuning = {};
  t.maxCachedWorkflows =
    c.WORKER_MAX_CACHED_WORKFLOWS ??
    Math.max(10, Math.floor((getHeapStatistics().heap_size_limit / 1048576) * CACHED_RUNS_PER_HEAP_MIB));
  if (c.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS !== undefined)
    t.maxConcurrentWorkflowTaskExecutions = c.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS;
  if (c.WORKER_MAX_CONCURRENT_ACTIVITIES !== undefined)
    t.maxConcurrentActivityTaskExecutions = c.WORKER_MAX_CONCURRENT_ACTIVITIES;
  if (c.WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES !== undefined)
    t.maxConcurrentLocalActivityExecutions = c.WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES;
  const pollers = c.WORKER_WORKFLOW_POLLERS;
  if (pollers !== undefined)
    t.workflowTaskPollerBehavior =
      pollers === 'autoscaling' ? { type: 'autoscaling' } : { type: 'simple-maximum', maximum: pollers };
  if (c.WORKER_NON_STICKY_POLL_RATIO !== undefined) t.nonStickyToStickyPollRatio = c.WORKER_NON_STICKY_POLL_RATIO;
  return t;
}

export interface WorkerParams {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** Tests pass a bundle built once per file; production bundles from the source path. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** Unset fields keep the SDK's defaults. */
  tuning?: WorkerTuning;
  /** Payload encryption (src/security/payload-codec.ts): the same key ring as the API's. */
  payloadCodec?: PayloadCodec;
  /**
   * Signed actors (src/workflows/kernel/actor-check.ts): every start, update and signal must carry
   * an assertion signed with these keys. With workflowBundle, the bundle must be built with them
   * (actorCheckBundle); from the source path this worker builds it so.
   */
  actorKeys?: ActorKeys;
}

/** A worker that writes its heartbeat row while it runs (worker-heartbeat.ts), for /health. */
export async function createWorker(p: WorkerParams): Promise<Worker> {
  const worker = await Worker.create({
    connection: p.connection,
    namespace: p.namespace,
    taskQueue: p.taskQueue,
    activities: createActivities(p.deps),
    ...p.tuning,
    ...(p.payloadCodec ? { dataConverter: { payloadCodecs: [p.payloadCodec] } } : {}),
    ...(p.workflowBundle ? { workflowBundle: p.workflowBundle } : { workflowsPath: require.resolve('../workflows') }),
    ...(p.actorKeys && !p.workflowBundle
      ? {
          interceptors: { workflowModules: [ACTOR_CHECK_MODULE] },
          bundlerOptions: { webpackConfigHook: actorKeysHook(p.actorKeys), preloadModules: PRELOADED_MODULES },
        }
      : {}),
  });
  startWorkerHeartbeat(p.deps.pool, p.taskQueue, worker);
  return worker;
}
