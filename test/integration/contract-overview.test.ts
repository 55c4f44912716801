// GET /contracts/{id}/overview (issue 16, the console's contract page in one read): every section
// is what its own route answers, the refusals are the contract read's (403 outside the key's
// contracts, 404 for no contract), and the answer matches its declared schema (the stack runs
// with VALIDATE_RESPONSES, so a section answering another shape is a 500).
import { createApiKey } from '../../src/api/api-keys';
import { eventually, startStack, type Stack } from '../helpers/stack';
import { createContract } from '../helpers/fixtures';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const DAY = 86_400_000;

test('when a contract with obligations, payments and a confirmed penalty is read as its overview, then each section equals the answer of its own route', async () => {
  const c = await createContract(stack, { signedAt: new Date(Date.now() - 400 * DAY).toISOString() });
  const proposed = await stack.call('hospital-approver', 'POST', '/ledger', {
    contractId: c.id,
    clause: '6.5',
    rate: '0.1',
    fact: 'database dictionary not delivered (4.7)',
    occurredAt: new Date(Date.now() - 200 * DAY).toISOString(),
  });
  expect(proposed.status).toBe(201);
  expect((await stack.call('hospital-approver', 'POST', `/ledger/${proposed.body.id}/confirm`, {})).status).toBe(200);
  const id = encodeURIComponent(c.id);
  const own = {
    contract: `/contracts/${id}`,
    obligations: `/contracts/${id}/obligations`,
    inspections: `/contracts/${id}/inspections`,
    care: `/contracts/${id}/care-periods`,
    acceptances: `/contracts/${id}/acceptances`,
    payments: `/contracts/${id}/payments`,
    staff: `/contracts/${id}/staff`,
    serviceRequests: `/contracts/${id}/service-requests`,
    ledger: `/ledger?contractId=${id}`,
    totals: `/ledger/totals?contractId=${id}`,
  };
  // The signing obligations' workflows write their records as they start: read until both reads agree.
  const got = await eventually(async () => {
    const overview = await stack.call('finance', 'GET', `/contracts/${id}/overview`);
    expect(overview.status).toBe(200);
    if (!overview.body.obligations.rectification || overview.body.payments.items.length === 0) return undefined;
    const separate: Record<string, unknown> = {};
    for (const [k, path] of Object.entries(own)) {
      const res = await stack.call('finance', 'GET', path);
      expect([path, res.status]).toEqual([path, 200]);
      separate[k] = res.body;
    }
    return JSON.stringify(overview.body) === JSON.stringify(separate) ? overview.body : undefined;
  }, 20_000);
  expect(Object.keys(got).sort()).toEqual(Object.keys(own).sort());
  expect(got.ledger.items).toEqual(
    expect.arrayContaining([expect.objectContaining({ id: proposed.body.id, status: 'confirmed' })]),
  );
  expect(got.totals).toMatchObject({ confirmedFen: proposed.body.amountFen, amountFen: c.amountFen });
  expect(got.totals.thresholds.map((t: { clause: string }) => t.clause).sort()).toEqual(['6.3', '6.4/6.5']);
});

test('when the overview is asked for outside the key’s contracts or for no contract, then it is refused as the contract read is (403, 404)', async () => {
  const a = await createContract(stack);
  const b = await createContract(stack);
  const onlyA = (await createApiKey(stack.db.pool, { name: 'only-a', role: 'auditor', contracts: [a.id] })).key;
  const as = (path: string) => fetch(`${stack.baseUrl}${path}`, { headers: { authorization: `Bearer ${onlyA}` } });
  expect((await as(`/contracts/${a.id}/overview`)).status).toBe(200);
  const outside = await as(`/contracts/${b.id}/overview`);
  expect([outside.status, (await as(`/contracts/${b.id}`)).status]).toEqual([403, 403]);
  const none = await stack.call('auditor', 'GET', '/contracts/C-NO-SUCH/overview');
  const noContract = await stack.call('auditor', 'GET', '/contracts/C-NO-SUCH');
  expect([none.status, none.body.error.code]).toEqual([404, noContract.body.error.code]);
  expect((await stack.call(null, 'GET', `/contracts/${a.id}/overview`)).status).toBe(401);
});
