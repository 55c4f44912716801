import path from 'node:path';
import { loadHistories, replayAll } from '../helpers/replay';

// Replay safety of the service request (issue 18): recorded histories of a request sent back,
// late, priced under 6.5 and accepted, of a 4.4 licence renewed before it lapses (its case closes
// as renewed after starting the next expiry's case as an abandoned child), and of that child
// until it recorded itself (terminated there), and of a request entered at onboarding with its past
// (s18, record-service-onboarded.ts: late, accepted and priced live) must replay on the current code. A change that alters its
// commands fails here: wrap it in patched() or, before v1.0.0, record it again with
// histories/record-service.ts.
const dir = path.join(__dirname, 'histories');

it('when the recorded service request histories are replayed on the current code, then each replays without nondeterminism', async () => {
  expect(await replayAll(dir, 'service-')).toEqual([
    'service-late-priced.json',
    'service-licence-next-expiry.json',
    'service-licence-renewed.json',
    'service-onboarded-late.json',
  ]);
});

it('when the recorded histories are read, then the cases ended in completion, the renewal after starting its child', () => {
  const end = Object.fromEntries(loadHistories(dir, 'service-').map((h) => [h.file, h.recorded.events.at(-1)]));
  expect(end).toEqual({
    'service-late-priced.json': 'EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED',
    'service-licence-renewed.json': 'EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED',
    'service-licence-next-expiry.json': 'EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED',
    'service-onboarded-late.json': 'EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED',
  });
  const renewed = loadHistories(dir, 'service-licence-renewed').at(0)!.recorded.events;
  expect(renewed).toContain('EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED');
  expect(renewed).toContain('EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED');
});
