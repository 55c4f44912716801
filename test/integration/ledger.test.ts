import { randomUUID } from 'node:crypto';
import { startStack, type Stack } from '../helpers/stack';
import { createContract } from '../helpers/fixtures';
import { createActivities } from '../../src/activities';
import { createLogger } from '../../src/logger';

let stack: Stack;
let acts: ReturnType<typeof createActivities>;
beforeAll(async () => {
  stack = await startStack();
  acts = createActivities({ pool: stack.db.pool, log: createLogger('silent'), notifier: stack.notifier });
});
afterAll(async () => {
  await stack.stop();
});

async function propose(contractId: string, amountFen: string, extra: Record<string, unknown> = {}) {
  const caseId = `fault:${contractId}:${randomUUID().slice(0, 6)}`;
  const p = {
    key: `${caseId}:response-breach`,
    contractId,
    clause: '6.2.1',
    termsVersion: 1,
    caseKind: 'fault',
    caseId,
    fact: 'level 1 response later than 15 min (4.9.4)',
    dueAt: '2025-03-01T10:15:00+08:00',
    lateByMs: 600_000,
    amountFen,
    basis: 'clause 6.2.1: CNY 1,000.00 per occurrence',
    occurredAt: '2025-03-01T10:25:00+08:00',
    ...extra,
  };
  const { entryId } = await acts.proposePenalty(p as Parameters<typeof acts.proposePenalty>[0]);
  return { entryId, caseId, p };
}
// The fixture contract is signed in 2025: without a dongle on record its signing obligation
// proposes CNY 50,000 (6.6) a moment after creation, racing the totals these tests assert.
const quietSigning = {
  onboarding: { dongle: { declaredAt: '2025-01-03T09:00:00+08:00', verifiedAt: '2025-01-03T10:00:00+08:00' } },
};
const rows = async (sql: string, args: unknown[] = []) => (await stack.db.pool.query(sql, args)).rows;

describe('proposing', () => {
  it('when a workflow proposes the same penalty twice, then one entry exists with its contract year and terms version', async () => {
    const c = await createContract(stack);
    const first = await propose(c.id, '100000');
    const again = await acts.proposePenalty(first.p as never);
    expect(again).toEqual({ entryId: first.entryId, created: false });
    const e = (await stack.call('finance', 'GET', `/ledger/${first.entryId}`)).body;
    expect(e).toMatchObject({
      contractYear: 1,
      termsVersion: 1,
      clause: '6.2.1',
      status: 'proposed',
      amountFen: '100000',
      lateByMs: 600000,
    });
    const y2 = await propose(c.id, '100000', { occurredAt: '2026-01-02T09:00:00+08:00' });
    expect((await stack.call('auditor', 'GET', `/ledger/${y2.entryId}`)).body.contractYear).toBe(2);
  });

  it('when an approver proposes a 6.5 penalty with a rate, then the amount is the rate of the contract amount rounded half up once', async () => {
    const c = await createContract(stack);
    const res = await stack.call('hospital-approver', 'POST', '/ledger', {
      contractId: c.id,
      clause: '6.5',
      rate: '0.05',
      fact: 'database dictionary not delivered (4.7)',
      occurredAt: '2025-04-01T12:00:00+08:00',
    });
    expect(res.status).toBe(201);
    // 0.05% of 123,456,789 fen = 61,728.3945 -> 61,728
    expect(res.body).toMatchObject({
      clause: '6.5',
      amountFen: '61728',
      status: 'proposed',
      reading: expect.stringMatching(/适用 6\.5：由院方审批人/), // the answer's default language (issue 15)
    });
  });

  it.each([
    ['a rate outside 0.01%..0.1%', { rate: '0.5' }, 400, 'rate'],
    ['an unknown clause', { clause: '9.9' }, 400, 'clause'],
    ['a malformed date', { occurredAt: '2025-02-30' }, 400, 'occurredAt'],
    ['an unknown field', { amountFen: '100' }, 400, 'amountFen'],
    ['a fact before signing', { occurredAt: '2024-01-01T00:00:00+08:00' }, 400, 'occurredAt'],
  ])(
    'when a hand proposal has %s, then it is %d naming the field and nothing is written',
    async (_what, overrides, status, field) => {
      const c = await createContract(stack);
      const res = await stack.call('hospital-approver', 'POST', '/ledger', {
        contractId: c.id,
        clause: '6.5',
        rate: '0.05',
        fact: 'x',
        occurredAt: '2025-04-01T12:00:00+08:00',
        ...overrides,
      });
      expect(res.status).toBe(status);
      expect(res.body.error.field).toBe(field);
      expect(await rows('SELECT id FROM ledger_entries WHERE contract_id = $1', [c.id])).toHaveLength(0);
    },
  );

  it('when the contract reads 6.2.2 and the approver asks for 6.5, then it is 409 naming the reading', async () => {
    const c = await createContract(stack, { terms: { penalties: { otherCommitmentReading: '6.2.2' } } });
    const res = await stack.call('hospital-approver', 'POST', '/ledger', {
      contractId: c.id,
      clause: '6.5',
      rate: '0.05',
      fact: 'x',
      occurredAt: '2025-04-01T12:00:00+08:00',
    });
    expect(res.status).toBe(409);
    expect(res.body.error.clause).toBe('6.2.2/6.5');
    const ok = await stack.call('hospital-approver', 'POST', '/ledger', {
      contractId: c.id,
      clause: '6.2.2',
      fact: 'x',
      occurredAt: '2025-04-01T12:00:00+08:00',
    });
    expect(ok.body.amountFen).toBe('3703704'); // 3% of 1,234,567.89 CNY = 37,037.0367 -> 37,037.04
  });

  it('when a vendor or an operator proposes by hand, then it is 403', async () => {
    const c = await createContract(stack);
    for (const role of ['vendor-engineer', 'hospital-operator', 'finance'] as const) {
      expect(
        (
          await stack.call(role, 'POST', '/ledger', {
            contractId: c.id,
            clause: '6.5',
            rate: '0.05',
            fact: 'x',
            occurredAt: '2025-04-01T12:00:00+08:00',
          })
        ).status,
      ).toBe(403);
    }
  });
});

