import path from 'node:path';
import { loadHistories, replayAll } from '../helpers/replay';

// Replay safety of the service request (issue 18): a recorded history of a request sent back,
// late, priced under 6.5 and accepted must replay on the current code. A change that alters its
// commands fails here: wrap it in patched() or, before v1.0.0, record it again with
// histories/record-service.ts.
const dir = path.join(__dirname, 'histories');

it('when the recorded service request history is replayed on the current code, then it replays without nondeterminism', async () => {
  expect(await replayAll(dir, 'service-')).toEqual(['service-late-priced.json']);
});

it('when the recorded history is read, then it ended in completion', () => {
  for (const { file, recorded } of loadHistories(dir, 'service-'))
    expect([file, recorded.events.at(-1)]).toEqual([file, 'EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED']);
});
