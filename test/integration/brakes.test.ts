// Issue 12, finding 5 ("no brakes"): 2,000 wrong keys got no 429 and cost a query each; no
// security headers; keys never expired. A clock the test moves stands in for waiting.
import { startStack, type Stack } from '../helpers/stack';

let stack: Stack;
let t = Date.now();
beforeAll(async () => {
  stack = await startStack({ worker: false, now: () => t });
});
afterAll(async () => {
  await stack.stop();
});

const get = (key: string | null, path = '/me') =>
  fetch(`${stack.baseUrl}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });

it.each([
  ['a health check without a key', null, '/health'],
  ['a refusal (no key)', null, '/me'],
  ['an answer', 'auditor', '/me'],
  ['an unknown route', 'auditor', '/nope'],
] as const)('when the API sends %s, then it carries the security headers', async (_what, role, path) => {
  const res = await get(role && stack.keys[role], path);
  await res.arrayBuffer();
  expect(res.headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('x-frame-options')).toBe('DENY');
  expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(res.headers.get('x-powered-by')).toBeNull();
});

it('when a key reaches its expiry, then it is refused (keys no longer live for ever)', async () => {
  const k = await stack.call('admin', 'POST', '/api-keys', { name: 'short', role: 'finance', expiresInDays: 1 });
  expect(k.status).toBe(201);
  expect(Date.parse(k.body.expiresAt)).toBeLessThanOrEqual(t + 86_400_000);
  expect((await get(k.body.key)).status).toBe(200);
  t += 86_400_000 + 1_000;
  expect((await get(k.body.key)).status).toBe(401);
});

it('when a key rotates itself, then the new key works and the old one only for its grace period', async () => {
  const k = await stack.call('admin', 'POST', '/api-keys', { name: 'rotating', role: 'vendor-engineer' });
  const rot = await fetch(`${stack.baseUrl}/api-keys/${k.body.id}/rotate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${k.body.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ graceMinutes: 30 }),
  });
  const rotated = (await rot.json()) as { key: string; replaces: string; role: string };
  expect(rot.status).toBe(201);
  expect(rotated).toMatchObject({ replaces: k.body.id, role: 'vendor-engineer' });
  expect((await get(rotated.key)).status).toBe(200);
  expect((await get(k.body.key)).status).toBe(200);
  t += 31 * 60_000;
  expect((await get(k.body.key)).status).toBe(401);
  expect((await get(rotated.key)).status).toBe(200);
  // Another role may not rotate someone else's key.
  expect((await stack.call('finance', 'POST', `/api-keys/${rotated.replaces}/rotate`, {})).status).toBe(403);
});

// Last: it brakes this client.
it('when a client keeps presenting wrong keys, then after 10 it gets 429 with Retry-After and no database query, until the window ends', async () => {
  t += 120_000; // a fresh window
  const pool = stack.db.pool;
  const query = jest.spyOn(pool, 'query');
  const statuses: number[] = [];
  for (let i = 0; i < 25; i++) statuses.push((await get(`wb_guess-${i}`)).status);
  expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
  expect(statuses.slice(10)).toEqual(Array(15).fill(429));
  const keyLookups = () =>
    query.mock.calls.filter(([sql]) => typeof sql === 'string' && sql.includes('FROM api_keys')).length;
  expect(keyLookups()).toBe(10);
  const limited = await get(stack.keys.auditor);
  expect(limited.status).toBe(429); // braked per client: a valid key waits too
  expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(keyLookups()).toBe(10);
  t += 61_000;
  expect((await get(stack.keys.auditor)).status).toBe(200);
  query.mockRestore();
});