describe('confirming, waiving, disputing', () => {
  it('when a confirmed entry is edited, then PostgreSQL refuses and the API offers only compensation', async () => {
    const c = await createContract(stack, quietSigning);
    const { entryId } = await propose(c.id, '100000');
    expect((await stack.call('hospital-approver', 'POST', `/ledger/${entryId}/confirm`, {})).body.status).toBe(
      'confirmed',
    );
    await expect(
      stack.db.pool.query('UPDATE ledger_entries SET amount_fen = 1 WHERE id = $1', [entryId]),
    ).rejects.toThrow(/permission denied|append-only/);
    await expect(stack.db.pool.query('DELETE FROM ledger_status_events')).rejects.toThrow(
      /permission denied|append-only/,
    );
    for (const [path, body] of [
      ['confirm', {}],
      ['waive', { reason: 'x' }],
    ] as const) {
      const res = await stack.call('hospital-approver', 'POST', `/ledger/${entryId}/${path}`, body);
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('ENTRY_CONFIRMED');
    }
    const comp = await stack.call('hospital-approver', 'POST', `/ledger/${entryId}/compensate`, {
      amountFen: '40000',
      reason: 'response was logged late by the desk',
    });
    expect(comp.status).toBe(201);
    expect(comp.body).toMatchObject({
      amountFen: '-40000',
      compensates: entryId,
      status: 'confirmed',
      contractYear: 1,
    });
    const tooMuch = await stack.call('hospital-approver', 'POST', `/ledger/${entryId}/compensate`, {
      amountFen: '60001',
      reason: 'x',
    });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error.field).toBe('amountFen');
    const totals = (await stack.call('finance', 'GET', `/ledger/totals?contractId=${c.id}`)).body;
    expect(totals).toMatchObject({
      confirmedFen: '60000',
      proposedFen: '0',
      years: [{ contractYear: 1, confirmedFen: '60000' }],
    });
  });

  it('when a held entry is confirmed, then it is 409 citing 4.9.2; released, it can be confirmed', async () => {
    const c = await createContract(stack);
    const { entryId, caseId } = await propose(c.id, '100000', { held: true });
    const res = await stack.call('hospital-approver', 'POST', `/ledger/${entryId}/confirm`, {});
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'EXCLUSION_CLAIM_OPEN', clause: '4.9.2' });
    expect(await rows('SELECT status FROM ledger_status_events WHERE entry_id = $1 ORDER BY id', [entryId])).toEqual([
      { status: 'proposed' },
      { status: 'held' },
    ]);
    expect((await stack.call('finance', 'GET', `/ledger/totals?contractId=${c.id}`)).body.heldFen).toBe('100000');
    expect(await acts.holdCasePenalties({ caseId, held: false, reason: 'claim withdrawn', actor: 'vendor' })).toBe(1);
    expect((await stack.call('hospital-approver', 'POST', `/ledger/${entryId}/confirm`, {})).body.status).toBe(
      'confirmed',
    );
  });

  it('when an exclusion is accepted, then the case entries are waived and confirming one is 409', async () => {
    const c = await createContract(stack);
    const { entryId, caseId } = await propose(c.id, '100000');
    expect(await acts.holdCasePenalties({ caseId, held: true, reason: 'network fault claimed', actor: 'vendor' })).toBe(
      1,
    );
    expect(
      await acts.waiveCasePenalties({
        caseId,
        reason: 'exclusion accepted: hospital network (4.9.2)',
        actor: 'approver',
      }),
    ).toBe(1);
    expect(await acts.waiveCasePenalties({ caseId, reason: 'retry', actor: 'approver' })).toBe(0);
    const res = await stack.call('hospital-approver', 'POST', `/ledger/${entryId}/confirm`, {});
    expect(res.body.error.code).toBe('ENTRY_WAIVED');
  });

  it('when the vendor disputes, then only the approver decides; vendors never confirm', async () => {
    const c = await createContract(stack);
    const { entryId } = await propose(c.id, '100000');
    expect((await stack.call('vendor-engineer', 'POST', `/ledger/${entryId}/confirm`, {})).status).toBe(403);
    expect((await stack.call('hospital-operator', 'POST', `/ledger/${entryId}/waive`, { reason: 'x' })).status).toBe(
      403,
    );
    expect((await stack.call('hospital-approver', 'POST', `/ledger/${entryId}/dispute`, { reason: 'x' })).status).toBe(
      403,
    );
    const noReason = await stack.call('vendor-engineer', 'POST', `/ledger/${entryId}/dispute`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.field).toBe('reason');
    expect(
      (
        await stack.call('vendor-engineer', 'POST', `/ledger/${entryId}/dispute`, {
          reason: 'we responded by phone at 10:05',
        })
      ).body.status,
    ).toBe('disputed');
    const confirm = await stack.call('hospital-approver', 'POST', `/ledger/${entryId}/confirm`, {});
    expect(confirm.body.error.code).toBe('DISPUTE_OPEN');
    const decided = await stack.call('hospital-approver', 'POST', `/ledger/${entryId}/decide`, {
      outcome: 'upheld',
      reason: 'no call in the phone log',
    });
    expect(decided.body.status).toBe('decided-upheld');
    const list = (await stack.call('auditor', 'GET', `/ledger?contractId=${c.id}&status=decided-upheld`)).body.items;
    expect(list.map((e: { id: string }) => e.id)).toEqual([entryId]);
    const events = (await stack.call('auditor', 'GET', `/ledger/${entryId}`)).body.events;
    expect(events.map((e: { status: string }) => e.status)).toEqual(['proposed', 'disputed', 'decided-upheld']);
  });

  it('when waiving without a reason, then it is 400 naming reason and nothing is written', async () => {
    const c = await createContract(stack);
    const { entryId } = await propose(c.id, '100000');
    const res = await stack.call('hospital-approver', 'POST', `/ledger/${entryId}/waive`, {});
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('reason');
    expect(await rows('SELECT status FROM ledger_status_events WHERE entry_id = $1', [entryId])).toHaveLength(1);
  });
});

