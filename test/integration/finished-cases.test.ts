import { WorkflowNotFoundError } from '@temporalio/client';
import { addDays, shanghaiDate } from '../../src/domain/time';
import { scheduleId } from '../../src/temporal/schedule-options';
import { eventually, startStack, type Stack } from '../helpers/stack';
import { createContract } from '../helpers/fixtures';

// Issue 10 item 9: one "finished case -> 409 naming the clause" mapping for every route. For
// every family, an action sent through the real API to a case whose workflow was terminated,
// and again once the workflow is deleted from Temporal (its record stays in PostgreSQL), is a
// 409 CASE_CLOSED with the family's clause: never a 500, never a 404.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const DAY = 86_400_000;
const today = () => shanghaiDate(Date.now());
const eng = (engineerId: string) => ({
  engineerId,
  name: engineerId,
  qualification: 'OA',
  yearsOnProduct: 3,
  fixed: true,
});
const contest = { factSeq: 1, reason: 'it was typed in when it happened' };
jest.setTimeout(240_000);

async function gone(workflowId: string): Promise<void> {
  await stack.client.workflowService.deleteWorkflowExecution({
    namespace: 'default',
    workflowExecution: { workflowId },
  });
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

it('when an action is sent to a finished case of any family, then it is 409 CASE_CLOSED naming the clause, terminated or deleted from Temporal', async () => {
  const c = await createContract(stack, {
    signedAt: new Date(Date.now() - 400 * DAY).toISOString(),
    goLiveDate: addDays(today(), 40),
  });
  const rep = await stack.call('hospital-operator', 'POST', `/contracts/${c.id}/faults`, {
    level: 3,
    title: 'slow login',
    channel: 'phone',
    reporter: 'ward 5',
  });
  expect(rep.status).toBe(201);
  expect(
    (await stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/staff`, { engineers: [eng('wang'), eng('li')] }))
      .status,
  ).toBe(201);
  const change = {
    requestId: 'swap-1',
    effectiveDate: addDays(today(), 25),
    remove: ['li'],
    add: [eng('zhang')],
    reason: 'Li moves',
  };
  expect((await stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/staff-changes`, change)).status).toBe(201);
  const request = {
    requestId: 'dict',
    clause: '4.7',
    title: 'database dictionary',
    description: 'the dictionary',
    proposedDueDate: addDays(today(), 14),
  };
  expect((await stack.call('hospital-operator', 'POST', `/contracts/${c.id}/service-requests`, request)).status).toBe(
    201,
  );
  await stack.client.schedule.getHandle(scheduleId(c.id, 'reconcile')).trigger();
  const first = async (path: string) =>
    eventually(
      async () => (await stack.call('auditor', 'GET', path)).body?.items?.[0]?.workflowId as string | undefined,
      30_000,
    );
  const inspection = (await first(`/contracts/${c.id}/inspections`)).split(':').pop()!;
  const care = (await first(`/contracts/${c.id}/care-periods`)).split(':').pop()!;

  // family, workflow id, role, action path, body, clause
  const families: [string, string, string, string, unknown, string][] = [
    [
      'fault',
      rep.body.caseId,
      'vendor-engineer',
      `/faults/${rep.body.caseId}/respond`,
      { engineer: 'Wang', how: 'phone' },
      '4.9.2',
    ],
    [
      'inspection',
      `inspection:${c.id}:${inspection}`,
      'hospital-operator',
      `/contracts/${c.id}/inspections/${inspection}/contest`,
      contest,
      '4.3',
    ],
    [
      'care',
      `care:${c.id}:${care}`,
      'hospital-operator',
      `/contracts/${c.id}/care-periods/${care}/contest`,
      contest,
      '4.1',
    ],
    [
      'acceptance',
      `acceptance:${c.id}:1`,
      'hospital-operator',
      `/contracts/${c.id}/acceptances/1/contest`,
      contest,
      '8',
    ],
    [
      'rectification',
      `rectification:${c.id}`,
      'hospital-operator',
      `/contracts/${c.id}/rectification/review`,
      { decisions: [{ itemId: 'i1', accepted: true }] },
      '6.3',
    ],
    ['go-live', `golive:${c.id}`, 'hospital-operator', `/contracts/${c.id}/go-live/live`, {}, '6.3'],
    [
      'dongle',
      `dongle:${c.id}`,
      'hospital-operator',
      `/contracts/${c.id}/dongle/verification`,
      { accepted: true },
      '4.10',
    ],
    [
      'staff change',
      `staff-change:${c.id}:swap-1`,
      'hospital-approver',
      `/contracts/${c.id}/staff-changes/swap-1/decision`,
      { approved: true },
      '4.2',
    ],
    [
      'service request',
      `service:${c.id}:dict`,
      'hospital-operator',
      `/contracts/${c.id}/service-requests/dict/contest`,
      contest,
      '4.7',
    ],
  ];
  // Each case has written its record (it exists) before it is finished outside the API.
  for (const [family, workflowId] of families)
    await eventually(
      async () =>
        (
          await stack.db.pool.query(
            'SELECT 1 FROM case_records WHERE case_id = $1 UNION ALL SELECT 1 FROM obligation_records WHERE workflow_id = $1',
            [workflowId],
          )
        ).rowCount
          ? family
          : undefined,
      30_000,
    );
  for (const [, workflowId] of families)
    await stack.client.workflow.getHandle(workflowId).terminate('finished in the CLI');

  const answers = async () => {
    const out: unknown[] = [];
    for (const [family, , role, path, body] of families) {
      const r = await stack.call(role as never, 'POST', path, body);
      out.push([family, r.status, r.body.error?.code, r.body.error?.clause]);
    }
    return out;
  };
  const want = families.map(([family, , , , , clause]) => [family, 409, 'CASE_CLOSED', clause]);
  expect(await answers()).toEqual(want);
  for (const [, workflowId] of families) await gone(workflowId);
  expect(await answers()).toEqual(want);
});
