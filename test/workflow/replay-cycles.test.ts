import path from 'node:path';
import { loadHistories, replayAll } from '../helpers/replay';

// Replay safety of the cycle workflows: recorded histories of a full quarterly inspection
// (changes requested, a high finding remediated), an inspection whose report stated an earlier
// time that the hospital contested and the approver decided (issue 10), a missed customer-care quarter (a logged
// visit signalled, a 6.2.1 penalty) and a failed-then-passed yearly acceptance (clause-3
// extension, termShifted signals to next year's workflows, clause-10 payment) must replay on
// the current code, and so must a past quarter entered at onboarding (issue 10 item 4: its
// inspection report delivered late and acknowledged, its care visit log; a report sent back and
// delivered again with a 4.6 item resolved after its deadline; record-cycles-onboarded.ts).
// A change that alters the commands of an old history fails here: wrap it in
// patched() and record new histories with histories/record-cycles.ts.
const dir = path.join(__dirname, 'histories');

it('when the recorded cycle histories are replayed on the current code, then each replays without nondeterminism', async () => {
  const files = await replayAll(dir, 'cycles-');
  expect(files).toEqual([
    'cycles-acceptance-fail-then-pass.json',
    'cycles-care-missed.json',
    'cycles-inspection-contested.json',
    'cycles-inspection-full.json',
    'cycles-onboarded-care.json',
    'cycles-onboarded-inspection-rounds.json',
    'cycles-onboarded-inspection.json',
  ]);
});

it('when the recorded histories are read, then each ended in completion and the acceptance signalled the next year', () => {
  const all = loadHistories(dir, 'cycles-');
  for (const { file, recorded } of all)
    expect([file, recorded.events.at(-1)]).toEqual([file, 'EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED']);
  const acceptance = all.find((h) => h.file === 'cycles-acceptance-fail-then-pass.json')!.recorded.events;
  expect(acceptance.filter((e) => e === 'EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED')).toHaveLength(6); // 3 on the fail, 3 on the pass
});

it('when the contested inspection history is read, then its report, the contest and the decision are updates it accepted', () => {
  const { events } = loadHistories(dir, 'cycles-inspection-contested').at(0)!.recorded;
  // report, contest, decision, acknowledgement
  expect(events.filter((e) => e === 'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED')).toHaveLength(4);
});
