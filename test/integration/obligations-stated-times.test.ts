import { shanghaiInstant } from '../../src/domain/time';
import { eventually, startStack, type Stack } from '../helpers/stack';
import { createContract } from '../helpers/fixtures';

// Issue 10 items 2, 3 and 6 through the API for a signing obligation: occurredAt on the route,
// its back-dating window (409 naming the rule), the other party's contest and the approver's
// decision, every step in the PostgreSQL record (case_facts, outbox, obligation row, audit).
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const HOUR = 3_600_000;
// Answers carry instants at the contract's offset (+08:00), so the stated times are written so too.
const iso = (ms: number) => shanghaiInstant(ms);
const declaration = (occurredAt: string) => ({
  removed: [{ kind: 'dongle', description: 'USB key of the report server' }],
  statement: 'every dongle, time lock and licence code is removed',
  occurredAt,
});

it('when the vendor states an earlier declaration time, then beyond 24 h it is a 409, within it the hospital sees it, contests, and the approver decides on the record', async () => {
  const c = await createContract(stack, { signedAt: iso(Date.now() - 48 * HOUR) });
  const far = await eventually(async () => {
    const r = await stack.call(
      'vendor-engineer',
      'POST',
      `/contracts/${c.id}/dongle/declaration`,
      declaration(iso(Date.now() - 25 * HOUR)),
    );
    return r.status === 404 || r.body?.error?.code === 'NOT_READY' ? undefined : r;
  }, 20_000);
  expect(far.status).toBe(409);
  expect(far.body.error).toMatchObject({ code: 'BACKDATE_WINDOW', clause: '4.10' });
  expect(far.body.error.message).toContain('statedTimes.backdateHours');
  expect(
    (await stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/dongle/declaration`, declaration('yesterday')))
      .status,
  ).toBe(400);

  const statedAt = iso(Date.now() - 3 * HOUR);
  const ok = await stack.call(
    'vendor-engineer',
    'POST',
    `/contracts/${c.id}/dongle/declaration`,
    declaration(statedAt),
  );
  expect(ok.status).toBe(200);
  expect(ok.body.declarations[0].at).toBe(statedAt);
  const st = ok.body.stated[0];
  expect(st).toMatchObject({ statedBy: 'vendor', statedAt, type: 'removal.declare' });

  const wf = `dongle:${c.id}`;
  const fact = await eventually(
    async () =>
      (await stack.db.pool.query('SELECT * FROM case_facts WHERE case_id = $1 AND seq = $2', [wf, st.factSeq])).rows[0],
  );
  expect(fact).toMatchObject({
    type: 'removal.declare',
    stated_by: 'vendor',
    recorded_by: expect.any(String),
    clause: '4.10',
  });
  expect((fact.occurred_at as Date).getTime()).toBe(Date.parse(statedAt));
  const notice = await eventually(
    async () =>
      (
        await stack.db.pool.query(
          'SELECT topic, recipients FROM notifications_outbox WHERE case_id = $1 AND fact_seq = $2',
          [wf, st.factSeq],
        )
      ).rows[0],
  );
  expect(notice).toEqual({ topic: 'dongle.stated-time', recipients: 'hospital' });

  const own = await stack.call('vendor-engineer', 'POST', `/contracts/${c.id}/dongle/contest`, {
    factSeq: st.factSeq,
    reason: 'mine',
  });
  expect(own.body.error).toMatchObject({ code: 'CONTEST_OWN_STATEMENT' });
  const contest = await stack.call('hospital-operator', 'POST', `/contracts/${c.id}/dongle/contest`, {
    factSeq: st.factSeq,
    reason: 'the declaration reached us only now',
  });
  expect(contest.status).toBe(200);
  expect(contest.body.stated.contest).toMatchObject({ party: 'hospital', proposedAt: st.recordedAt });
  expect(
    (
      await stack.call('hospital-operator', 'POST', `/contracts/${c.id}/dongle/contest-decision`, {
        factSeq: st.factSeq,
        decision: 'contested',
        reason: 'x',
      })
    ).status,
  ).toBe(403);
  const decided = await stack.call('hospital-approver', 'POST', `/contracts/${c.id}/dongle/contest-decision`, {
    factSeq: st.factSeq,
    decision: 'contested',
    reason: 'the mail log shows the later time',
  });
  expect(decided.status).toBe(200);

  const read = await eventually(async () => {
    const r = await stack.call('auditor', 'GET', `/contracts/${c.id}/dongle`);
    return r.body.stated?.[0]?.decision ? r.body : undefined;
  });
  expect(read.stated[0].decision).toMatchObject({ outcome: 'contested', effectiveAt: st.recordedAt });
  expect(read.declarations[0].at).toBe(st.recordedAt);
  expect(read.history.map((x: { action: string }) => x.action)).toEqual([
    'removal.declare',
    'time.contested',
    'time.decided',
  ]);
  for (const action of ['dongle.contest', 'dongle.contest-decision']) {
    await eventually(
      async () =>
        (await stack.db.pool.query('SELECT 1 FROM audit_log WHERE action = $1 AND target = $2', [action, wf])).rows[0],
    );
  }
});
