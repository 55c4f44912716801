import { WorkflowNotFoundError } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { addDays, shanghaiDate } from '../../src/domain/time';
import { createLogger } from '../../src/logger';
import { ensureRetention } from '../../src/temporal/namespace';
import { scheduleId } from '../../src/temporal/schedule-options';
import { testEnv } from '../helpers/env';
import { eventually, startStack, type Stack } from '../helpers/stack';
import { agreed, createContract } from '../helpers/fixtures';

// Issue 10 item 6, done-when (e): every family's record lives in PostgreSQL, so a closed case
// still reads after its workflow is deleted from Temporal (retention over), and an update sent
// to it is a 409 naming the clause, not a 404.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const DAY = 86_400_000;
const today = () => shanghaiDate(Date.now());
const eng = (engineerId: string, yearsOnProduct: number) => ({
  engineerId,
  name: engineerId,
  qualification: 'OA certified',
  yearsOnProduct,
  fixed: true,
});
const settle = async (fn: () => ReturnType<Stack['call']>) =>
  eventually(async () => {
    const r = await fn();
    return r.status === 404 || r.body?.error?.code === 'NOT_READY' ? undefined : r;
  }, 20_000);

/** Waits until each workflow completed, deletes them all from Temporal and waits until they are gone. */
async function closedThenDeleted(ids: string[]): Promise<void> {
  for (const workflowId of ids) {
    const status = await eventually(async () => {
      const st = (await stack.client.workflow.getHandle(workflowId).describe()).status.name;
      return st === 'RUNNING' ? undefined : st;
    }, 30_000);
    expect([workflowId, status]).toEqual([workflowId, 'COMPLETED']);
    await stack.client.workflowService.deleteWorkflowExecution({
      namespace: 'default',
      workflowExecution: { workflowId },
    });
  }
  // Deletion runs as a background task of the server: give it time on the shared machine.
  for (const workflowId of ids) {
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
}

jest.setTimeout(180_000);

describe('records outlive Temporal', () => {
  it('when the signing obligations and a staff change closed and their workflows were deleted, then every one still reads from PostgreSQL and refuses updates with 409', async () => {
    const c = await createContract(stack, {
      signedAt: new Date(Date.now() - 60_000).toISOString(),
      goLiveDate: addDays(today(), 40),
    });
    expect(
      (
        await stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/staff`, {
          engineers: [eng('wang', 3), eng('li', 3)],
        })
      ).status,
    ).toBe(201);
    const change = {
      requestId: 'swap-1',
      effectiveDate: addDays(today(), 25),
      remove: ['li'],
      add: [eng('zhang', 4)],
      reason: 'Li moves',
    };
    expect((await stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/staff-changes`, change)).status).toBe(201);
    const declared = await settle(() =>
      stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/dongle/declaration`, {
        removed: [{ kind: 'licence-code', description: 'engine licence key' }],
        statement: 'every restriction is removed',
      }),
    );
    expect(declared.status).toBe(200);
    await eventually(
      async () =>
        (await stack.call('auditor', 'GET', `/contracts/${c.id}/staff-changes/swap-1`)).body?.notice?.required > 0,
      20_000,
    );
    await eventually(
      async () => (await stack.call('auditor', 'GET', `/contracts/${c.id}/go-live`)).status === 200,
      20_000,
    );
    expect((await agreed(stack, 'admin', `/contracts/${c.id}/end`, { reason: 'terminated by agreement' })).status).toBe(
      200,
    );

    const ids = [`rectification:${c.id}`, `golive:${c.id}`, `dongle:${c.id}`, `staff-change:${c.id}:swap-1`];
    await closedThenDeleted(ids);

    const dongle = await stack.call('auditor', 'GET', `/contracts/${c.id}/dongle`);
    expect(dongle.status).toBe(200);
    expect(dongle.body.declarations).toHaveLength(1);
    expect(dongle.body.contractEnded).toMatchObject({ reason: 'terminated by agreement' });
    expect(dongle.body.record).toMatchObject({
      status: 'contract-ended',
      closed: { how: 'completed', at: expect.any(String) },
    });
    const rect = await stack.call('auditor', 'GET', `/contracts/${c.id}/rectification`);
    expect(rect.body).toMatchObject({
      contractId: c.id,
      record: { status: 'contract-ended', closed: { how: 'completed' } },
    });
    const goLive = await stack.call('auditor', 'GET', `/contracts/${c.id}/go-live`);
    expect(goLive.body).toMatchObject({ goLiveDate: addDays(today(), 40), record: { status: 'contract-ended' } });
    const staff = await stack.call('auditor', 'GET', `/contracts/${c.id}/staff-changes/swap-1`);
    expect(staff.body).toMatchObject({ outcome: 'contract-ended', record: { closed: { how: 'completed' } } });
    const all = await stack.call('auditor', 'GET', `/obligations?contractId=${c.id}`);
    expect(
      all.body.items.map((i: { workflowId: string; running: boolean }) => [i.workflowId, i.running]).sort(),
    ).toEqual(ids.map((id) => [id, false]).sort());
    const both = await stack.call('auditor', 'GET', `/contracts/${c.id}/obligations`);
    expect([both.body.rectification?.contractId, both.body.dongle?.contractId, both.body.goLive?.contractId]).toEqual([
      c.id,
      c.id,
      c.id,
    ]);

    const late = await stack.call('hospital-operator', 'POST', `/contracts/${c.id}/dongle/verification`, {
      accepted: true,
    });
    expect([late.status, late.body.error?.code, late.body.error?.clause]).toEqual([409, 'CASE_CLOSED', '4.10']);
    const decided = await stack.call('hospital-approver', 'POST', `/contracts/${c.id}/staff-changes/swap-1/decision`, {
      approved: true,
    });
    expect([decided.status, decided.body.error?.code, decided.body.error?.clause]).toEqual([409, 'CASE_CLOSED', '4.2']);
  });

  it('when a fault case and a yearly acceptance closed and their workflows were deleted, then both still read from PostgreSQL', async () => {
    const c = await createContract(stack, { signedAt: new Date(Date.now() - 400 * DAY).toISOString() });
    const rep = await stack.call('hospital-operator', 'POST', `/contracts/${c.id}/faults`, {
      level: 4,
      title: 'print queue stuck',
      channel: 'phone',
      reporter: 'ward 3',
    });
    expect(rep.status).toBe(201);
    const caseId = rep.body.caseId as string;
    expect(
      (await stack.call('vendor-engineer', 'POST', `/faults/${caseId}/respond`, { engineer: 'Wang', how: 'phone' }))
        .status,
    ).toBe(200);
    expect(
      (await stack.call('vendor-engineer', 'POST', `/faults/${caseId}/resolve`, { summary: 'queue restarted' })).status,
    ).toBe(200);
    expect((await stack.call('hospital-operator', 'POST', `/faults/${caseId}/confirm`, {})).status).toBe(200);

    await stack.client.schedule.getHandle(scheduleId(c.id, 'acceptance')).trigger();
    const path = `/contracts/${c.id}/acceptances/1`;
    await eventually(
      async () => (await stack.call('auditor', 'GET', path)).body?.status === 'awaiting-submission',
      30_000,
    );
    expect((await stack.call('vendor-engineer', 'POST', `${path}/submit`, {})).status).toBe(200);
    expect(
      (
        await stack.call('hospital-approver', 'POST', `${path}/decision`, {
          outcome: 'pass',
          hospitalSignatory: 'dir-zhao',
          vendorSignatory: 'pm-chen',
        })
      ).status,
    ).toBe(200);

    await closedThenDeleted([caseId, `acceptance:${c.id}:1`]);
    const fault = await stack.call('auditor', 'GET', `/faults/${caseId}`);
    expect([fault.status, fault.body.status]).toEqual([200, 'closed']);
    expect(fault.body.timeline.map((f: { type: string }) => f.type)).toEqual(
      expect.arrayContaining(['case.responded', 'case.resolved', 'case.confirmed']),
    );
    const acc = await stack.call('auditor', 'GET', path);
    expect([acc.status, acc.body.status, acc.body.record?.hospitalSignatory]).toEqual([200, 'passed', 'dir-zhao']);
    const reopened = await stack.call('hospital-operator', 'POST', `/faults/${caseId}/reopen`, { reason: 'again' });
    expect([reopened.status, reopened.body.error?.code]).toEqual([409, 'CASE_CLOSED']);
  });

  it("when the worker sets the retention, then the namespace keeps closed workflows the configured days (not the dev server's 24 h)", async () => {
    const connection = await NativeConnection.connect({ address: testEnv.temporalAddress() });
    try {
      await ensureRetention(connection, 'default', 30, createLogger('silent'));
      const d = await connection.workflowService.describeNamespace({ namespace: 'default' });
      expect(Number(d.config?.workflowExecutionRetentionTtl?.seconds)).toBe(30 * 86_400);
    } finally {
      await connection.close();
    }
  });
});
