import { addDays, addMonths, endOfShanghaiDay, shanghaiDate, startOfShanghaiDay } from '../../src/domain/time';
import {
  goLiveStateQuery,
  decideExtensionUpdate,
  recordGoLiveUpdate,
  requestExtensionUpdate,
} from '../../src/workflows/obligations/go-live';
import {
  declareRemovedUpdate,
  dongleStateQuery,
  reportRestrictionUpdate,
  verifyRemovalUpdate,
} from '../../src/workflows/obligations/dongle';
import { approver, DAY, failureOf, HOUR, operator, sleepUntil, useHarness, until, vendor } from './obligations-harness';

const h = useHarness('gld');
let seq = 0;

describe('go-live (6.3)', () => {
  async function start(goLiveDate: string) {
    const contractId = `C-gl-${++seq}`;
    const now = await h.env.currentTimeMs();
    const handle = await h.env.client.workflow.start('goLiveWorkflow', {
      taskQueue: h.taskQueue,
      workflowId: `golive:${contractId}`,
      args: [{ contractId, signedAt: new Date(now).toISOString(), goLiveDate }],
    });
    const state = () => handle.query(goLiveStateQuery);
    await until(state, (s) => s.latestExtension !== '');
    return { contractId, handle, state, wf: `golive:${contractId}` };
  }

  it('when one extension of at most a month is approved and go-live is still missed, then 5% accrues per completed 7 days and 20% raises the breach once', async () => {
    const goLive = addDays(shanghaiDate(await h.env.currentTimeMs()), 5);
    const c = await start(goLive);
    const newDate = addMonths(goLive, 1);
    expect(
      await failureOf(
        c.handle.executeUpdate(requestExtensionUpdate, {
          args: [{ actor: vendor, newDate: addDays(newDate, 1), reason: 'data migration' }],
        }),
      ),
    ).toMatchObject({ code: 'EXTENSION_TOO_LONG', clause: '6.3' });
    await sleepUntil(h.env, endOfShanghaiDay(goLive) + 2 * DAY); // missed go-live: the request still comes in writing
    await c.handle.executeUpdate(requestExtensionUpdate, {
      args: [{ actor: vendor, newDate, reason: 'data migration of the HR interface' }],
    });
    expect(
      await failureOf(
        c.handle.executeUpdate(requestExtensionUpdate, { args: [{ actor: vendor, newDate, reason: 'again' }] }),
      ),
    ).toMatchObject({ code: 'EXTENSION_ALREADY_REQUESTED' });
    expect(
      (await failureOf(c.handle.executeUpdate(decideExtensionUpdate, { args: [{ actor: operator, approved: true }] })))
        .type,
    ).toBe('Forbidden');
    await h.env.sleep(6 * DAY); // a pending request charges nothing
    expect(h.f.propose.filter((p) => p.caseId === c.wf)).toHaveLength(0);
    await c.handle.executeUpdate(decideExtensionUpdate, {
      args: [{ actor: approver, approved: true, note: 'approved in writing' }],
    });
    expect((await c.state()).deadlineDate).toBe(newDate);

    await sleepUntil(h.env, startOfShanghaiDay(addDays(newDate, 7)) - HOUR); // 6 days late: nothing yet
    expect(h.f.propose.filter((p) => p.caseId === c.wf)).toHaveLength(0);
    await h.env.sleep(2 * HOUR); // 7 days late: the first period
    await until(
      async () => h.f.propose.filter((p) => p.caseId === c.wf),
      (x) => x.length === 1,
    );
    expect(h.f.propose.find((p) => p.caseId === c.wf)).toMatchObject({
      key: `${c.wf}:period:1`,
      clause: '6.3',
      amountFen: '6172839',
      caseKind: 'golive',
    });
    await sleepUntil(h.env, startOfShanghaiDay(addDays(newDate, 21)) + HOUR);
    await until(
      async () => h.f.propose.filter((p) => p.caseId === c.wf),
      (x) => x.length === 3,
    );
    expect(h.f.rights.filter((r) => r.contractId === c.contractId)).toHaveLength(0);
    await sleepUntil(h.env, startOfShanghaiDay(addDays(newDate, 28)) + HOUR); // 4 periods = 20%
    await until(
      async () => h.f.rights.filter((r) => r.contractId === c.contractId),
      (x) => x.length === 1,
    );
    const entries = h.f.propose.filter((p) => p.caseId === c.wf);
    expect(entries.reduce((a, p) => a + BigInt(p.amountFen), 0n)).toBe(24_691_358n); // 20% of 123,456,789 rounded once
    expect(h.f.rights.find((r) => r.contractId === c.contractId)).toMatchObject({
      key: `${c.contractId}:golive:20`,
      right: 'breach-terminate-refund-pending-confirmation',
      clause: '6.3',
      numbers: expect.objectContaining({
        basis: 'proposed',
        goLiveDeductionsFen: '24691358',
        authoritativeEventKey: `${c.contractId}:threshold-20`,
      }),
    });
    await h.env.sleep(8 * DAY);
    await c.handle.executeUpdate(recordGoLiveUpdate, { args: [{ actor: operator }] });
    const final = await c.handle.result();
    expect(final).toMatchObject({ periodsCharged: 5, breachRaised: true, daysLate: 36 });
    expect(h.f.rights.filter((r) => r.contractId === c.contractId)).toHaveLength(1);
  });

  it('when go-live is recorded on the go-live date, then nothing is charged and the case closes', async () => {
    const goLive = addDays(shanghaiDate(await h.env.currentTimeMs()), 3);
    const c = await start(goLive);
    await sleepUntil(h.env, endOfShanghaiDay(goLive) - HOUR);
    await c.handle.executeUpdate(recordGoLiveUpdate, { args: [{ actor: operator }] });
    expect(await c.handle.result()).toMatchObject({ periodsCharged: 0, daysLate: 0, chargedFen: '0' });
  });
});

