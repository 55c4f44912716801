import { eventually, startStack, type Stack } from '../helpers/stack';
import { createContract } from '../helpers/fixtures';

// Issue 10 items 2 and 3 for customer care (4.1) through the API: a care log's occurredAt
// (default now) within statedTimes.backdateHours.careVisit (default 168 h), beyond it a 409
// naming the rule; an earlier time is marked as the vendor's, the hospital is told (outbox
// care.stated-time), contests it on the quarter's case and the approver decides, on the record.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const log = (occurredAt?: string) => ({
  kind: 'visit',
  ...(occurredAt ? { occurredAt } : {}),
  channel: 'phone',
  withWhom: 'IT head Liu',
  topics: ['product use'],
});

it('when the vendor logs a visit stated 8 days back, then it is a 409 naming the rule; 3 days back it is marked the vendor’s, the hospital is told, contests and the approver decides', async () => {
  const c = await createContract(stack, { signedAt: iso(Date.now() - 20 * 24 * HOUR) });
  const far = await stack.call(
    'vendor-engineer',
    'POST',
    `/contracts/${c.id}/care-logs`,
    log(iso(Date.now() - 8 * 24 * HOUR)),
  );
  expect(far.status).toBe(409);
  expect(far.body.error).toMatchObject({ code: 'BACKDATE_WINDOW', clause: '4.1' });
  expect(far.body.error.message).toContain('statedTimes.backdateHours.careVisit');

  const now = await stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/care-logs`, log());
  expect(now.status).toBe(201);
  expect(now.body.statedBy).toBeNull(); // no stated time: it happened when it was logged
  const statedAt = iso(Date.now() - 3 * 24 * HOUR);
  const back = await stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/care-logs`, log(statedAt));
  expect(back.status).toBe(201);
  expect(back.body).toMatchObject({ statedBy: 'vendor' });
  expect(iso(Date.parse(back.body.occurredAt))).toBe(statedAt);

  // The quarter's case (started at registration) records it as a fact stated by the vendor and tells the hospital.
  const wf = `care:${c.id}:1Q1`;
  const period = await eventually(async () => {
    const p = (await stack.call('auditor', 'GET', `/contracts/${c.id}/care-periods`)).body.items.find(
      (x: { workflowId: string }) => x.workflowId === wf,
    );
    return p?.visits === 2 && p.stated.length === 1 ? p : undefined;
  }, 30_000);
  const st = period.stated[0];
  expect(st).toMatchObject({ statedBy: 'vendor', type: 'care.visit', logId: back.body.id });
  expect(Date.parse(st.statedAt)).toBe(Date.parse(statedAt)); // the API answers in +08:00
  const notice = await eventually(
    async () =>
      (
        await stack.db.pool.query(
          'SELECT topic, recipients FROM notifications_outbox WHERE case_id = $1 AND fact_seq = $2',
          [wf, st.factSeq],
        )
      ).rows[0],
  );
  expect(notice).toEqual({ topic: 'care.stated-time', recipients: 'hospital' });

  const path = `/contracts/${c.id}/care-periods/1Q1`;
  const own = await stack.call('vendor-engineer', 'POST', `${path}/contest`, { factSeq: st.factSeq, reason: 'mine' });
  expect(own.status).toBe(409);
  expect(own.body.error.code).toBe('CONTEST_OWN_STATEMENT');
  const contest = await stack.call('hospital-operator', 'POST', `${path}/contest`, {
    factSeq: st.factSeq,
    reason: 'nobody called us that day',
  });
  expect(contest.status).toBe(200);
  expect(
    (
      await stack.call('hospital-operator', 'POST', `${path}/contest-decision`, {
        factSeq: st.factSeq,
        decision: 'stated',
        reason: 'x',
      })
    ).status,
  ).toBe(403);
  const decided = await stack.call('hospital-approver', 'POST', `${path}/contest-decision`, {
    factSeq: st.factSeq,
    decision: 'contested',
    reason: 'the call log shows it today',
  });
  expect(decided.status).toBe(200);
  // Decided for the hospital: the visit counts at its recording, still within this quarter.
  const after = await eventually(async () => {
    const p = (await stack.call('auditor', 'GET', `/contracts/${c.id}/care-periods`)).body.items.find(
      (x: { workflowId: string }) => x.workflowId === wf,
    );
    return p?.stated[0]?.decision ? p : undefined;
  }, 30_000);
  expect(after.stated[0].decision).toMatchObject({ outcome: 'contested' });
  expect(Date.parse(after.logs.find((l: { logId: string }) => l.logId === back.body.id).effectiveAt)).toBeGreaterThan(
    Date.parse(statedAt),
  );
  expect(after.visits).toBe(2);
  const audit = await eventually(async () => {
    const { rows } = await stack.db.pool.query(
      "SELECT action FROM audit_log WHERE action LIKE 'care.%' AND outcome = 'ok' ORDER BY id",
    );
    return rows.length >= 4 ? rows : undefined;
  });
  expect(audit.map((r) => r.action)).toEqual(expect.arrayContaining(['care.contest', 'care.contest-decision']));
});
