import { contractInstant } from '../../src/api/instants';
import { SA } from '../../src/temporal/search-attributes';
import { agreed, createContract } from '../helpers/fixtures';
import { eventually, startStack, type Stack } from '../helpers/stack';

// Clause 4.9 through the real API, worker, PostgreSQL and dev server.
let stack: Stack;
let contractId: string;
beforeAll(async () => {
  stack = await startStack();
  contractId = (await createContract(stack)).id;
});
afterAll(async () => {
  await stack?.stop();
});

const MIN = 60_000;
const report = (body: Record<string, unknown> = {}, headers: Record<string, string> = {}, cid = contractId) =>
  stack.call(
    'hospital-operator',
    'POST',
    `/contracts/${cid}/faults`,
    { level: 1, title: 'OA down', channel: 'phone', reporter: 'Nurse Li', ...body },
    headers,
  );
const getCase = (id: string) => stack.call('auditor', 'GET', `/faults/${encodeURIComponent(id)}`);
const act = (role: Parameters<Stack['call']>[0], id: string, action: string, body: Record<string, unknown> = {}) =>
  stack.call(role, 'POST', `/faults/${encodeURIComponent(id)}/${action}`, body);

describe('fault intake', () => {
  it('when a level-1 fault is reported 20 minutes late, then the response breach and its 6.2.1 penalty appear without waiting', async () => {
    const reportedAt = new Date(Date.now() - 20 * MIN).toISOString();
    const res = await report({ reportedAt });
    expect(res.status).toBe(201);
    expect(res.body.caseId).toBe(`fault:${contractId}:${res.body.caseNo}`);
    expect(res.body.deadlines.map((d: { kind: string; clause: string }) => `${d.kind}@${d.clause}`)).toEqual([
      'response@4.9.4',
      'analysis@4.9.2',
      'onsite@4.9.2',
      'replacement@4.9.2',
    ]);
    expect(res.body.deadlines[0].dueAt).toBe(contractInstant(Date.parse(reportedAt) + 15 * MIN));
    expect(res.body.deadlines[0].names).toEqual({ 'zh-CN': '响应', en: 'response' });
    const c = await eventually(async () => {
      const r = await getCase(res.body.caseId);
      return r.status === 200 && r.body.breached && r.body.ledger.length > 0 && r.body;
    });
    expect(c.deadlines.find((d: { kind: string }) => d.kind === 'response')).toMatchObject({
      status: 'breached',
      names: { 'zh-CN': '响应', en: 'response' },
    });
    expect(c.deadlines.find((d: { kind: string }) => d.kind === 'response').lateByMs).toBeGreaterThanOrEqual(5 * MIN);
    expect(c.ledger[0]).toMatchObject({
      key: `${res.body.caseId}:response-breach`,
      clause: '6.2.1',
      amountFen: '100000',
      status: 'proposed',
    });
    expect(c.timeline.map((f: { type: string }) => f.type)).toEqual(
      expect.arrayContaining(['case.reported', 'terms.applied', 'deadline.breached']),
    );
    expect(c.termsVersion).toBe(1);
    await eventually(
      async () =>
        (
          await stack.db.pool.query('SELECT 1 FROM notifications_outbox WHERE key = $1', [
            `${res.body.caseId}:response-breach`,
          ])
        ).rowCount,
    );
  });

  it('when a fault is reported, then its audit row was committed with the case row (one row, the case its target), and a retry adds a row of its own', async () => {
    const first = await report({ level: 4 }, { 'idempotency-key': 'audited-1' });
    expect(first.status).toBe(201);
    const rowsOf = async (rid: string) =>
      (
        await stack.db.pool.query(
          'SELECT action, target, status, outcome, detail, contracts FROM audit_log WHERE request_id = $1 ORDER BY id',
          [rid],
        )
      ).rows;
    // Already there with the answer, written by the intake's statement (clause 7), not after the response.
    expect(await rowsOf(first.headers.get('x-request-id')!)).toEqual([
      {
        action: 'fault.report',
        target: first.body.caseId,
        status: 201,
        outcome: 'ok',
        detail: { level: 4, created: true, withEffect: true },
        contracts: [contractId],
      },
    ]);
    const again = await report({ level: 4 }, { 'idempotency-key': 'audited-1' });
    expect(again.status).toBe(200);
    const retried = await eventually(async () => {
      const rows = await rowsOf(again.headers.get('x-request-id')!);
      return rows.length > 0 && rows;
    });
    // The replayed answer (src/api/idempotency.ts) is recorded by the route, as every replay.
    expect(retried).toEqual([expect.objectContaining({ status: 200, outcome: 'ok' })]);
    await new Promise((r) => setTimeout(r, 300)); // no second row follows the first request's answer
    expect(await rowsOf(first.headers.get('x-request-id')!)).toHaveLength(1);
  });

  it('when a report is retried with the same Idempotency-Key, then the same case comes back; with another body it is 409', async () => {
    const first = await report({ level: 3 }, { 'idempotency-key': 'call-0815' });
    const again = await report({ level: 3 }, { 'idempotency-key': 'call-0815' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.caseId).toBe(first.body.caseId);
    expect(again.body.reportedAt).toBe(first.body.reportedAt);
    expect([again.headers.get('idempotent-replayed'), again.body.created]).toEqual(['true', false]);
    const other = await report({ level: 4 }, { 'idempotency-key': 'call-0815' });
    expect(other.status).toBe(409);
    expect(other.body.error).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key' });
  });

  it('when reportedAt is in the future, then it is 400 naming reportedAt; a vendor may not report (403)', async () => {
    const res = await report({ reportedAt: new Date(Date.now() + 10 * MIN).toISOString() });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('reportedAt');
    expect(
      (
        await stack.call('vendor-engineer', 'POST', `/contracts/${contractId}/faults`, {
          level: 2,
          title: 'x',
          channel: 'web',
          reporter: 'y',
        })
      ).status,
    ).toBe(403);
    expect((await report({ level: 6 })).body.error.field).toBe('level');
    expect((await report({}, {}, 'C-nope')).status).toBe(404);
  });
});

describe('intake refusals (one atomic statement: nothing is written when refused)', () => {
  const rowsOf = async (cid: string) =>
    (
      await stack.db.pool.query(
        `SELECT (SELECT count(*) FROM fault_intakes WHERE contract_id = $1)::int AS intakes, (SELECT count(*) FROM fault_cases WHERE contract_id = $1)::int AS cases,
            (SELECT last_no FROM fault_case_counters WHERE contract_id = $1) AS counter`,
        [cid],
      )
    ).rows[0];

  it('when a fault is reported before the contract was signed, then it is 409 BEFORE_CONTRACT_TERM (clause 3) and nothing is written', async () => {
    const c = await createContract(stack);
    const res = await report(
      { level: 3, reportedAt: '2024-12-31T12:00:00+08:00' },
      { 'idempotency-key': 'early-1' },
      c.id,
    );
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'BEFORE_CONTRACT_TERM', clause: '3' });
    expect(await rowsOf(c.id)).toEqual({ intakes: 0, cases: 0, counter: null });
    const ok = await report({ level: 3 }, { 'idempotency-key': 'early-2' }, c.id);
    expect(ok.body.caseNo).toBe(1); // the refused report took no case number
  });

  it('when the contract has ended, then a new report is 409 CONTRACT_ENDED and writes nothing, but a retry of an earlier report still returns its case', async () => {
    const c = await createContract(stack);
    const first = await report({ level: 4 }, { 'idempotency-key': 'before-end' }, c.id);
    expect(first.status).toBe(201);
    expect((await agreed(stack, 'admin', `/contracts/${c.id}/end`, { reason: 'term over' })).status).toBe(200);
    const late = await report({ level: 4 }, { 'idempotency-key': 'after-end' }, c.id);
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'CONTRACT_ENDED', clause: '3' });
    expect(await rowsOf(c.id)).toEqual({ intakes: 1, cases: 1, counter: 1 });
    const retry = await report({ level: 4 }, { 'idempotency-key': 'before-end' }, c.id);
    expect(retry.status).toBe(200);
    expect(retry.body.caseId).toBe(first.body.caseId);
  });

  it('when the same report races in twice with one Idempotency-Key, then one case is created and both answers name it', async () => {
    const c = await createContract(stack);
    const [a, b] = await Promise.all([
      report({ level: 5 }, { 'idempotency-key': 'race' }, c.id),
      report({ level: 5 }, { 'idempotency-key': 'race' }, c.id),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.caseId).toBe(b.body.caseId);
    expect(await rowsOf(c.id)).toEqual({ intakes: 1, cases: 1, counter: 1 });
  });
});

