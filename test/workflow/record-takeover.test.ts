import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { takenOverFirstTask } from '../helpers/history-takeover';
import { loadHistories } from '../helpers/replay';
import { workflowBundle } from '../helpers/stack';

// Issue 10, done-when (c), under load: a case's first workflow task timed out while its record
// write ran, and the worker, which still had the run cached, completed the retried task with what
// the first attempt had computed (sdk-core managed_run.rs: a retried task with no new jobs waits
// for the outstanding local activities). In the kill -9 test at load 14-22 such a case then failed
// every later task with "[TMPRL1100] Nondeterminism error: No command scheduled for event
// HistoryEvent(id: 9, TimerStarted)" and refused queries: on replay the workflow clock is the
// retry's start, so a decision taken on Date.now() after the record write differed.
const dir = path.join(__dirname, 'histories');

// Every recorded history whose first task completed at its first attempt. Those recorded since the
// write echoes its task's start (cycles-onboarded-inspection.json among them) failed before the fix.
const histories = loadHistories(dir).filter((h) => h.recorded.events[3] === 'EVENT_TYPE_WORKFLOW_TASK_COMPLETED');

it('when the histories are listed, then one recorded since the write echoes its task is among them', () => {
  expect(histories.map((h) => h.file)).toEqual(expect.arrayContaining(['cycles-onboarded-inspection.json']));
});

it.each(histories.map((h) => [h.file, h] as const))(
  'when the first workflow task of %s was taken over by its cached worker after a timeout, then the history replays',
  async (_file, { recorded, history }) => {
    const edited = takenOverFirstTask(history);
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, edited, recorded.workflowId);
  },
);
