import { eventually, startStack, type Stack } from '../helpers/stack';
import { agreed, createContract } from '../helpers/fixtures';

// Issue 10 item 7: a calendar year loaded through the API and a terms amendment reach the
// running obligations at once (not at their daily re-read), recorded as a fact in each case.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const eng = (engineerId: string, yearsOnProduct: number) => ({
  engineerId,
  name: engineerId,
  qualification: 'OA certified',
  yearsOnProduct,
  fixed: true,
});
const facts = (body: { history?: { action: string }[] }) => (body.history ?? []).map((h) => h.action);

it('when a calendar year is loaded and the terms are amended, then a provisional staff notice becomes final within seconds and every running obligation records both', async () => {
  const c = await createContract(stack, { signedAt: new Date(Date.now() - 60_000).toISOString() });
  expect(
    (
      await stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/staff`, {
        engineers: [eng('wang', 3), eng('li', 3)],
      })
    ).status,
  ).toBe(201);
  // 2027 is not shipped: a notice running into it is counted Mon-Fri and flagged provisional.
  const change = {
    requestId: 'swap-27',
    effectiveDate: '2027-01-20',
    remove: ['li'],
    add: [eng('zhang', 4)],
    reason: 'Li moves',
  };
  expect((await stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/staff-changes`, change)).status).toBe(201);
  const path = `/contracts/${c.id}/staff-changes/swap-27`;
  const before = await eventually(async () => {
    const r = await stack.call('auditor', 'GET', path);
    return r.body?.notice?.required ? r.body : undefined;
  }, 20_000);
  expect(before.notice).toMatchObject({ provisional: true, provisionalYears: [2027] });
  await eventually(
    async () => (await stack.call('auditor', 'GET', `/contracts/${c.id}/dongle`)).status === 200,
    20_000,
  );

  const load = await stack.call('admin', 'PUT', '/calendar/years/2027', {
    holidays: ['2027-01-01'],
    workdays: [],
    source: 'State Council notice 2027 (test)',
  });
  expect(load.status).toBe(200);
  expect(load.body.obligationsReached).toBeGreaterThanOrEqual(3); // rectification, dongle, the staff change
  const after = await eventually(async () => {
    const r = await stack.call('auditor', 'GET', path);
    return r.body?.notice?.provisional === false ? r.body : undefined;
  }, 10_000);
  expect(after.notice.provisionalYears).toEqual([]);
  expect(facts(after).some((a) => a.startsWith('calendar.reloaded (2027'))).toBe(true);
  for (const kind of ['dongle', 'rectification']) {
    const o = await eventually(async () => {
      const r = await stack.call('auditor', 'GET', `/contracts/${c.id}/${kind}`);
      return facts(r.body).some((a) => a.startsWith('calendar.reloaded')) ? r.body : undefined;
    }, 10_000);
    expect(o.contractId).toBe(c.id);
  }

  const amend = await agreed(stack, 'admin', `/contracts/${c.id}/amendments`, {
    effectiveAt: new Date(Date.parse(c.signedAt) + 1000).toISOString(),
    terms: { workingDays: { staffNotice: 10 } },
    reason: 'notice corrected to 10 working days',
  });
  expect(amend.status).toBe(201);
  const amended = await eventually(async () => {
    const r = await stack.call('auditor', 'GET', path);
    return r.body?.notice?.required === 10 ? r.body : undefined;
  }, 10_000);
  expect(facts(amended)).toContain('terms.reloaded (terms version 2)');
});