describe('visibility', () => {
  it('when a case is breached and still open, then the Web UI query of the README finds it by its search attributes', async () => {
    const {
      body: { caseId },
    } = await report({ level: 2, reportedAt: new Date(Date.now() - 40 * MIN).toISOString() });
    const query = `WeibaoKind = 'fault' AND WeibaoBreached = true AND WeibaoStatus != 'closed' AND WeibaoContractId = '${contractId}'`;
    const found = await eventually(async () => {
      const ids: string[] = [];
      for await (const w of stack.client.workflow.list({ query })) ids.push(w.workflowId);
      return ids.includes(caseId) && ids;
    });
    expect(found).toContain(caseId);
    const described = await stack.client.workflow.getHandle(caseId).describe();
    expect(described.typedSearchAttributes.get(SA.level)).toBe(2);
    expect(described.typedSearchAttributes.get(SA.awaiting)).toBe('vendor');
    expect(described.typedSearchAttributes.get(SA.nextDeadline)).toBeInstanceOf(Date);
  });
});

describe('fault lifecycle through the API', () => {
  it('when actions come from the wrong role or in the wrong state, then 403 and 409 name the rule; in order they succeed', async () => {
    const {
      body: { caseId },
    } = await report({ level: 2 });
    const forbidden = await act('hospital-operator', caseId, 'respond', { engineer: 'Wang', how: 'phone' });
    expect(forbidden.status).toBe(403);
    const early = await act('vendor-engineer', caseId, 'resolve', { summary: 'x' });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'NOT_RESPONDED', clause: '4.9.2' });
    expect((await act('vendor-engineer', caseId, 'respond', { engineer: 'Wang', how: 'remote' })).status).toBe(200);
    const twice = await act('vendor-engineer', caseId, 'respond', { engineer: 'Wang', how: 'remote' });
    expect(twice.body.error).toMatchObject({ code: 'ALREADY_RESPONDED', clause: '4.9.4' });
    expect(
      (await act('vendor-engineer', caseId, 'analysis', { reference: 'doc://fa-7', checksum: 'sha256:deadbeef' }))
        .status,
    ).toBe(200);
    expect(
      (await act('vendor-engineer', caseId, 'analysis', { reference: 'doc://fa-7', checksum: 'nothex' })).body.error
        .field,
    ).toBe('checksum');
    expect((await act('vendor-engineer', caseId, 'resolve', { summary: 'index rebuilt' })).body.status).toBe(
      'resolved',
    );
    expect((await act('hospital-operator', caseId, 'confirm', {})).body.status).toBe('closed');
    const c = await eventually(async () => {
      const r = await getCase(caseId);
      return r.body.status === 'closed' && r.body;
    });
    expect(c.timeline.map((f: { type: string }) => f.type)).toEqual(
      expect.arrayContaining(['case.responded', 'analysis.submitted', 'case.resolved', 'case.confirmed']),
    );
    expect(c.timeline.find((f: { type: string }) => f.type === 'case.responded')).toMatchObject({
      recordedBy: { name: 'test-vendor-engineer', role: 'vendor-engineer' },
    });
    const closed = await act('hospital-operator', caseId, 'reopen', { reason: 'again' });
    expect(closed.status).toBe(409);
    const audit = await eventually(async () => {
      const rows = (
        await stack.db.pool.query(
          "SELECT status FROM audit_log WHERE target = $1 AND path LIKE '%/respond' ORDER BY id",
          [caseId],
        )
      ).rows;
      return rows.length === 3 && rows.map((r) => r.status);
    });
    expect(audit).toEqual([403, 200, 409]); // refusals are audited too
  });

  it('when cases are listed, then status, level, breached, contract and period filters apply', async () => {
    const other = (await createContract(stack)).id;
    const a = (await report({ level: 5, reportedAt: new Date(Date.now() - 7 * 60 * MIN).toISOString() }, {}, other))
      .body.caseId;
    const b = (await report({ level: 4 }, {}, other)).body.caseId;
    await eventually(async () => (await getCase(a)).body.breached);
    const list = async (q: string) =>
      (await stack.call('auditor', 'GET', `/faults?contractId=${other}${q}`)).body.items.map(
        (i: { caseId: string }) => i.caseId,
      );
    expect((await list('')).sort()).toEqual([a, b].sort());
    expect(await list('&level=5')).toEqual([a]);
    expect(await list('&breached=true')).toEqual([a]);
    expect(await list('&breached=false')).toEqual([b]);
    expect(await list('&status=reported')).toEqual(expect.arrayContaining([a, b]));
    expect(await list(`&from=${encodeURIComponent(new Date(Date.now() - 60 * MIN).toISOString())}`)).toEqual([b]);
    expect(await list(`&to=${encodeURIComponent(new Date(Date.now() - 60 * MIN).toISOString())}`)).toEqual([a]);
    expect((await stack.call('auditor', 'GET', '/faults?level=9')).body.error.field).toBe('level');
  });
});

