import { WorkflowNotFoundError } from '@temporalio/client';
import { reconcileClosures } from '../../src/services/case-closures';
import { scheduleId } from '../../src/temporal/schedule-options';
import { eventually, startStack, type Stack } from '../helpers/stack';
import { createContract } from '../helpers/fixtures';

// Issue 10 item 8: a case cancelled or terminated outside the API (Web UI, CLI) shows so in the
// API and its record, with when, and nothing of it is awaited or due any more.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const DAY = 86_400_000;
jest.setTimeout(180_000);

/** Scans until the reconciler has recorded every id (visibility is eventually consistent). */
async function reconciled(ids: string[]): Promise<void> {
  await eventually(
    async () => {
      await reconcileClosures(stack.client, stack.db.pool);
      const { rows } = await stack.db.pool.query('SELECT workflow_id FROM case_closures WHERE workflow_id = ANY($1)', [
        ids,
      ]);
      return rows.length === ids.length;
    },
    60_000,
    500,
  );
}

it('when obligations, a fault case, an acceptance, an inspection and a care period are terminated or cancelled in Temporal, then the API shows how and when, nothing is due any more, and the record outlives the workflow', async () => {
  const c = await createContract(stack, { signedAt: new Date(Date.now() - 400 * DAY).toISOString() });
  const rep = await stack.call('hospital-operator', 'POST', `/contracts/${c.id}/faults`, {
    level: 3,
    title: 'slow login',
    channel: 'phone',
    reporter: 'ward 5',
  });
  expect(rep.status).toBe(201);
  const caseId = rep.body.caseId as string;
  // The daily reconcile firing starts the current quarter's inspection and care and the acceptances.
  await stack.client.schedule.getHandle(scheduleId(c.id, 'reconcile')).trigger();
  await eventually(
    async () =>
      (await stack.call('auditor', 'GET', `/contracts/${c.id}/acceptances/1`)).body?.status === 'awaiting-submission',
    30_000,
  );
  const inspection = await eventually(
    async () => (await stack.call('auditor', 'GET', `/contracts/${c.id}/inspections`)).body?.items?.[0],
    30_000,
  );
  const care = await eventually(
    async () => (await stack.call('auditor', 'GET', `/contracts/${c.id}/care-periods`)).body?.items?.[0],
    30_000,
  );
  await eventually(
    async () => (await stack.call('auditor', 'GET', `/contracts/${c.id}/rectification`)).status === 200,
    20_000,
  );
  await eventually(
    async () => (await stack.call('auditor', 'GET', `/contracts/${c.id}/dongle`)).status === 200,
    20_000,
  );
  await eventually(async () => (await stack.call('auditor', 'GET', `/faults/${caseId}`)).status === 200, 20_000);

  const before = Date.now();
  await stack.client.workflow.getHandle(`rectification:${c.id}`).terminate('terminated in the CLI');
  await stack.client.workflow.getHandle(`dongle:${c.id}`).cancel();
  await stack.client.workflow.getHandle(caseId).terminate('terminated in the Web UI');
  await stack.client.workflow.getHandle(`acceptance:${c.id}:1`).terminate('terminated in the Web UI');
  await stack.client.workflow.getHandle(inspection.workflowId).terminate('terminated in the CLI');
  await stack.client.workflow.getHandle(care.workflowId).cancel();
  const ids = [
    `rectification:${c.id}`,
    `dongle:${c.id}`,
    caseId,
    `acceptance:${c.id}:1`,
    inspection.workflowId,
    care.workflowId,
  ];
  await reconciled(ids);

  const rect = await stack.call('auditor', 'GET', `/contracts/${c.id}/rectification`);
  expect(rect.body.record).toMatchObject({
    status: 'terminated',
    awaiting: 'none',
    nextDeadlineAt: null,
    closed: { how: 'terminated' },
  });
  expect(Date.parse(rect.body.record.closed.at)).toBeGreaterThanOrEqual(before - 1000);
  const dongle = await stack.call('auditor', 'GET', `/contracts/${c.id}/dongle`);
  expect(dongle.body.record).toMatchObject({ status: 'cancelled', closed: { how: 'cancelled' } });
  const list = await stack.call('auditor', 'GET', `/obligations?contractId=${c.id}&status=terminated`);
  expect(list.body.items.map((i: { workflowId: string; running: boolean }) => [i.workflowId, i.running])).toEqual([
    [`rectification:${c.id}`, false],
  ]);
  const fault = await stack.call('auditor', 'GET', `/faults/${caseId}`);
  expect(fault.body).toMatchObject({
    status: 'terminated',
    awaiting: 'none',
    nextDeadlineAt: null,
    closure: { how: 'terminated', at: expect.any(String) },
  });
  const faults = await stack.call('auditor', 'GET', `/faults?contractId=${c.id}`);
  expect(faults.body.items.map((f: { status: string }) => f.status)).toEqual(['terminated']);
  const acc = await stack.call('auditor', 'GET', `/contracts/${c.id}/acceptances/1`);
  expect(acc.body).toMatchObject({ status: 'terminated', closure: { how: 'terminated' } });
  // An action on such a case is refused with the clause, not lost.
  const respond = await stack.call('vendor-engineer', 'POST', `/faults/${caseId}/respond`, {
    engineer: 'Wang',
    how: 'phone',
  });
  expect([respond.status, respond.body.error?.code]).toEqual([409, 'CASE_CLOSED']);
  const insp = await stack.call('auditor', 'GET', `/contracts/${c.id}/inspections`);
  expect(insp.body.items[0]).toMatchObject({
    workflowId: inspection.workflowId,
    status: 'terminated',
    closure: { how: 'terminated' },
  });
  const cares = await stack.call('auditor', 'GET', `/contracts/${c.id}/care-periods`);
  expect(cares.body.items[0]).toMatchObject({
    workflowId: care.workflowId,
    status: 'cancelled',
    closure: { how: 'cancelled' },
  });

  // Issue 10 item 6 (e) for inspection and care too: with their workflows deleted, the record still reads.
  for (const workflowId of [inspection.workflowId, care.workflowId])
    await stack.client.workflowService.deleteWorkflowExecution({
      namespace: 'default',
      workflowExecution: { workflowId },
    });
  for (const workflowId of [inspection.workflowId, care.workflowId]) {
    await eventually(
      async () =>
        stack.client.workflow
          .getHandle(workflowId)
          .describe()
          .then(
            () => false,
            (e: unknown) => e instanceof WorkflowNotFoundError,
          ),
      90_000,
      250,
    );
  }
  expect(
    (await stack.call('auditor', 'GET', `/contracts/${c.id}/inspections/${inspection.year}Q${inspection.quarter}`))
      .body,
  ).toMatchObject({ status: 'terminated' });
  expect((await stack.call('auditor', 'GET', `/contracts/${c.id}/care-periods`)).body.items[0]).toMatchObject({
    status: 'cancelled',
  });
  // A second scan records nothing twice.
  expect((await reconcileClosures(stack.client, stack.db.pool)).filter((x) => x.contractId === c.id)).toEqual([]);
});
