// Records the histories of signing obligations entered at onboarding (issue 10 item 4): a
// contract signed 300 days before it is registered, its dongle declaration (late), plan and items
// (one late, one open) and go-live (after an approved extension) entered as facts with their times
// and judged from them at start, then closed by the contract's end. The onboarded start path
// runs other commands than a live start (facts recorded and judged in the first task, the
// stated-time contest window); these histories keep it replaying. Run after a deliberate,
// patched() change only, into NEW files (pass a suffix):
//   eval "$(bash scripts/toolchain.sh --env)"; WEIBAO_TEST_SERVER=$WEIBAO_TEST_SERVER npx tsx test/workflow/histories/record-obligations-onboarded.ts
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { shanghaiDate } from '../../../src/domain/time';
import type { OnboardingHistory } from '../../../src/domain/onboarding';
import { obligationContractEndedSignal } from '../../../src/workflows/obligations';
import { saveFinished } from '../../helpers/replay';
import { DAY, startHarness, type Harness } from '../obligations-harness';

const suffix = process.argv[2] ? `-${process.argv[2]}` : '';

async function save(name: string, handle: WorkflowHandle, h: Harness): Promise<void> {
  // A go-live entered as done ends its case at once; the others wait for the term's end.
  if ((await handle.describe()).status.name === 'RUNNING')
    await handle.signal(obligationContractEndedSignal, {
      endedAt: new Date(await h.env.currentTimeMs()).toISOString(),
      reason: 'term over',
    });
  await saveFinished(path.join(__dirname, `obligations-onboarded-${name}${suffix}.json`), handle);
}

async function main() {
  const h = await startHarness('record-onboarded');
  try {
    const signedMs = await h.env.currentTimeMs();
    const at = (d: number) => new Date(signedMs + d * DAY).toISOString();
    const date = (d: number) => shanghaiDate(signedMs + d * DAY);
    const history: OnboardingHistory = {
      dongle: { declaredAt: at(20), verifiedAt: at(21) },
      rectification: {
        planSubmittedAt: at(5),
        items: [
          { itemId: 'late', description: 'rotate logs', dueDate: date(30), doneAt: at(33) },
          { itemId: 'open', description: 'replace the backup job', dueDate: date(400) },
        ],
      },
      goLive: {
        extension: { requestedAt: at(55), newDate: date(80), reason: 'the HR interface', decidedAt: at(57), approved: true },
        liveAt: at(96),
      },
    };
    await h.env.sleep(300 * DAY); // registered 300 days after the signing
    const signedAt = new Date(signedMs).toISOString();
    const onboarded = { by: 'admin-wu', ...history };
    const start = (id: string, wf: string, extra: Record<string, unknown> = {}) =>
      h.env.client.workflow.start(wf, { taskQueue: h.taskQueue, workflowId: `${id}:C-onb`, args: [{ contractId: 'C-onb', signedAt, onboarded, ...extra }] });
    const rect = await start('rectification', 'rectificationWorkflow');
    const dongle = await start('dongle', 'dongleWorkflow');
    const goLive = await start('golive', 'goLiveWorkflow', { goLiveDate: date(60) });
    await h.env.sleep(3 * DAY); // past the contest window of the entered times
    await save('rectification', rect, h);
    await save('dongle', dongle, h);
    await save('golive', goLive, h);
  } finally {
    await h.stop();
  }
}
main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
