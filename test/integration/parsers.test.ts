import { addDays, shanghaiDate } from '../../src/domain/time';
import { eventually, startStack, type Stack } from '../helpers/stack';
import { createContract } from '../helpers/fixtures';

// Issue 10 item 9: one Idempotency-Key parser, one instant and one date schema for every route.
let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack?.stop();
});

const signedNow = () => createContract(stack, { signedAt: new Date(Date.now() - 60_000).toISOString() });
/** Retries while the workflow is still loading its terms (409 NOT_READY) or not yet started (404). */
const settle = async (fn: () => ReturnType<Stack['call']>) =>
  eventually(async () => {
    const r = await fn();
    return r.status === 404 || r.body?.error?.code === 'NOT_READY' ? undefined : r;
  }, 20_000);

describe('Idempotency-Key', () => {
  it('when the same dongle finding is sent twice with a key containing ":", then one finding and one CNY 50,000 entry are recorded (6.6)', async () => {
    const c = await signedNow();
    const finding = { description: 'a licence code still limits the number of users' };
    const key = { 'idempotency-key': `dongle:${c.id}:2026-12-01:1` };
    const first = await settle(() =>
      stack.call('hospital-approver', 'POST', `/contracts/${c.id}/dongle/findings`, finding, key),
    );
    expect(first.status).toBe(200);
    const again = await stack.call('hospital-approver', 'POST', `/contracts/${c.id}/dongle/findings`, finding, key);
    expect(again.status).toBe(200);
    expect(again.body.findings).toHaveLength(1);
    await eventually(async () => {
      const r = await stack.call('auditor', 'GET', `/contracts/${c.id}/dongle`);
      return r.body.findings?.[0]?.outcome === 'penalised' ? r.body : undefined;
    }, 20_000);
    const { rows } = await stack.db.pool.query(
      "SELECT amount_fen::text AS fen FROM ledger_entries WHERE contract_id = $1 AND clause = '6.6'",
      [c.id],
    );
    expect(rows).toEqual([{ fen: '5000000' }]);
  });

  it('when a key is malformed, then a route of every family answers 400 naming the header instead of dropping it', async () => {
    const c = await signedNow();
    const bad = { 'idempotency-key': 'two words' };
    const care = {
      kind: 'visit',
      occurredAt: new Date().toISOString(),
      channel: 'phone',
      withWhom: 'IT office',
      topics: ['satisfaction'],
    };
    const change = {
      kind: 'ip',
      description: 'subnet',
      changedAt: new Date().toISOString(),
      notifiedAt: new Date().toISOString(),
    };
    // One route of every family (issue 10 item 9): the one parser answers before any route runs,
    // so the case need not exist; before, the routes that did not parse the key went on without it.
    for (const [role, path, body] of [
      ['vendor-engineer', `/contracts/${c.id}/care-logs`, care],
      ['hospital-operator', `/contracts/${c.id}/hospital-changes`, change],
      ['hospital-approver', `/contracts/${c.id}/dongle/findings`, { description: 'a time lock' }],
      ['vendor-engineer', `/faults/F-none/respond`, { engineer: 'Wang', how: 'phone' }],
      ['vendor-engineer', `/contracts/${c.id}/inspections/2026Q4/report`, { summary: 'checked' }],
      ['hospital-operator', `/contracts/${c.id}/care-periods/2026Q4/contest`, { factSeq: 1, reason: 'no' }],
      ['vendor-engineer', `/contracts/${c.id}/acceptances/1/submit`, {}],
      ['vendor-engineer', `/contracts/${c.id}/rectification/items/i1/done`, {}],
      ['hospital-operator', `/contracts/${c.id}/go-live/live`, {}],
      ['vendor-engineer', `/contracts/${c.id}/dongle/declaration`, { removed: [], statement: 'none' }],
      ['vendor-engineer', `/contracts/${c.id}/staff-changes/r1/withdraw`, {}],
      ['hospital-operator', `/contracts/${c.id}/service-requests/sr1/contest`, { factSeq: 1, reason: 'no' }],
    ] as const) {
      const r = await stack.call(role, 'POST', path, body, bad);
      expect([path, r.status, r.body.error?.field]).toEqual([path, 400, 'Idempotency-Key']);
    }
  });
});

describe('instants and dates', () => {
  it('when a date does not exist (2026-02-30) or a year is absurd (5703), then each route answers 400 naming the field', async () => {
    const c = await signedNow();
    const future = addDays(shanghaiDate(Date.now()), 30);
    const cases: [string, string, string, unknown, string][] = [
      [
        'vendor-engineer',
        'POST',
        `/contracts/${c.id}/staff-changes`,
        {
          effectiveDate: '2026-02-30',
          remove: [],
          add: [{ engineerId: 'e1', name: 'e1', qualification: 'OA', yearsOnProduct: 3, fixed: true }],
          reason: 'x',
        },
        'effectiveDate',
      ],
      [
        'vendor-engineer',
        'POST',
        `/contracts/${c.id}/go-live/extension`,
        { newDate: '2026-02-30', reason: 'x' },
        'newDate',
      ],
      [
        'vendor-engineer',
        'POST',
        `/contracts/${c.id}/care-logs`,
        { kind: 'visit', occurredAt: '5703-01-01T09:00:00+08:00', channel: 'phone', withWhom: 'IT', topics: ['t'] },
        'occurredAt',
      ],
      [
        'hospital-operator',
        'POST',
        `/contracts/${c.id}/hospital-changes`,
        {
          kind: 'ip',
          description: 'subnet',
          changedAt: '2026-02-30T09:00:00+08:00',
          notifiedAt: new Date().toISOString(),
        },
        'changedAt',
      ],
      [
        'hospital-operator',
        'POST',
        `/contracts/${c.id}/faults`,
        { level: 3, title: 't', channel: 'phone', reporter: 'r', reportedAt: '5703-01-01T00:00:00Z' },
        'reportedAt',
      ],
      [
        'admin',
        'PUT',
        '/calendar/years/2031',
        { holidays: ['5703-01-01'], workdays: [], source: 'State Council notice' },
        'holidays.0',
      ],
      [
        'admin',
        'POST',
        '/contracts',
        {
          name: 'n',
          hospital: 'h',
          vendor: 'v',
          signedAt: '2026-01-01T09:00:00-05:00',
          amountFen: '300',
          yearlyFees: ['100', '100', '100'],
          goLiveDate: '2026-02-30',
        },
        'goLiveDate',
      ],
      [
        'vendor-engineer',
        'POST',
        `/contracts/${c.id}/inspections/1Q1/report`,
        {
          inspectionDate: '2026-02-30',
          engineer: 'e',
          findings: [],
          recommendations: [],
          documentRef: 'd',
          sha256: 'a'.repeat(64),
        },
        'inspectionDate',
      ],
    ];
    for (const [role, method, path, body, field] of cases) {
      const r = await stack.call(role as never, method, path, body);
      expect([path, r.status, r.body.error?.field]).toEqual([path, 400, field]);
    }
    // Any offset is accepted: a real date with -05:00 passes the schema.
    const ok = await stack.call('admin', 'POST', '/contracts', {
      name: 'n',
      hospital: 'h',
      vendor: 'v',
      signedAt: '2026-01-01T09:00:00-05:00',
      amountFen: '300',
      yearlyFees: ['100', '100', '100'],
      goLiveDate: future,
    });
    expect(ok.status).toBe(201);
  });
});
