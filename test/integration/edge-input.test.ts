import { agreed, createContract, contractBody } from '../helpers/fixtures';
import { eventually, startStack, type Stack } from '../helpers/stack';

// Issue 11, findings 1, 2 and 8: bad input is a 400 naming the field at the edge, for every
// route, and leaves nothing behind. Real API, PostgreSQL, dev server and worker.
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
const raw = async (
  path: string,
  body: Buffer | string,
  role: 'admin' | 'hospital-operator' = 'admin',
  method = 'POST',
) => {
  const res = await fetch(`${stack.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${stack.keys[role]}`, 'content-type': 'application/json' },
    body,
  });
  return { status: res.status, body: (await res.json()) as any };
};
const report = (body: Record<string, unknown>) =>
  stack.call('hospital-operator', 'POST', `/contracts/${contractId}/faults`, {
    level: 1,
    title: 'OA down',
    channel: 'phone',
    reporter: 'Nurse Li',
    ...body,
  });

describe('NUL bytes and lone surrogates (finding 1)', () => {
  it('when a fault title holds a lone surrogate or a reporter a NUL, then it is 400 naming the field and no case is written', async () => {
    const before = (await stack.db.pool.query('SELECT count(*)::int AS n FROM fault_intakes')).rows[0].n;
    const surrogate = await report({ title: 'OA \ud800 down' });
    expect(surrogate.status).toBe(400);
    expect(surrogate.body.error).toMatchObject({ code: 'INVALID_TEXT', field: 'title' });
    const nul = await report({ reporter: 'Nurse\u0000Li' });
    expect(nul.status).toBe(400);
    expect(nul.body.error).toMatchObject({ code: 'INVALID_TEXT', field: 'reporter' });
    expect((await stack.db.pool.query('SELECT count(*)::int AS n FROM fault_intakes')).rows[0].n).toBe(before);
  });

  it('when a respond note holds a NUL, then it is 400 naming note, and the case still records its breach and penalty', async () => {
    const late = await report({ reportedAt: new Date(Date.now() - 20 * MIN).toISOString() });
    expect(late.status).toBe(201);
    const caseId = late.body.caseId as string;
    const bad = await stack.call('vendor-engineer', 'POST', `/faults/${encodeURIComponent(caseId)}/respond`, {
      engineer: 'Wang',
      how: 'phone',
      note: 'on\u0000site',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'INVALID_TEXT', field: 'note' });
    const exclusion = await stack.call('vendor-engineer', 'POST', `/faults/${encodeURIComponent(caseId)}/exclusion`, {
      cause: 'force-majeure',
      evidence: ['photo \udc00'],
      explanation: 'flood',
    });
    expect(exclusion.status).toBe(400);
    expect(exclusion.body.error.field).toBe('evidence.0');
    const c = await eventually(async () => {
      const r = await stack.call('auditor', 'GET', `/faults/${encodeURIComponent(caseId)}`);
      return r.body.breached && r.body.ledger.length > 0 && r.body;
    }, 20_000);
    expect(c.ledger[0]).toMatchObject({ clause: '6.2.1', amountFen: '100000' });
    // The case still takes actions: it is not wedged.
    expect(
      (
        await stack.call('vendor-engineer', 'POST', `/faults/${encodeURIComponent(caseId)}/respond`, {
          engineer: 'Wang',
          how: 'phone',
          note: 'on site',
        })
      ).status,
    ).toBe(200);
  });

  it('when a key, a query value or a path parameter holds a NUL, then it is 400 on any route', async () => {
    const key = await raw('/contracts', JSON.stringify({ ['na\u0000me']: 'x' }));
    expect(key.status).toBe(400);
    expect(key.body.error.code).toBe('INVALID_TEXT');
    const query = await stack.call('auditor', 'GET', '/faults?contractId=a%00b');
    expect(query.status).toBe(400);
    expect(query.body.error).toMatchObject({ code: 'INVALID_TEXT', field: 'contractId' });
    const param = await stack.call('hospital-operator', 'POST', '/contracts/C%00x/faults', {
      level: 2,
      title: 't',
      channel: 'web',
      reporter: 'r',
    });
    expect(param.status).toBe(400);
    expect(param.body.error.field).toMatch(/^path segment 2/);
    const encodedSurrogate = await stack.call('auditor', 'GET', '/contracts/%ED%A0%80');
    expect(encodedSurrogate.status).toBe(400);
  });
});

