// Issue 16 item 3, the admin's key list (GET /api-keys): every key with its role, contracts,
// creation, last use and revocation, never a secret; an admin limited to some contracts lists
// only the keys lying wholly inside them (as it may revoke only those, issue 12 finding 3).
import { startStack, type Stack } from '../helpers/stack';
import { createContract } from '../helpers/fixtures';
import { createApiKey } from '../../src/api/api-keys';

let stack: Stack;
let A: string;
beforeAll(async () => {
  stack = await startStack({ worker: false });
  A = (await createContract(stack)).id;
});
afterAll(async () => {
  await stack.stop();
});

const as = async (key: string, path: string) => {
  const res = await fetch(`${stack.baseUrl}${path}`, { headers: { authorization: `Bearer ${key}` } });
  return { status: res.status, body: (await res.json()) as any };
};

it('when an admin lists the keys, then each shows role, contracts, created, last used and revoked, and no secret', async () => {
  const used = await stack.call('admin', 'POST', '/api-keys', {
    name: 'ward desk',
    role: 'hospital-operator',
    contracts: [A],
  });
  const idle = await stack.call('admin', 'POST', '/api-keys', { name: 'spare', role: 'auditor' });
  expect([used.status, idle.status]).toEqual([201, 201]);
  expect((await as(used.body.key, '/me')).status).toBe(200);
  expect((await stack.call('admin', 'POST', `/api-keys/${idle.body.id}/revoke`)).status).toBe(200);
  const list = await stack.call('admin', 'GET', '/api-keys');
  expect(list.status).toBe(200);
  const byId = Object.fromEntries(list.body.items.map((k: any) => [k.id, k]));
  expect(byId[used.body.id]).toMatchObject({
    name: 'ward desk',
    role: 'hospital-operator',
    contracts: [A],
    createdAt: expect.stringMatching(/\+08:00$/),
    lastUsedAt: expect.stringMatching(/\+08:00$/),
    revokedAt: null,
  });
  expect(byId[idle.body.id]).toMatchObject({ role: 'auditor', contracts: ['*'], lastUsedAt: null });
  expect(byId[idle.body.id].revokedAt).toMatch(/\+08:00$/);
  expect(JSON.stringify(list.body)).not.toContain(used.body.key);
  expect(Object.keys(byId[used.body.id])).not.toEqual(expect.arrayContaining(['key']));
});

it('when an admin limited to a contract lists the keys, then it sees only keys within that contract; other roles are refused', async () => {
  const adminA = (await createApiKey(stack.db.pool, { name: 'admin-A', role: 'admin', contracts: [A] })).key;
  const list = await as(adminA, '/api-keys');
  expect(list.status).toBe(200);
  expect(list.body.items.length).toBeGreaterThan(0);
  expect(list.body.items.every((k: any) => k.contracts.every((c: string) => c === A))).toBe(true);
  expect((await stack.call('auditor', 'GET', '/api-keys')).status).toBe(403);
});