describe('durability', () => {
  it('when the worker is killed during a case, then after restart every deadline fires and the case completes', async () => {
    const reportedAt = new Date(Date.now() - 24 * 60 * MIN + 6_000).toISOString(); // analysis and replacement due in ~6 s
    const {
      body: { caseId },
    } = await report({ level: 2, reportedAt });
    await eventually(
      async () =>
        (await getCase(caseId)).body.deadlines.filter((d: { status: string }) => d.status === 'breached').length === 2,
    );
    await stack.stopWorker();
    await new Promise((r) => setTimeout(r, 7_000)); // the remaining deadlines pass while no worker runs
    await stack.startWorker();
    const c = await eventually(async () => {
      const r = await getCase(caseId);
      return r.body.deadlines.every((d: { status: string }) => d.status === 'breached') && r.body;
    }, 20_000);
    expect(c.deadlines.map((d: { kind: string }) => d.kind).sort()).toEqual([
      'analysis',
      'onsite',
      'replacement',
      'response',
    ]);
    expect((await act('vendor-engineer', caseId, 'respond', { engineer: 'Wang', how: 'phone' })).status).toBe(200);
    expect(
      (await act('vendor-engineer', caseId, 'analysis', { reference: 'doc://late', checksum: 'abcdef01' })).status,
    ).toBe(200);
    expect((await act('vendor-engineer', caseId, 'resolve', { summary: 'fixed' })).status).toBe(200);
    expect((await act('hospital-approver', caseId, 'confirm', {})).status).toBe(200);
    const result = await stack.client.workflow.getHandle(caseId).result();
    expect(result.status).toBe('closed');
    const final = await eventually(async () => {
      const r = await getCase(caseId);
      return r.body.ledger.length === 4 && r.body;
    });
    expect(final.ledger.map((e: { key: string }) => e.key).sort()).toEqual(
      ['analysis', 'onsite', 'replacement', 'response'].map((k) => `${caseId}:${k}-breach`),
    );
  });
});
