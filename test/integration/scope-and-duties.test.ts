// Issue 12, findings 3 and 4 as measured on main: scope leaks through GET /audit and key
// minting; least privilege judged against the clauses (exclusions, the calendar, the admin).
import { startStack, type Stack } from '../helpers/stack';
import { createContract } from '../helpers/fixtures';
import { type Role } from '../../src/api/auth';
import { createApiKey } from '../../src/api/api-keys';

let stack: Stack;
let A: string;
let B: string;
beforeAll(async () => {
  stack = await startStack({ worker: false });
  A = (await createContract(stack)).id;
  B = (await createContract(stack)).id;
});
afterAll(async () => {
  await stack.stop();
});

const keyFor = async (role: Role, contracts?: string[]) =>
  (await createApiKey(stack.db.pool, { name: `k-${role}`, role, contracts })).key;
async function as(key: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${stack.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}
const proposeOn = (c: string) =>
  stack.call('hospital-approver', 'POST', '/ledger', {
    contractId: c,
    clause: '6.5',
    rate: '0.05',
    fact: 'manuals late (4.7)',
    occurredAt: '2025-04-01T12:00:00+08:00',
  });

describe('scope', () => {
  it("when an auditor limited to A reads the audit trail, then it gets A's rows and none of B's", async () => {
    expect((await proposeOn(A)).status).toBe(201);
    expect((await proposeOn(B)).status).toBe(201);
    const auditorA = await keyFor('auditor', [A]);
    const items = (await as(auditorA, 'GET', '/audit?limit=1000')).body.items as { contracts: string[] | null }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.contracts?.includes(A))).toBe(true);
    const all = (await stack.call('auditor', 'GET', '/audit?limit=1000')).body.items as {
      contracts: string[] | null;
    }[];
    expect(all.some((i) => i.contracts?.includes(B))).toBe(true);
  });

  it('when an admin limited to A mints keys, then only keys limited to A; it cannot revoke an unlimited key', async () => {
    const adminA = await keyFor('admin', [A]);
    expect((await as(adminA, 'POST', '/api-keys', { name: 'wide', role: 'auditor' })).status).toBe(403);
    expect((await as(adminA, 'POST', '/api-keys', { name: 'b', role: 'auditor', contracts: [B] })).status).toBe(403);
    expect((await as(adminA, 'POST', '/api-keys', { name: 'ab', role: 'auditor', contracts: [A, B] })).status).toBe(
      403,
    );
    const ok = await as(adminA, 'POST', '/api-keys', { name: 'a', role: 'auditor', contracts: [A] });
    expect(ok.status).toBe(201);
    expect(ok.body.contracts).toEqual([A]);
    expect((await as(ok.body.key, 'GET', `/contracts/${B}`)).status).toBe(403);
    const unlimited = await stack.call('admin', 'POST', '/api-keys', { name: 'wide', role: 'finance' });
    expect((await as(adminA, 'POST', `/api-keys/${unlimited.body.id}/revoke`)).status).toBe(403);
    expect((await as(adminA, 'POST', `/api-keys/${ok.body.id}/revoke`)).status).toBe(200);
  });
});

describe('duties (the matrix, src/security/duties.ts)', () => {
  it('when a hospital operator decides an exclusion, then it is 403: exclusion decisions waive penalties and belong to approvers (4.9.2, 6)', async () => {
    const res = await stack.call(
      'hospital-operator',
      'POST',
      `/faults/${encodeURIComponent(`fault:${A}:1`)}/exclusion-decision`,
      { decision: 'accept', reason: 'x' },
    );
    expect(res.status).toBe(403);
    expect(res.body.error.clause).toMatch(/6/);
  });

  it("when an approver limited to A loads the calendar, then it is 403: the calendar moves every contract's deadlines", async () => {
    const approverA = await keyFor('hospital-approver', [A]);
    const res = await as(approverA, 'PUT', '/calendar/years/2031', { holidays: [], workdays: [], source: 'x' });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/全部合同/);
  });

  it('when an admin confirms a penalty or reads the audit trail, then it is 403 (separation of duties)', async () => {
    const p = await proposeOn(A);
    expect((await stack.call('admin', 'POST', `/ledger/${p.body.id}/confirm`, {})).status).toBe(403);
    expect((await stack.call('admin', 'GET', '/audit')).status).toBe(403);
    expect(
      (await stack.call('admin', 'POST', `/contracts/${A}/acceptances/1/decision`, { outcome: 'pass' })).status,
    ).toBe(403);
  });
});