describe('malformed JSON bodies (finding 8)', () => {
  it('when terms are nested 100,000 deep, then it is 400 TOO_DEEP, not a stack overflow', async () => {
    const deep = '{"terms":{"faults":' + '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000) + '}}';
    const res = await raw('/contracts', deep);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('TOO_DEEP');
  });

  it('when a key appears twice, then it is 400 naming it (last-wins made a level-1 case of a level-3 report)', async () => {
    const res = await raw(
      `/contracts/${contractId}/faults`,
      '{"level":3,"title":"t","channel":"web","reporter":"r","level":1}',
      'hospital-operator',
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'DUPLICATE_KEY', field: 'level' });
    const nested = await raw(
      '/contracts',
      JSON.stringify(contractBody()).replace('"termYears":3', '"termYears":3,"terms":{"faults":{"x":1,"x":2}}'),
    );
    expect(nested.body.error).toMatchObject({ code: 'DUPLICATE_KEY', field: 'terms.faults.x' });
  });

  it('when a body starts with a BOM or is not valid UTF-8, then it is 400', async () => {
    const body = Buffer.from(JSON.stringify(contractBody()));
    const bom = await raw('/contracts', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]));
    expect(bom.status).toBe(400);
    expect(bom.body.error.code).toBe('BOM_NOT_ALLOWED');
    const invalid = Buffer.from(JSON.stringify(contractBody({ name: 'OA XX' })));
    invalid[invalid.indexOf('XX')] = 0xc3;
    invalid[invalid.indexOf('X')] = 0x28; // 0xC3 0x28: not UTF-8
    const bad = await raw('/contracts', invalid);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_UTF8');
  });
});

describe('instants and numbers out of range (findings 2 and 8)', () => {
  it.each(['0001-01-01T00:00:00Z', '9999-06-01T00:00:00Z'])(
    'when a contract is signed at %s, then it is 400 naming signedAt and nothing is committed',
    async (signedAt) => {
      const body = contractBody({ signedAt });
      const res = await stack.call('admin', 'POST', '/contracts', body);
      expect(res.status).toBe(400);
      expect(res.body.error.field).toBe('signedAt');
      expect(
        (await stack.db.pool.query('SELECT count(*)::int AS n FROM contracts WHERE id = $1', [body.id])).rows[0].n,
      ).toBe(0);
      expect((await stack.call('admin', 'GET', '/contracts')).status).toBe(200);
    },
  );

  it('when a contract is ended in year 5703, then it is 400 naming endedAt and the contract stays active', async () => {
    const c = await createContract(stack);
    const res = await agreed(stack, 'admin', `/contracts/${c.id}/end`, {
      reason: 'test',
      endedAt: '5703-01-01T00:00:00Z',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('endedAt');
    expect((await stack.call('admin', 'GET', `/contracts/${c.id}`)).body.status).toBe('active');
  });

  it('when a calendar year is written 0x7e8 or 2024.0, then it is 400 naming year, not read as 2024', async () => {
    for (const y of ['0x7e8', '2024.0', '+2024', ' 2024']) {
      const res = await stack.call('auditor', 'GET', `/calendar/years/${encodeURIComponent(y)}`);
      expect([y, res.status, res.body.error?.field]).toEqual([y, 400, 'year']);
    }
    expect((await stack.call('auditor', 'GET', '/calendar/years/2024')).status).toBe(200);
  });
});

describe('visibility queries (finding 8)', () => {
  it('when a contract id carries a query, then staff changes list none of its faults and it is not a 500', async () => {
    await report({});
    for (const id of ["x' OR WeibaoKind = 'fault' OR WeibaoContractId = 'y", "' OR '1'='1"]) {
      const res = await stack.call('admin', 'GET', `/contracts/${encodeURIComponent(id)}/staff-changes`);
      expect(res.status).toBeLessThan(500);
      expect(res.body.items ?? []).toEqual([]);
    }
  });
});
