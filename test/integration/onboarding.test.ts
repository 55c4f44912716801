import { addDays, shanghaiDate } from '../../src/domain/time';
import { quarterAt } from '../../src/domain/cycles';
import { eventually, startStack, type Stack } from '../helpers/stack';
import { contractBody, createContract } from '../helpers/fixtures';

// Issue 10 item 4 (part): a contract signed ten months ago is entered with the facts of its
// signing obligations at their times; the platform judges them as it would have live and
// invents nothing (before: CNY 50,000 for the dongle, "demand all payments back", the plan
// marked missed, go-live deductions).
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const DAY = 86_400_000;
jest.setTimeout(120_000);

it('when a contract signed ten months ago is entered with its dongle, plan and go-live facts on time, then no penalty, rights event or missed plan is invented', async () => {
  const signedMs = Date.now() - 300 * DAY;
  const at = (days: number) => new Date(signedMs + days * DAY).toISOString();
  const goLiveDate = shanghaiDate(signedMs + 60 * DAY);
  const c = await createContract(stack, {
    signedAt: new Date(signedMs).toISOString(),
    goLiveDate,
    onboarding: {
      dongle: { declaredAt: at(3), verifiedAt: at(4) },
      rectification: {
        planSubmittedAt: at(5),
        items: [
          { itemId: 'idx', description: 'rebuild indexes', dueDate: shanghaiDate(signedMs + 30 * DAY), doneAt: at(20) },
        ],
      },
      goLive: { liveAt: at(50) },
    },
  });
  const read = (path: string, ok: (b: any) => boolean) =>
    eventually(async () => {
      const r = await stack.call('auditor', 'GET', `/contracts/${c.id}/${path}`);
      return r.status === 200 && ok(r.body) ? r.body : undefined;
    }, 30_000);
  const dongle = await read('dongle', (b) => b.declarations?.length === 1);
  expect(dongle).toMatchObject({
    deadlineMissed: false,
    findings: [],
    record: { status: 'verified', breached: false },
  });
  // Its entered facts stay contestable (item 6), so the cases stay open for statedTimes.contestHours.
  const rect = await read('rectification', (b) => b.items?.[0]?.status === 'done');
  expect(rect.plan).toMatchObject({ late: false });
  expect(Date.parse(rect.plan.submittedAt)).toBe(Date.parse(at(5))); // answered in +08:00 (issue 15)
  expect(rect.planBreach).toBeNull();
  expect(rect.items[0]).toMatchObject({ itemId: 'idx', status: 'done', daysLate: 0 });
  const goLive = await read('go-live', (b) => b.liveAt != null);
  expect(goLive).toMatchObject({ periodsCharged: 0, breachRaised: false });
  expect(Date.parse(goLive.liveAt)).toBe(Date.parse(at(50)));
  const ledger = await stack.call('auditor', 'GET', `/ledger?contractId=${c.id}`);
  expect(ledger.body.items).toEqual([]);
  expect((await stack.call('auditor', 'GET', `/rights-events?contractId=${c.id}`)).body.items).toEqual([]);

  // Item 6: the entered declaration is the admin's statement on the vendor's behalf; the hospital may contest it.
  const { rows } = await stack.db.pool.query(
    `SELECT seq, stated_by AS "statedBy", on_behalf_of AS "onBehalfOf", recorded_role AS role FROM case_facts
      WHERE case_id = $1 AND type = 'removal.declare'`,
    [`dongle:${c.id}`],
  );
  expect(rows).toEqual([{ seq: expect.any(Number), statedBy: 'vendor', onBehalfOf: 'vendor', role: 'admin' }]);
  const own = await stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/dongle/contest`, {
    factSeq: rows[0].seq,
    reason: 'ours',
  });
  expect([own.status, own.body.error?.code]).toEqual([409, 'CONTEST_OWN_STATEMENT']);
  const contest = await stack.call('hospital-operator', 'POST', `/contracts/${c.id}/dongle/contest`, {
    factSeq: rows[0].seq,
    reason: 'the declaration reached us a week later',
  });
  expect(contest.status).toBe(200);
  expect(contest.body.stated).toMatchObject({ statedBy: 'vendor', contest: { party: 'hospital' } });
});

it("when an onboarded fact is late, then it is judged as it was live; facts outside the contract's life or by another role are refused", async () => {
  const signedMs = Date.now() - 300 * DAY;
  const at = (days: number) => new Date(signedMs + days * DAY).toISOString();
  const c = await createContract(stack, {
    signedAt: new Date(signedMs).toISOString(),
    onboarding: {
      dongle: { declaredAt: at(3), verifiedAt: at(4) },
      rectification: {
        planSubmittedAt: at(5),
        items: [
          { itemId: 'idx', description: 'rebuild indexes', dueDate: shanghaiDate(signedMs + 30 * DAY), doneAt: at(33) },
        ],
      },
    },
  });
  const rect = await eventually(async () => {
    const r = await stack.call('auditor', 'GET', `/contracts/${c.id}/rectification`);
    return r.body?.items?.[0]?.status === 'done' ? r.body : undefined;
  }, 30_000);
  expect(rect.items[0].daysLate).toBeGreaterThanOrEqual(2);
  const entries = await eventually(async () => {
    const r = await stack.call('auditor', 'GET', `/ledger?contractId=${c.id}`);
    return r.body.items?.length ? r.body.items : undefined;
  }, 20_000);
  expect(entries.map((e: { clause: string; caseId: string }) => [e.clause, e.caseId])).toEqual([
    ['6.3', `rectification:${c.id}`],
  ]);

  const before = await stack.call('admin', 'POST', '/contracts', {
    name: 'n',
    hospital: 'h',
    vendor: 'v',
    signedAt: new Date(signedMs).toISOString(),
    amountFen: '300',
    yearlyFees: ['100', '100', '100'],
    onboarding: { goLive: { liveAt: new Date(signedMs - DAY).toISOString() } },
  });
  expect([before.status, before.body.error?.field]).toEqual([400, 'onboarding.goLive.liveAt']);
  const future = await stack.call('admin', 'POST', '/contracts', {
    name: 'n',
    hospital: 'h',
    vendor: 'v',
    signedAt: new Date(signedMs).toISOString(),
    amountFen: '300',
    yearlyFees: ['100', '100', '100'],
    onboarding: { dongle: { declaredAt: addDays(shanghaiDate(Date.now()), 2) + 'T09:00:00+08:00' } },
  });
  expect([future.status, future.body.error?.field]).toEqual([400, 'onboarding.dongle.declaredAt']);
  const approver = await stack.call('hospital-approver', 'POST', '/contracts', {
    name: 'n',
    hospital: 'h',
    vendor: 'v',
    signedAt: new Date(signedMs).toISOString(),
    amountFen: '300',
    yearlyFees: ['100', '100', '100'],
    onboarding: { dongle: { declaredAt: at(2) } },
  });
  expect(approver.status).toBe(403);
});

// The schedules fire at each quarter's and year's start and the reconcile daily at 00:35
// Shanghai, so before the registration hook a contract signed 40 days ago had no period at all
// until one of those firings (up to a day, or the rest of the quarter).
it('when a contract is registered, then its current inspection quarter, care period and yearly acceptance exist at once, not at the next daily run', async () => {
  const signedMs = Date.now() - 40 * DAY;
  const c = await createContract(stack, { signedAt: new Date(signedMs).toISOString() });
  const q = quarterAt(signedMs, Date.now())!;
  const list = (path: string) =>
    eventually(async () => {
      const r = await stack.call('auditor', 'GET', `/contracts/${c.id}/${path}`);
      return r.body.items?.length ? r.body.items : undefined;
    }, 20_000);
  const [inspections, care, acceptances] = [
    await list('inspections'),
    await list('care-periods'),
    await list('acceptances'),
  ];
  expect(inspections.map((p: { year: number; quarter: number }) => [p.year, p.quarter])).toEqual([[q.year, q.quarter]]);
  expect(inspections[0]).toMatchObject({ status: 'open', breached: false });
  expect(care.map((p: { year: number; quarter: number }) => [p.year, p.quarter])).toEqual([[q.year, q.quarter]]);
  expect(acceptances.map((a: { year: number; status: string }) => [a.year, a.status])).toEqual([
    [1, 'waiting-year-end'],
  ]);
  // Started by the registration, as the daily reconcile would have at that instant.
  const launch = await stack.client.workflow.getHandle(`weibao-launch:registered:${c.id}`).result();
  expect(launch.started.sort()).toEqual(
    [`acceptance:${c.id}:1`, `care:${c.id}:${q.year}Q${q.quarter}`, `inspection:${c.id}:${q.year}Q${q.quarter}`].sort(),
  );
  const ledger = (await stack.call('auditor', 'GET', `/ledger?contractId=${c.id}`)).body.items;
  expect(ledger.filter((e: { caseKind: string }) => ['inspection', 'care', 'acceptance'].includes(e.caseKind))).toEqual(
    [],
  ); // the open quarter is not due yet (only the signing obligations, not entered here, are late)
});

it('when an entered fault does not fit its live case (a time before signing or in the future, facts out of order, a level that does not exist, one id twice, a store citation, a review before its document, an analysis a level 3 does not owe, a reopening without a resolution or before it, a resolution of a round before its reopening, a re-grade to the same level), then it is refused naming the field and the clause, and nothing is registered', async () => {
  const signedMs = Date.now() - 300 * DAY;
  const at = (ms: number) => new Date(ms).toISOString();
  const t0 = Date.now() - 5 * 3_600_000;
  const fault = (over: Record<string, unknown> = {}) => ({
    faultId: 'f1',
    level: 2,
    title: 'the OA portal is down',
    channel: 'phone',
    reporter: 'Nurse Li',
    reportedAt: at(t0),
    ...over,
  });
  const response = (ms: number) => ({ at: at(ms), engineer: 'Wang', how: 'phone' });
  const analysis = (ms: number, reference = 'archive/A-1') => ({ at: at(ms), reference, checksum: 'ab'.repeat(32) });
  const cases: [unknown[], string, string][] = [
    [[fault({ reportedAt: at(signedMs - DAY) })], 'onboarding.faults.0.reportedAt', '3'],
    [[fault({ response: response(Date.now() + DAY) })], 'onboarding.faults.0.response.at', '3'],
    [[fault({ response: response(t0 - 60_000) })], 'onboarding.faults.0.response.at', '4.9.4'],
    [[fault({ resolution: { at: at(t0 + 60_000), summary: 'fixed' } })], 'onboarding.faults.0.resolution.at', '4.9.2'],
    [
      [fault({ response: response(t0 + 60_000), onsite: { at: at(t0 + 30_000), engineer: 'Wang' } })],
      'onboarding.faults.0.onsite.at',
      '4.9.2',
    ],
    [
      [
        fault({
          response: response(t0 + 60_000),
          resolution: { at: at(t0 + 120_000), summary: 'fixed' },
          onsite: { at: at(t0 + 180_000), engineer: 'Wang' },
        }),
      ],
      'onboarding.faults.0.onsite.at',
      '4.9.2',
    ],
    [[fault({ level: 7 })], 'onboarding.faults.0.level', '4.9.3'],
    // The rest of the live case's facts (4.9.2, 4.9.3): each refused as the live rules refuse it.
    [
      [fault({ response: response(t0 + 60_000), analysis: [analysis(t0 + 120_000, `doc_${'0'.repeat(32)}@1`)] })],
      'onboarding.faults.0.analysis.0.reference',
      '4.9.2',
    ],
    [
      [
        fault({
          response: response(t0 + 60_000),
          analysis: [{ ...analysis(t0 + 120_000), review: { at: at(t0 + 90_000), decision: 'accept' } }],
        }),
      ],
      'onboarding.faults.0.analysis.0.review.at',
      '4.9.2',
    ],
    [
      [fault({ level: 3, response: response(t0 + 60_000), analysis: [analysis(t0 + 120_000)] })],
      'onboarding.faults.0.analysis.0.at',
      '4.9.2',
    ],
    [
      [fault({ response: response(t0 + 60_000), reopenings: [{ at: at(t0 + 120_000), reason: 'not fixed' }] })],
      'onboarding.faults.0.reopenings.0.at',
      '4.9.2',
    ],
    // Rounds (4.9.2): a reopening before the resolution it reopens; a round's work before its reopening.
    [
      [
        fault({
          response: response(t0 + 60_000),
          resolution: { at: at(t0 + 180_000), summary: 'fixed' },
          reopenings: [{ at: at(t0 + 120_000), reason: 'not fixed' }],
        }),
      ],
      'onboarding.faults.0.reopenings.0.at',
      '4.9.2',
    ],
    [
      [
        fault({
          response: response(t0 + 60_000),
          resolution: { at: at(t0 + 120_000), summary: 'fixed' },
          reopenings: [
            { at: at(t0 + 240_000), reason: 'not fixed', resolution: { at: at(t0 + 180_000), summary: 'again' } },
          ],
        }),
      ],
      'onboarding.faults.0.reopenings.0.resolution.at',
      '4.9.2',
    ],
    [
      [fault({ response: response(t0 + 60_000), regrades: [{ at: at(t0 + 120_000), level: 2, reason: 'same' }] })],
      'onboarding.faults.0.regrades.0.at',
      '4.9.3',
    ],
    [[fault(), fault({ title: 'again' })], 'onboarding.faults.1.faultId', '4.9'],
  ];
  for (const [faults, field, clause] of cases)
    for (const q of ['?dryRun=true', '']) {
      const body = contractBody({ signedAt: at(signedMs), onboarding: { faults } });
      const r = await stack.call('admin', 'POST', `/contracts${q}`, body);
      expect([r.status, r.body.error?.field, r.body.error?.clause]).toEqual([400, field, clause]);
      expect((await stack.call('auditor', 'GET', `/contracts/${body.id}`)).status).toBe(404);
    }
});
