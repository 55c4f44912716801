import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { workflowBundle } from '../helpers/stack';

// Replay safety: the recorded history of a full level-1 fault lifecycle (respond, investigate,
// analysis, on-site, replacement, resolve, confirm, with an on-site warning) must replay on the
// current workflow code. A change that alters the commands of an old history fails here: wrap it
// in patched() (and record a new history beside this one with histories/record-fault-level1.ts).
const recorded = JSON.parse(readFileSync(path.join(__dirname, 'histories/fault-level1.json'), 'utf8')) as { workflowId: string; proto: string; events: string[] };

it('when the recorded level-1 lifecycle is replayed on the current code, then it replays without nondeterminism', async () => {
  const history = temporal.api.history.v1.History.decode(Buffer.from(recorded.proto, 'base64'));
  expect(history.events?.length).toBe(recorded.events.length);
  await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, recorded.workflowId);
});

it('when the recorded lifecycle is counted, then it stays under 100 history events', () => {
  expect(recorded.events.length).toBeLessThan(100);
  expect(recorded.events.at(-1)).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED');
});
