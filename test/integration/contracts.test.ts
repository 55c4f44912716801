import { randomUUID } from 'node:crypto';
import { startStack, type Stack } from '../helpers/stack';
import { agreed, contractBody, createContract } from '../helpers/fixtures';
import { createActivities } from '../../src/activities';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ worker: false });
});
afterAll(async () => {
  await stack.stop();
});

const count = async (table: string) =>
  Number((await stack.db.pool.query(`SELECT count(*) FROM ${table}`)).rows[0].count);

describe('POST /contracts', () => {
  it('when an admin registers a contract without terms, then it gets version 1 with the defaults of clauses.md effective at signing', async () => {
    const c = await createContract(stack);
    expect(c).toMatchObject({
      termYears: 3,
      timeZone: 'Asia/Shanghai',
      amountFen: '123456789',
      termsVersion: 1,
      status: 'active',
      currentContractYear: expect.any(Number),
    });
    expect(c.versions).toHaveLength(1);
    expect(c.versions[0].effectiveAt).toBe('2025-01-02T09:00:00.000+08:00');
    expect(c.terms.faults.responseMinutes['1']).toBe(15);
    expect(c.terms.penalties.otherCommitmentReading).toBe('6.5');
    expect(c.termEndsAt).toBe('2028-01-02T09:00:00.000+08:00');
  });

  it('when the same request is retried with its Idempotency-Key, then the same contract is returned and nothing is duplicated', async () => {
    const body = contractBody();
    delete body.id;
    const key = `k-${randomUUID()}`;
    const first = await stack.call('hospital-approver', 'POST', '/contracts', body, { 'idempotency-key': key });
    const again = await stack.call('hospital-approver', 'POST', '/contracts', body, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const reused = await stack.call(
      'hospital-approver',
      'POST',
      '/contracts',
      { ...body, name: 'other' },
      { 'idempotency-key': key },
    );
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('when a client id is retried with the same body, then the same contract is returned; with another body, 409', async () => {
    const body = contractBody();
    expect((await stack.call('admin', 'POST', '/contracts', body)).status).toBe(201);
    const again = await stack.call('admin', 'POST', '/contracts', body);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(body.id);
    expect((await stack.call('admin', 'POST', '/contracts', { ...body, vendor: 'Other' })).status).toBe(409);
  });

  it.each([
    ['a negative amount', { amountFen: '-100' }, 'amountFen'],
    ['a fractional amount', { amountFen: '12.5' }, 'amountFen'],
    ['a malformed signing date', { signedAt: '2025-13-40' }, 'signedAt'],
    ['a signing time without time zone', { signedAt: '2025-01-02T09:00:00' }, 'signedAt'],
    ['another time zone', { timeZone: 'Europe/Paris' }, 'timeZone'],
    ['an unknown field', { discount: '5' }, 'discount'],
    ['yearly fees that do not sum to the amount', { yearlyFees: ['1', '2', '3'] }, 'yearlyFees'],
    [
      'a 6.5 rate bound outside 0.01%..0.1%',
      { terms: { penalties: { otherCommitmentMaxPercent: '0.5' } } },
      'terms.penalties.otherCommitmentMaxPercent',
    ],
    [
      'a negative response time',
      { terms: { faults: { responseMinutes: { 1: -15, 2: 30, 3: 120, 4: 240, 5: 360 } } } },
      'terms.faults.responseMinutes.1',
    ],
    ['an unknown terms section', { terms: { bonus: {} } }, 'terms.bonus'],
  ])(
    'when the body has %s, then it is 400 naming the field and nothing is written',
    async (_what, overrides, field) => {
      const before = [await count('contracts'), await count('contract_terms_versions')];
      const res = await stack.call('admin', 'POST', '/contracts', contractBody(overrides));
      expect(res.status).toBe(400);
      expect(res.body.error.field).toBe(field);
      expect([await count('contracts'), await count('contract_terms_versions')]).toEqual(before);
    },
  );

  it('when a terms override is outside the contract range, then the 400 cites the clause', async () => {
    const res = await stack.call(
      'admin',
      'POST',
      '/contracts',
      contractBody({ terms: { penalties: { otherCommitmentMinPercent: '0.001' } } }),
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ field: 'terms.penalties.otherCommitmentMinPercent', clause: '6.5' });
  });

  it.each(['vendor-engineer', 'hospital-operator', 'finance', 'auditor'] as const)(
    'when a %s registers a contract, then it is 403',
    async (role) => {
      expect((await stack.call(role, 'POST', '/contracts', contractBody())).status).toBe(403);
    },
  );
});

describe('terms merged at every depth (issue 10)', () => {
  const windows = (readings: { parameter: string; value: string }[]) =>
    readings.find((r) => r.parameter === 'statedTimes.backdateHours')!.value;

  it('when a contract names one back-dating window, then its dry run, its record and its readings keep the other windows and levels', async () => {
    const terms = {
      statedTimes: { backdateHours: { dongleDeclaration: 720 } },
      faults: { responseMinutes: { 1: 10 } },
    };
    const dry = await stack.call('admin', 'POST', '/contracts?dryRun=true', contractBody({ terms }));
    expect(dry.status).toBe(200);
    expect(dry.body.terms.statedTimes).toMatchObject({
      toleranceSeconds: 120,
      backdateHours: { default: 24, careVisit: 168, careMailing: 168, dongleDeclaration: 720 },
    });
    expect(dry.body.terms.faults.responseMinutes).toEqual({ 1: 10, 2: 30, 3: 120, 4: 240, 5: 360 });
    expect(windows(dry.body.readings)).toMatch(/careMailing: 168 h, careVisit: 168 h, dongleDeclaration: 720 h/);
    const c = await createContract(stack, { terms });
    expect(c.terms).toEqual(dry.body.terms);
    expect(c.readings).toEqual(dry.body.readings);
  });

  it('when an amendment names one nested key, then the new version keeps every other key of the version before', async () => {
    const c = await createContract(stack, { terms: { statedTimes: { backdateHours: { default: 12 } } } });
    const res = await agreed(stack, 'hospital-approver', `/contracts/${c.id}/amendments`, {
      effectiveAt: '2025-06-01T00:00:00+08:00',
      reason: 'supplementary agreement: care visits may be entered ten days late',
      terms: { statedTimes: { backdateHours: { careVisit: 240 } } },
    });
    expect(res.status).toBe(201);
    const read = await stack.call('auditor', 'GET', `/contracts/${c.id}`);
    expect(read.body.terms.statedTimes.backdateHours).toMatchObject({ default: 12, careVisit: 240, careMailing: 168 });
    expect(windows(read.body.readings)).toMatch(/^default: 12 h, .*careMailing: 168 h, careVisit: 240 h/);
  });
});

describe('amendments', () => {
  it('when an amendment takes effect, then facts after it get the new terms and facts before keep theirs', async () => {
    const c = await createContract(stack);
    const res = await agreed(stack, 'hospital-approver', `/contracts/${c.id}/amendments`, {
      effectiveAt: '2025-06-01T00:00:00+08:00',
      reason: 'supplementary agreement no. 1',
      terms: { faults: { responseMinutes: { 1: 10, 2: 30, 3: 120, 4: 240, 5: 360 } } },
    });
    expect(res.status).toBe(201);
    expect(res.body.version).toBe(2);
    const before = await stack.call(
      'auditor',
      'GET',
      `/contracts/${c.id}/terms?at=${encodeURIComponent('2025-05-31T23:59:59+08:00')}`,
    );
    const after = await stack.call(
      'auditor',
      'GET',
      `/contracts/${c.id}/terms?at=${encodeURIComponent('2025-06-01T00:00:00+08:00')}`,
    );
    expect(before.body).toMatchObject({ version: 1, terms: { faults: { responseMinutes: { 1: 15 } } } });
    expect(after.body).toMatchObject({ version: 2, terms: { faults: { responseMinutes: { 1: 10 } } } });
    // The activity workflows call answers the same.
    const acts = createActivities({ pool: stack.db.pool, log: undefined as never, notifier: stack.notifier });
    expect((await acts.termsAt({ contractId: c.id, atMs: Date.parse('2025-05-01T00:00:00+08:00') })).version).toBe(1);
    expect((await acts.termsAt({ contractId: c.id, atMs: Date.parse('2025-07-01T00:00:00+08:00') })).version).toBe(2);
    const read = await stack.call('vendor-engineer', 'GET', `/contracts/${c.id}`);
    expect(read.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(read.body.versions[0].terms.faults.responseMinutes['1']).toBe(15);
  });

  it('when an amendment would take effect before the latest version, then it is 400 and no version is written', async () => {
    const c = await createContract(stack);
    const res = await agreed(stack, 'hospital-approver', `/contracts/${c.id}/amendments`, {
      effectiveAt: '2024-12-01T00:00:00+08:00',
      reason: 'r',
      terms: {},
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ field: 'effectiveAt', clause: '3' });
    expect(
      (await stack.db.pool.query('SELECT count(*) FROM contract_terms_versions WHERE contract_id = $1', [c.id])).rows[0]
        .count,
    ).toBe('1');
  });

  it('when someone tries to rewrite a terms version in the database, then PostgreSQL refuses', async () => {
    await expect(stack.db.pool.query(`UPDATE contract_terms_versions SET terms = '{}'`)).rejects.toThrow(
      /permission denied|append-only/,
    );
  });

  it('when the contract has ended, then an amendment is 409', async () => {
    const c = await createContract(stack);
    const ended = await agreed(stack, 'admin', `/contracts/${c.id}/end`, { reason: 'terminated under 6.3' });
    expect(ended.body.status).toBe('ended');
    const res = await agreed(stack, 'admin', `/contracts/${c.id}/amendments`, {
      effectiveAt: '2025-06-01T00:00:00+08:00',
      reason: 'r',
      terms: {},
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CONTRACT_ENDED');
  });
});

describe('reads and scope', () => {
  it('when a key is scoped to one contract, then it lists and reads only that one and gets 403 on others', async () => {
    const mine = await createContract(stack);
    const other = await createContract(stack);
    const key = await stack.call('admin', 'POST', '/api-keys', {
      name: 'scoped',
      role: 'vendor-engineer',
      contracts: [mine.id],
    });
    const get = (path: string) =>
      fetch(`${stack.baseUrl}${path}`, { headers: { authorization: `Bearer ${key.body.key}` } });
    const list = (await (await get('/contracts')).json()) as { items: { id: string }[] };
    expect(list.items.map((c) => c.id)).toEqual([mine.id]);
    expect((await get(`/contracts/${other.id}`)).status).toBe(403);
    expect((await get(`/contracts/${mine.id}`)).status).toBe(200);
  });

  it('when a contract does not exist, then it is 404', async () => {
    expect((await stack.call('auditor', 'GET', '/contracts/nope')).status).toBe(404);
  });
});