describe('thresholds and rights events', () => {
  it('when two confirmations race across 5% and 20%, then each right is recorded once and the hospital is told once', async () => {
    const c = await createContract(stack);
    // Each entry alone is 25% of the contract amount: whichever confirmation lands first crosses both.
    const a = await propose(c.id, '30864198', { clause: '6.3' });
    const b = await propose(c.id, '30864198', { clause: '6.3' });
    const results = await Promise.all(
      [a, b].map((e) => stack.call('hospital-approver', 'POST', `/ledger/${e.entryId}/confirm`, {})),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const events = (await stack.call('auditor', 'GET', `/rights-events?contractId=${c.id}`)).body.items;
    expect(events.map((e: { key: string }) => e.key).sort()).toEqual([`${c.id}:threshold-20`, `${c.id}:threshold-5`]);
    expect(events.find((e: { clause: string }) => e.clause === '6.3')).toMatchObject({
      right: 'breach-terminate-refund',
      numbers: { confirmedFen: '30864198', contractAmountFen: '123456789' },
    });
    // The hospital is told through the outbox (one row per right, committed with it); the dispatcher delivers it.
    const sent = await rows(
      `SELECT key FROM notifications_outbox WHERE contract_id = $1 AND topic = 'rights-event' ORDER BY key`,
      [c.id],
    );
    expect(sent.map((r) => r.key)).toEqual([`rights:${c.id}:threshold-20`, `rights:${c.id}:threshold-5`]);
  });

  it('when confirmed deductions sit exactly at 5%, then 6.4/6.5 is not crossed (exceeding) until one more fen', async () => {
    const c = await createContract(stack, { amountFen: '100000000', yearlyFees: ['40000000', '30000000', '30000000'] });
    const atFive = await propose(c.id, '5000000', { clause: '6.3' });
    await stack.call('hospital-approver', 'POST', `/ledger/${atFive.entryId}/confirm`, {});
    expect((await stack.call('auditor', 'GET', `/rights-events?contractId=${c.id}`)).body.items).toHaveLength(0);
    const oneFen = await propose(c.id, '1', { clause: '6.3' });
    await stack.call('hospital-approver', 'POST', `/ledger/${oneFen.entryId}/confirm`, {});
    const items = (await stack.call('auditor', 'GET', `/rights-events?contractId=${c.id}`)).body.items;
    expect(items.map((e: { clause: string }) => e.clause)).toEqual(['6.4/6.5']);
  });

  it('when a workflow raises the same rights event twice, then it is recorded and notified once', async () => {
    const c = await createContract(stack);
    const ev = {
      key: `rectification:${c.id}:item-3:late-30`,
      contractId: c.id,
      right: 'terminate',
      clause: '6.3',
      numbers: { daysLate: 31 },
    };
    expect(await acts.raiseRightsEvent(ev)).toEqual({ created: true });
    expect(await acts.raiseRightsEvent(ev)).toEqual({ created: false });
    expect(await rows('SELECT topic FROM notifications_outbox WHERE key = $1', [`rights:${ev.key}`])).toEqual([
      { topic: 'rights-event' },
    ]);
  });
});

describe('reads', () => {
  it('when listing with filters, then only matching entries come back, within the caller scope', async () => {
    const c = await createContract(stack, quietSigning);
    const { caseId } = await propose(c.id, '100000');
    await propose(c.id, '100000', { clause: '6.7' });
    expect((await stack.call('auditor', 'GET', `/ledger?contractId=${c.id}&clause=6.7`)).body.items).toHaveLength(1);
    expect(
      (await stack.call('auditor', 'GET', `/ledger?caseId=${encodeURIComponent(caseId)}`)).body.items,
    ).toHaveLength(1);
    expect((await stack.call('auditor', 'GET', `/ledger?contractId=${c.id}&year=2`)).body.items).toHaveLength(0);
    expect((await stack.call('auditor', 'GET', `/ledger?clause=4.4`)).status).toBe(400);
    const totals = (await stack.call('auditor', 'GET', `/ledger/totals?contractId=${c.id}&year=1`)).body;
    expect(totals).toMatchObject({ contractYear: 1, proposedFen: '200000', confirmedFen: '0' });
    expect((await acts.ledgerTotals({ contractId: c.id })).proposedFen).toBe('200000');
  });
  it("when an entry's status moves, then the status filter follows its latest event at once, in creation order, and the derived status table refuses every direct write", async () => {
    const c = await createContract(stack, quietSigning);
    const a = await propose(c.id, '100000');
    const b = await propose(c.id, '100000');
    const d = await propose(c.id, '100000');
    const ids = async (status: string) =>
      (await stack.call('auditor', 'GET', `/ledger?contractId=${c.id}&status=${status}`)).body.items.map(
        (e: { id: string }) => e.id,
      );
    expect(await ids('proposed')).toEqual([a.entryId, b.entryId, d.entryId]);
    expect((await stack.call('hospital-approver', 'POST', `/ledger/${b.entryId}/confirm`, {})).status).toBe(200);
    expect(await ids('proposed')).toEqual([a.entryId, d.entryId]);
    expect(await ids('confirmed')).toEqual([b.entryId]);
    expect(await ids('held')).toEqual([]);
    // The list and the view read the same status (162_ledger_current_status.sql).
    const view = await stack.db.pool.query(
      `SELECT id FROM ledger_current WHERE contract_id = $1 AND status = 'proposed' ORDER BY created_at, id`,
      [c.id],
    );
    expect(view.rows.map((r) => r.id)).toEqual([a.entryId, d.entryId]);
    // Derived from the status events: no role writes it directly, not even the owner running the migrations.
    for (const sql of [
      `UPDATE ledger_entry_status SET status = 'waived' WHERE entry_id = $1`,
      `DELETE FROM ledger_entry_status WHERE entry_id = $1`,
    ])
      await expect(stack.db.pool.query(sql, [b.entryId])).rejects.toThrow(
        /derived from ledger_status_events|permission/,
      );
    expect(await ids('confirmed')).toEqual([b.entryId]);
  });
});
