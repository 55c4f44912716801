// Records the histories of service requests for the replay test (test/workflow/replay-service.test.ts):
// a 4.6 request agreed, delivered, sent back, late, priced by the approver under 6.5, delivered again and accepted;
// a 4.4 licence renewed before it lapses, whose case closes as renewed after starting the next expiry's
// case as its child (abandoned), and that child until it has recorded itself (then terminated: a
// time skip over an abandoned child hangs on this test server, see service-licences.test.ts).
// Run after a deliberate change only:
//   eval "$(bash scripts/toolchain.sh --env)"; WEIBAO_TEST_SERVER=$WEIBAO_TEST_SERVER npx tsx test/workflow/histories/record-service.ts
import path from 'node:path';
import { addDays, endOfShanghaiDay, shanghaiDate } from '../../../src/domain/time';
import { serviceStateQuery, serviceUpdates as u, type serviceRequestWorkflow } from '../../../src/workflows/service-request';
import { saveFinished, saveHistory } from '../../helpers/replay';
import { cite } from '../service-kit';
import { approver, HOUR, operator, sleepUntil, startHarness, until, vendor, type Harness } from '../obligations-harness';

/** 4.4: renewed and accepted 20 days before the expiry; the next expiry's case is its child. */
async function licenceRenewed(h: Harness) {
  const now = await h.env.currentTimeMs();
  const expiresOn = addDays(shanghaiDate(now), 20);
  const renewedUntil = addDays(expiresOn, 365);
  const handle = await h.env.client.workflow.start<typeof serviceRequestWorkflow>('serviceRequestWorkflow', { taskQueue: h.taskQueue, workflowId: 'service:C-lic:db', args: [{
    contractId: 'C-lic', requestId: 'db', clause: '4.4', origin: 'licence', title: 'database licence', description: 'renew the database licence before it lapses',
    documents: [], raisedAt: new Date(now).toISOString(), raisedBy: operator, licence: { name: 'DB enterprise licence', expiresOn } }] });
  await until(() => handle.query(serviceStateQuery), (s) => s.warnedAt !== null); // inside the 30-day window
  await handle.executeUpdate(u.acknowledge, { args: [{ actor: vendor }] });
  await handle.executeUpdate(u.deliver, { args: [{ actor: vendor, evidence: [cite('licence-2027')], renewedUntil }] });
  await handle.executeUpdate(u.reviewDelivery, { args: [{ actor: operator, decision: 'accept' }] });
  // Polled before its result is awaited: awaiting a running parent lets the test server skip into the child's timers.
  await until(() => handle.describe(), (d) => d.status.name === 'COMPLETED');
  await saveFinished(path.join(__dirname, 'service-licence-renewed.json'), handle);
  const child = h.env.client.workflow.getHandle(`service:C-lic:db.${renewedUntil.replace(/-/g, '')}`);
  await until(async () => h.f.records.get(child.workflowId), (r) => r !== undefined);
  await child.terminate('recorded: the next expiry case registered itself');
  const history = await child.fetchHistory();
  saveHistory(path.join(__dirname, 'service-licence-next-expiry.json'), child.workflowId, history);
  process.stdout.write(`recorded ${history.events?.length} events of ${child.workflowId} into service-licence-next-expiry.json\n`);
}

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
    await licenceRenewed(h); // last: no time is skipped after a parent closed over its abandoned child
  } finally {
    await h.stop();
  }
}
main().catch((e) => { process.stderr.write(`${(e as Error).stack}\n`); process.exit(1); });
