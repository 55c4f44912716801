import path from 'node:path';
import { loadHistories, replayAll } from '../helpers/replay';

// Replay safety of the obligation workflows: recorded histories of a rectification plan with
// a late item, a go-live with an approved extension and accrued periods, a dongle declaration
// verified (closed by the contract's end) and an approved staff change must replay on the
// current code, and so must the three signing obligations of a contract entered 300 days after
// its signing with their facts (onboarding, issue 10 item 4: record-obligations-onboarded.ts) and an engineer change entered
// with its request and written approval (record-staff-onboarded.ts). A change that alters the commands of an old history fails here: wrap it in
// patched() and record new histories with histories/record-obligations.ts.
const dir = path.join(__dirname, 'histories');

it('when the recorded obligation histories are replayed on the current code, then each replays without nondeterminism', async () => {
  const files = await replayAll(dir, 'obligations-');
  expect(files).toEqual([
    'obligations-dongle-verified.json',
    'obligations-golive-extension-accrual.json',
    'obligations-onboarded-dongle.json',
    'obligations-onboarded-golive.json',
    'obligations-onboarded-rectification.json',
    'obligations-onboarded-staff-change.json',
    'obligations-rectification-late-item.json',
    'obligations-staff-change-approved.json',
  ]);
});

it('when the recorded histories are read, then each ended in completion', () => {
  for (const { file, recorded } of loadHistories(dir, 'obligations-'))
    expect([file, recorded.events.at(-1)]).toEqual([file, 'EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED']);
});
