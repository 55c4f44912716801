// Records the history of an engineer change entered at onboarding (issue 10 item 4): requested
// 60 days before the registration with 20 days' notice, approved in writing two days later,
// effective 40 days before the registration; the case judges the entered past in its first task
// and stays open for the contest window of the entered times. Run after a deliberate change only:
//   eval "$(bash scripts/toolchain.sh --env)"; WEIBAO_TEST_SERVER=$WEIBAO_TEST_SERVER npx tsx test/workflow/histories/record-staff-onboarded.ts
import path from 'node:path';
import { shanghaiDate } from '../../../src/domain/time';
import { saveFinished } from '../../helpers/replay';
import { DAY, startHarness } from '../obligations-harness';

async function main() {
  const h = await startHarness('record-staff-onboarded');
  try {
    const now = await h.env.currentTimeMs();
    const at = (d: number) => new Date(now + d * DAY).toISOString();
    const handle = await h.env.client.workflow.start('staffChangeWorkflow', { taskQueue: h.taskQueue, workflowId: 'staff-change:C-onb:sc-1', args: [{
      contractId: 'C-onb', requestId: 'sc-1', kind: 'requested', requestedAt: at(-60), requestedBy: 'admin-wu (entered at onboarding)', effectiveDate: shanghaiDate(now - 40 * DAY),
      remove: ['wang'], add: [{ engineerId: 'li', name: 'Li', qualification: 'OA certified', yearsOnProduct: 3, fixed: true }], reason: 'Wang moves',
      onboarded: { by: 'admin-wu', decision: { approved: true, decidedAt: at(-58) } } }] });
    await h.env.sleep(4 * DAY); // past the contest window of the entered times
    await saveFinished(path.join(__dirname, 'obligations-onboarded-staff-change.json'), handle);
  } finally {
    await h.stop();
  }
}
main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
