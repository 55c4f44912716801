import { eventually, startStack, type Stack } from '../helpers/stack';
import { createContract } from '../helpers/fixtures';

// Issue 10: a rights event whose breach a later fact superseded is withdrawn as a fact with its
// time and cause, and the API shows it withdrawn (the event itself stays in the record). Here
// the dongle deadline (4.10) passed at registration (CNY 50,000 and demand-payments-back, 6.6);
// the vendor then states a declaration before the deadline, within the contract's window.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const DAY = 86_400_000;

it('when a declaration stated before the dongle deadline supersedes the breach, then its demand-payments-back event reads withdrawn with the cause', async () => {
  const c = await createContract(stack, {
    signedAt: new Date(Date.now() - 20 * DAY).toISOString(),
    terms: { statedTimes: { backdateHours: { default: 24, dongleDeclaration: 24 * 30 } } },
  });
  const rights = async () =>
    (await stack.call('hospital-approver', 'GET', `/rights-events?contractId=${c.id}`)).body.items as {
      key: string;
      right: string;
      withdrawn: { at: string; cause: string } | null;
    }[];
  const raised = await eventually(async () => {
    const r = (await rights()).find((x) => x.key === `${c.id}:dongle:deadline-missed`);
    return r ?? undefined;
  }, 30_000);
  expect(raised).toMatchObject({ right: 'demand-payments-back', withdrawn: null });
  const dongle = (await stack.call('auditor', 'GET', `/contracts/${c.id}/dongle`)).body;
  const before = new Date(Date.parse(dongle.deadline.deadlineAt) - 3_600_000).toISOString();
  const declared = await stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/dongle/declaration`, {
    removed: [{ kind: 'licence-code', description: 'engine licence key' }],
    statement: 'every restriction was removed before the deadline',
    occurredAt: before,
  });
  expect(declared.status).toBe(200);
  const withdrawn = await eventually(async () => {
    const r = (await rights()).find((x) => x.key === `${c.id}:dongle:deadline-missed`);
    return r?.withdrawn ? r : undefined;
  }, 30_000);
  // the cause in the answer's language (issue 15): Chinese by default with Beijing time, the English as written when asked
  expect(withdrawn.withdrawn!.cause).toMatch(
    /^被事实 \d+ 取代：解除已在 \d{4}-\d{2}-\d{2} \d{2}:\d{2} \+08:00 前声明（4\.10）$/,
  );
  const english = await stack.call('auditor', 'GET', `/rights-events?contractId=${c.id}`, undefined, {
    'accept-language': 'en',
  });
  expect(english.body.items.find((x: { key: string }) => x.key === withdrawn.key).withdrawn.cause).toMatch(
    /^superseded by fact \d+: the removal was declared before /,
  );
  const notice = await eventually(
    async () =>
      (
        await stack.db.pool.query('SELECT topic FROM notifications_outbox WHERE key = $1', [
          `rights:${c.id}:dongle:deadline-missed:withdrawn`,
        ])
      ).rows[0],
  );
  expect(notice).toEqual({ topic: 'rights-withdrawn' });
});
