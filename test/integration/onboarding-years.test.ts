import { addYearsMs } from '../../src/domain/contract-year';
import { eventually, startStack, type Stack } from '../helpers/stack';
import { contractBody, createContract } from '../helpers/fixtures';

// Issue 10 item 4: a contract signed a year and 40 days ago is entered with its year 1 accepted
// and the payments of years 1 and 2 made. Before: the just-ended year 1 opened "awaiting
// submission" and told the vendor so, and only year 1's payment could be entered. Bad input is
// refused naming the field and the clause, and nothing of the contract is written.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const DAY = 86_400_000;
jest.setTimeout(120_000);
const iso = (ms: number) => new Date(ms).toISOString();
const pass = { outcome: 'pass', hospitalSignatory: 'dir-zhao', vendorSignatory: 'pm-chen' };

it('when a contract is entered with year 1 accepted and year 2 paid, then year 1 reads passed without opening, year 2 is released and paid at their times, and the vendor may contest the entered decision', async () => {
  const signedMs = Date.now() - 405 * DAY;
  const e1 = addYearsMs(signedMs, 1);
  const c = await createContract(stack, {
    signedAt: iso(signedMs),
    onboarding: {
      acceptances: [{ year: 1, rounds: [{ submittedAt: iso(e1 + 2 * DAY), decidedAt: iso(e1 + 9 * DAY), ...pass }] }],
      payments: [
        { year: 1, paidAt: iso(signedMs + 10 * DAY), reference: 'BANK-1' },
        { year: 2, paidAt: iso(e1 + 12 * DAY), reference: 'BANK-2' },
      ],
    },
  });
  const year1 = await eventually(async () => {
    const r = await stack.call('auditor', 'GET', `/contracts/${c.id}/acceptances/1`);
    return r.body?.status === 'passed' ? r.body : undefined;
  }, 30_000);
  expect(Date.parse(year1.record.passedAt)).toBe(e1 + 9 * DAY);
  const payments = await eventually(async () => {
    const r = await stack.call('auditor', 'GET', `/contracts/${c.id}/payments`);
    return r.body.items?.length === 2 ? r.body.items : undefined;
  }, 20_000);
  expect(
    payments.map((p: any) => [p.year, p.status, Date.parse(p.releasedAt), Date.parse(p.paidAt), p.paidReference]),
  ).toEqual([
    [1, 'paid', signedMs, signedMs + 10 * DAY, 'BANK-1'],
    [2, 'paid', e1 + 9 * DAY, e1 + 12 * DAY, 'BANK-2'],
  ]);
  expect(payments[1].amountFen).toBe('41152263'); // the fee less no confirmed deduction (clause 10)
  const years = await eventually(async () => {
    const r = await stack.call('auditor', 'GET', `/contracts/${c.id}/acceptances`);
    return r.body.items?.length === 2 ? r.body.items : undefined;
  }, 20_000);
  expect(years.map((a: any) => [a.year, a.status])).toEqual([
    [1, 'passed'],
    [2, 'waiting-year-end'],
  ]);
  const { rows: topics } = await stack.db.pool.query('SELECT topic FROM notifications_outbox WHERE contract_id = $1', [
    c.id,
  ]);
  expect(topics.map((t) => t.topic)).not.toContain('acceptance.open');

  // Item 6: the decision was entered by the admin on the hospital's behalf; the vendor contests it.
  const { rows } = await stack.db.pool.query(
    `SELECT seq FROM case_facts WHERE case_id = $1 AND type = 'acceptance.passed'`,
    [`acceptance:${c.id}:1`],
  );
  const contest = await stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/acceptances/1/contest`, {
    factSeq: rows[0].seq,
    reason: 'the form was signed two days earlier',
    proposedAt: iso(e1 + 7 * DAY),
  });
  expect(contest.status).toBe(200);
  expect(contest.body.stated).toMatchObject({ statedBy: 'hospital', contest: { party: 'vendor' } });
  const own = await stack.call('hospital-approver', 'POST', `/contracts/${c.id}/acceptances/1/contest`, {
    factSeq: rows[0].seq,
    reason: 'ours',
  });
  expect([own.status, own.body.error?.code]).toEqual([409, 'CONTEST_OWN_STATEMENT']);
  // Decided for the vendor, the decision reads at the decided time (the passing form stays as written).
  const decided = await stack.call('hospital-approver', 'POST', `/contracts/${c.id}/acceptances/1/contest-decision`, {
    factSeq: rows[0].seq,
    decision: 'contested',
    reason: 'the scan of the form is dated two days earlier',
  });
  expect(decided.status).toBe(200);
  await eventually(async () => {
    const r = await stack.call('auditor', 'GET', `/contracts/${c.id}/acceptances/1`);
    return Date.parse(r.body.decisions?.[0]?.at) === e1 + 7 * DAY ? r.body : undefined;
  }, 20_000);
});

it('when entered years or payments break the order of clauses 3, 8 and 10, then 400 names the field and nothing is registered', async () => {
  const signedMs = Date.now() - 405 * DAY;
  const e1 = addYearsMs(signedMs, 1);
  const round = (sub: number, dec: number, extra: Record<string, unknown> = pass) => ({
    submittedAt: iso(sub),
    decidedAt: iso(dec),
    ...extra,
  });
  const cases: [Record<string, unknown>, string, string][] = [
    [
      { acceptances: [{ year: 1, rounds: [round(e1 - DAY, e1 + DAY)] }] },
      'onboarding.acceptances.0.rounds.0.submittedAt',
      '3',
    ],
    [
      { acceptances: [{ year: 1, rounds: [round(e1 + 3 * DAY, e1 + DAY)] }] },
      'onboarding.acceptances.0.rounds.0.decidedAt',
      '8',
    ],
    [{ acceptances: [{ year: 2, rounds: [round(e1 + DAY, e1 + 2 * DAY)] }] }, 'onboarding.acceptances.0.year', '8'],
    [
      {
        acceptances: [
          { year: 1, rounds: [round(e1 + DAY, e1 + 2 * DAY)] },
          { year: 2, rounds: [round(e1 + 3 * DAY, e1 + 4 * DAY)] },
        ],
      },
      'onboarding.acceptances.1.year',
      '8',
    ],
    [
      {
        acceptances: [
          { year: 1, rounds: [round(e1 + DAY, e1 + 2 * DAY, { outcome: 'pass', hospitalSignatory: 'x' })] },
        ],
      },
      'onboarding.acceptances.0.rounds.0.vendorSignatory',
      '8',
    ],
    [
      { acceptances: [{ year: 1, rounds: [round(e1 + DAY, e1 + 2 * DAY), round(e1 + 3 * DAY, e1 + 4 * DAY)] }] },
      'onboarding.acceptances.0.rounds.0.outcome',
      '8',
    ],
    [{ payments: [{ year: 2, paidAt: iso(e1 + DAY) }] }, 'onboarding.payments.0.year', '10'],
    [
      {
        acceptances: [{ year: 1, rounds: [round(e1 + DAY, e1 + 5 * DAY)] }],
        payments: [{ year: 2, paidAt: iso(e1 + 3 * DAY) }],
      },
      'onboarding.payments.0.paidAt',
      '10',
    ],
  ];
  for (const [onboarding, field, clause] of cases) {
    const body = contractBody({ signedAt: iso(signedMs), onboarding });
    const r = await stack.call('admin', 'POST', '/contracts', body);
    expect([r.status, r.body.error?.field, r.body.error?.clause]).toEqual([400, field, clause]);
    expect((await stack.call('admin', 'GET', `/contracts/${body.id}`)).status).toBe(404);
  }
});
