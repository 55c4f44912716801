import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../activities';
import type { ActivityDeps } from '../activities/deps';

export interface WorkerParams {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** Tests pass a bundle built once per file; production bundles from the source path. */
  workflowBundle?: WorkerOptions['workflowBundle'];
}

export function createWorker(p: WorkerParams): Promise<Worker> {
  return Worker.create({
    connection: p.connection,
    namespace: p.namespace,
    taskQueue: p.taskQueue,
    activities: createActivities(p.deps),
    ...(p.workflowBundle ? { workflowBundle: p.workflowBundle } : { workflowsPath: require.resolve('../workflows') }),
  });
}
