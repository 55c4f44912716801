// Records the history of a service request entered at onboarding with its past facts (issue 10
// item 4, s18): a 4.7 request raised 30 days before the registration, its due date agreed, the
// delivery made after the due date and still under review; the request lives that past in its
// first task (service/past.ts: the breach at the due end, 6.5 awaiting the rate), then the
// hospital accepts the delivery live, the approver prices the breach, and the request closes once
// the contest window of the entered times has passed. Run after a deliberate change only, into a
// NEW file beside the older ones:
//   eval "$(bash scripts/toolchain.sh --env)"; WEIBAO_TEST_SERVER=$WEIBAO_TEST_SERVER npx tsx test/workflow/histories/record-service-onboarded.ts service-<what>.json
import path from 'node:path';
import { addDays, shanghaiDate } from '../../../src/domain/time';
import { serviceStateQuery, serviceUpdates as u, type serviceRequestWorkflow } from '../../../src/workflows/service-request';
import { saveFinished } from '../../helpers/replay';
import { approver, DAY, HOUR, operator, startHarness, until } from '../obligations-harness';

async function main() {
  const [name] = process.argv.slice(2);
  if (!name?.startsWith('service-') || !name.endsWith('.json'))
    throw new Error('usage: record-service-onboarded.ts service-<name>.json');
  const h = await startHarness('record-service-onboarded');
  try {
    const now = await h.env.currentTimeMs();
    const t0 = now - 30 * DAY;
    const evidence = [{ documentRef: '档案 字典-v1', sha256: 'a'.repeat(64) }];
    const handle = await h.env.client.workflow.start<typeof serviceRequestWorkflow>('serviceRequestWorkflow', { taskQueue: h.taskQueue, workflowId: 'service:C-onb:dict', args: [{
      contractId: 'C-onb', requestId: 'dict', clause: '4.7', origin: 'raised', title: 'database dictionary', description: 'deliver the database dictionary',
      documents: [], raisedAt: new Date(t0).toISOString(), raisedBy: { name: 'admin-wu (entered at onboarding)', role: 'admin' },
      onboarded: { by: 'admin-wu', facts: [
        { action: 'proposeDueDate', atMs: t0 + HOUR, party: 'hospital', args: { dueDate: addDays(shanghaiDate(t0), 10) } },
        { action: 'acceptDueDate', atMs: t0 + 2 * HOUR, party: 'vendor', args: {} },
        { action: 'acknowledge', atMs: t0 + 3 * HOUR, party: 'vendor', args: {} },
        { action: 'deliver', atMs: t0 + 20 * DAY, party: 'vendor', args: { evidence } },
      ] } }] });
    await until(() => handle.query(serviceStateQuery), (s) => s.breach !== null);
    await handle.executeUpdate(u.reviewDelivery, { args: [{ actor: operator, decision: 'accept' }] });
    await handle.executeUpdate(u.priceBreach, { args: [{ actor: approver, ratePercent: '0.05' }] });
    await h.env.sleep(4 * DAY); // past the contest window of the entered times
    await saveFinished(path.join(__dirname, name), handle);
  } finally {
    await h.stop();
  }
}
main().catch((e) => { process.stderr.write(`${(e as Error).stack}\n`); process.exit(1); });
