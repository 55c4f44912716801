// Records the histories of quarters entered at onboarding (issue 10 item 4): a contract signed
// 100 days before it is registered, its quarter 1Q1 entered with an inspection report delivered
// late and acknowledged, and its care visit log; and a second contract's 1Q1 with a report sent
// back and delivered again, its high finding resolved after its deadline. Each case judges the
// entered past in its first task and stays open for the contest window of the entered times. Run after a deliberate change only:
//   eval "$(bash scripts/toolchain.sh --env)"; WEIBAO_TEST_SERVER=$WEIBAO_TEST_SERVER WEIBAO_TEST_PG_URL=<postgres url> npx tsx test/workflow/histories/record-cycles-onboarded.ts
import path from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { enterCareLogs } from '../../../src/api/onboarding-quarters';
import { inspectionPast } from '../../../src/api/onboarding-inspections';
import { quarterIfKnown } from '../../../src/domain/cycles';
import { shanghaiDate } from '../../../src/domain/time';
import { customerCareWorkflow, inspectionWorkflow } from '../../../src/workflows/cycles';
import { saveFinished } from '../../helpers/replay';
import { DAY, report, startCyclesHarness } from '../cycles-harness';

const save = (name: string, handle: WorkflowHandle) => saveFinished(path.join(__dirname, `cycles-onboarded-${name}.json`), handle);
const iso = (ms: number) => new Date(ms).toISOString();

async function main(): Promise<void> {
  const h = await startCyclesHarness();
  try {
    const signedMs = await h.env.currentTimeMs();
    const contractId = await h.newContract(signedMs);
    const q1 = quarterIfKnown(signedMs, 1, 1)!;
    await h.env.sleep(100 * DAY); // registered 100 days after the signing
    const r = report();
    const past = inspectionPast(
      { year: 1, quarter: 1, done: true, doneAt: iso(q1.dueMs + 2 * DAY), inspectionDate: shanghaiDate(q1.dueMs - 5 * DAY), engineer: r.engineer,
        report: { documentRef: r.documentRef, sha256: r.sha256 }, findings: r.findings, recommendations: r.recommendations, acknowledgedAt: iso(q1.dueMs + 3 * DAY) },
      'admin-wu',
    );
    const care = { year: 1, quarter: 1, visits: [{ at: iso(q1.startMs + 20 * DAY), channel: 'phone', withWhom: 'IT head', topics: ['network security'] }] };
    await enterCareLogs(h.db.pool, contractId, care, 'admin-wu');
    const inspection = await h.env.client.workflow.start(inspectionWorkflow, { taskQueue: h.taskQueue, workflowId: `inspection:${contractId}:1Q1`, args: [{ contractId, year: 1, quarter: 1, onboarded: past }] });
    const careCase = await h.env.client.workflow.start(customerCareWorkflow, { taskQueue: h.taskQueue, workflowId: `care:${contractId}:1Q1`, args: [{ contractId, year: 1, quarter: 1, onboarded: { by: 'admin-wu' } }] });
    await h.env.sleep(4 * DAY); // past the contest window of the entered times
    await save('inspection', inspection);
    await save('care', careCase);

    // 1Q1 of a second contract, registered 130 days after its signing: a report sent back with
    // changes requested and delivered again, acknowledged with a high finding whose item was
    // resolved after its deadline (flagged overdue at it in the first task).
    const secondSignedMs = await h.env.currentTimeMs();
    const second = await h.newContract(secondSignedMs);
    const p1 = quarterIfKnown(secondSignedMs, 1, 1)!;
    await h.env.sleep(130 * DAY);
    const high = [{ title: 'TLS 1.0 enabled', severity: 'high' as const }];
    const rounds = inspectionPast(
      { year: 1, quarter: 1, done: true,
        sentBack: [{ doneAt: iso(p1.startMs + 60 * DAY), report: { documentRef: r.documentRef, sha256: r.sha256 }, requestedAt: iso(p1.startMs + 62 * DAY), reasons: ['no penetration test'] }],
        doneAt: iso(p1.startMs + 65 * DAY), inspectionDate: shanghaiDate(p1.startMs + 55 * DAY), engineer: r.engineer,
        report: { documentRef: r.documentRef, sha256: r.sha256 }, findings: high, recommendations: r.recommendations,
        acknowledgedAt: iso(p1.startMs + 66 * DAY), remediation: [{ itemId: 'R1', resolvedAt: iso(p1.startMs + 110 * DAY) }] },
      'admin-wu',
    );
    const roundsCase = await h.env.client.workflow.start(inspectionWorkflow, { taskQueue: h.taskQueue, workflowId: `inspection:${second}:1Q1`, args: [{ contractId: second, year: 1, quarter: 1, onboarded: rounds }] });
    await h.env.sleep(4 * DAY);
    await save('inspection-rounds', roundsCase);
  } finally {
    await h.stop();
  }
}
main().catch((e) => { process.stderr.write(`${(e as Error).stack}\n`); process.exit(1); });