describe('dongle and lock removal (4.10, 6.6)', () => {
  async function start() {
    const contractId = `C-dg-${++seq}`;
    const now = await h.env.currentTimeMs();
    const handle = await h.env.client.workflow.start('dongleWorkflow', {
      taskQueue: h.taskQueue,
      workflowId: `dongle:${contractId}`,
      args: [{ contractId, signedAt: new Date(now).toISOString() }],
    });
    const state = () => handle.query(dongleStateQuery);
    await until(state, (s) => s.deadline.lastDay !== '');
    return { contractId, handle, state, wf: `dongle:${contractId}` };
  }
  const removed = [{ kind: 'licence-code' as const, description: 'annual licence key of the workflow engine' }];

  it('when nothing is declared within 7 working days, then CNY 50,000 and the rights event are proposed once', async () => {
    const c = await start();
    const s = await c.state();
    await sleepUntil(h.env, Date.parse(s.deadline.deadlineAt) - HOUR);
    expect(h.f.propose.filter((p) => p.caseId === c.wf)).toHaveLength(0);
    await h.env.sleep(2 * HOUR);
    await until(
      async () => h.f.propose.filter((p) => p.caseId === c.wf),
      (x) => x.length === 1,
    );
    expect(h.f.propose.find((p) => p.caseId === c.wf)).toMatchObject({
      key: `${c.wf}:deadline-missed`,
      clause: '6.6',
      amountFen: '5000000',
    });
    expect(h.f.rights.filter((r) => r.contractId === c.contractId)).toEqual([
      expect.objectContaining({ right: 'demand-payments-back', clause: '6.6' }),
    ]);
  });

  it('when a restriction is found later, then the 6.6 exception applies only with a recorded hospital change notified less than a week ahead', async () => {
    const c = await start();
    const now = await h.env.currentTimeMs();
    h.f.changes = [
      {
        changeId: 'ip-late',
        kind: 'ip',
        changedAt: new Date(now + 10 * DAY).toISOString(),
        notifiedAt: new Date(now + 5 * DAY).toISOString(),
      },
      {
        changeId: 'srv-early',
        kind: 'server',
        changedAt: new Date(now + 10 * DAY).toISOString(),
        notifiedAt: new Date(now + 2 * DAY).toISOString(),
      },
    ];
    expect(
      (
        await failureOf(
          c.handle.executeUpdate(declareRemovedUpdate, {
            args: [{ actor: operator, removed, statement: 'all restrictions removed' }],
          }),
        )
      ).type,
    ).toBe('Forbidden');
    await c.handle.executeUpdate(declareRemovedUpdate, {
      args: [{ actor: vendor, removed, statement: 'every dongle, time lock and licence code removed' }],
    });
    await c.handle.executeUpdate(verifyRemovalUpdate, { args: [{ actor: operator, accepted: true }] });
    await h.env.sleep(20 * DAY);
    expect(h.f.propose.filter((p) => p.caseId === c.wf)).toHaveLength(0);
    for (const [findingId, relatedChangeId] of [
      ['f-late', 'ip-late'],
      ['f-early', 'srv-early'],
      ['f-unrecorded', 'mac-never-recorded'],
      ['f-none', undefined],
    ] as const) {
      await c.handle.executeUpdate(reportRestrictionUpdate, {
        args: [
          {
            actor: operator,
            findingId,
            description: 'licence check stopped the system',
            ...(relatedChangeId ? { relatedChangeId } : {}),
          },
        ],
      });
    }
    expect(
      await failureOf(
        c.handle.executeUpdate(reportRestrictionUpdate, {
          args: [{ actor: operator, findingId: 'f-none', description: 'again' }],
        }),
      ),
    ).toMatchObject({ code: 'FINDING_EXISTS' });
    const s = await until(c.state, (x) => x.findings.every((f) => f.outcome !== 'pending'));
    expect(Object.fromEntries(s.findings.map((f) => [f.findingId, f.outcome]))).toEqual({
      'f-late': 'exempt',
      'f-early': 'penalised',
      'f-unrecorded': 'penalised',
      'f-none': 'penalised',
    });
    // The proposals go with the record write of the judged state, the rights events right after it.
    await until(
      async () => h.f.rights.filter((r) => r.contractId === c.contractId),
      (x) => x.length === 3,
    );
    expect(
      h.f.propose
        .filter((p) => p.caseId === c.wf)
        .map((p) => p.key)
        .sort(),
    ).toEqual(['f-early', 'f-none', 'f-unrecorded'].map((f) => `${c.wf}:finding:${f}`).sort());
    h.f.changes = [];
  });

  it('when a declaration is rejected within the 7 working days and not renewed, then the deadline is missed once; a rejection after it is a finding', async () => {
    const c = await start();
    await c.handle.executeUpdate(declareRemovedUpdate, {
      args: [{ actor: vendor, removed, statement: 'every dongle, time lock and licence code removed' }],
    });
    await c.handle.executeUpdate(verifyRemovalUpdate, {
      args: [{ actor: operator, accepted: false, note: 'the time lock is still active' }],
    });
    expect((await c.state()).findings).toHaveLength(0);
    await sleepUntil(h.env, Date.parse((await c.state()).deadline.deadlineAt) + HOUR);
    await until(
      async () => h.f.propose.filter((p) => p.caseId === c.wf),
      (x) => x.length === 1,
    );
    expect(h.f.propose.find((p) => p.caseId === c.wf)!.key).toBe(`${c.wf}:deadline-missed`);
    await c.handle.executeUpdate(declareRemovedUpdate, {
      args: [{ actor: vendor, removed, statement: 'the time lock is removed as well now' }],
    });
    await c.handle.executeUpdate(verifyRemovalUpdate, {
      args: [{ actor: operator, accepted: false, note: 'a licence code still expires' }],
    });
    const s = await until(c.state, (x) => x.findings.length === 1 && x.findings[0]!.outcome !== 'pending');
    expect(s.findings[0]).toMatchObject({ findingId: 'verification-2', outcome: 'penalised', penaltyFen: '5000000' });
    expect(h.f.propose.filter((p) => p.caseId === c.wf)).toHaveLength(2);
  });
});
