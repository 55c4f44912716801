// Records the history of a service request for the replay test (test/workflow/replay-service.test.ts):
// a 4.6 request agreed, delivered, sent back, late, priced by the approver under 6.5, delivered again and accepted.
// Run after a deliberate change only:
//   eval "$(bash scripts/toolchain.sh --env)"; WEIBAO_TEST_SERVER=$WEIBAO_TEST_SERVER npx tsx test/workflow/histories/record-service.ts
import path from 'node:path';
import { addDays, endOfShanghaiDay, shanghaiDate } from '../../../src/domain/time';
import { serviceStateQuery, serviceUpdates as u, type serviceRequestWorkflow } from '../../../src/workflows/service-request';
import { saveFinished } from '../../helpers/replay';
import { cite } from '../service-kit';
import { approver, HOUR, operator, sleepUntil, startHarness, until, vendor } from '../obligations-harness';

async function main() {
  const h = await startHarness('record-service');
  try {
    const now = await h.env.currentTimeMs();
    const dueDate = addDays(shanghaiDate(now), 5);
    const handle = await h.env.client.workflow.start<typeof serviceRequestWorkflow>('serviceRequestWorkflow', { taskQueue: h.taskQueue, workflowId: 'service:C-sr:mlps', args: [{
      contractId: 'C-sr', requestId: 'mlps', clause: '4.6', origin: 'planned', title: 'MLPS level-3 review support', description: 'vulnerability scan and hardening before the review',
      documents: [], raisedAt: new Date(now).toISOString(), raisedBy: operator, proposedDueDate: dueDate }] });
    await until(() => handle.query(serviceStateQuery), (s) => s.termsVersion !== null);
    await handle.executeUpdate(u.acceptDueDate, { args: [{ actor: vendor }] });
    await handle.executeUpdate(u.acknowledge, { args: [{ actor: vendor }] });
    await handle.executeUpdate(u.startWork, { args: [{ actor: vendor }] });
    await handle.executeUpdate(u.deliver, { args: [{ actor: vendor, evidence: [cite('scan-report', 1)] }] });
    await handle.executeUpdate(u.reviewDelivery, { args: [{ actor: operator, decision: 'send-back', reason: 'hardening list missing' }] });
    await sleepUntil(h.env, endOfShanghaiDay(dueDate) + HOUR);
    await until(() => handle.query(serviceStateQuery), (s) => s.breach !== null);
    await handle.executeUpdate(u.priceBreach, { args: [{ actor: approver, ratePercent: '0.05' }] });
    await handle.executeUpdate(u.deliver, { args: [{ actor: vendor, evidence: [cite('scan-report', 2), cite('hardening', 1)] }] });
    await handle.executeUpdate(u.reviewDelivery, { args: [{ actor: operator, decision: 'accept' }] });
    await saveFinished(path.join(__dirname, 'service-late-priced.json'), handle);
  } finally {
    await h.stop();
  }
}
main().catch((e) => { process.stderr.write(`${(e as Error).stack}\n`); process.exit(1); });
