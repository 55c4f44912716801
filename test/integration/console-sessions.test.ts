// Issue 16, sign-in per person (clause 7, MLPS level 3): Argon2id passwords, an httpOnly
// SameSite cookie, the CSRF token on every change, idle timeout, lockout, sign-out, and the
// person's actions audited under the person's login. Real API, PostgreSQL and worker.
import { createContract } from '../helpers/fixtures';
import { eventually, startStack, type Stack } from '../helpers/stack';
import { PASSWORD, person } from '../helpers/browser';
import { createApiKey } from '../../src/api/api-keys';

let stack: Stack;
let clock = Date.now();
let contractId: string;
beforeAll(async () => {
  stack = await startStack({ now: () => clock, apiConfig: { AUTH_FAILURE_LIMIT: 1000 } });
  contractId = (await createContract(stack)).id;
});
afterAll(async () => {
  await stack?.stop();
});

async function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${stack.baseUrl}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}
async function signIn(login: string, password = PASSWORD) {
  const res = await send('POST', '/session', { login, password });
  const cookie = res.headers.get('set-cookie') ?? '';
  return { ...res, cookie: cookie.split(';')[0]!, setCookie: cookie };
}

it('when a person signs in, then the cookie is httpOnly and SameSite=Strict, only its hash is stored, and /me names the person with the CSRF token', async () => {
  const p = await person(stack, 'op.zhang', 'hospital-operator', '张三', [contractId]);
  expect(p.passwordHash).toMatch(/^\$argon2id\$/);
  const s = await signIn('op.zhang');
  expect(s.status).toBe(201);
  expect(s.setCookie).toMatch(/HttpOnly/);
  expect(s.setCookie).toMatch(/SameSite=Strict/);
  const token = s.cookie.split('=')[1]!;
  const stored = await stack.db.pool.query('SELECT count(*)::int AS n FROM console_sessions WHERE token_hash = $1', [
    Buffer.from(token),
  ]);
  expect(stored.rows[0].n).toBe(0); // not the token itself
  const me = await send('GET', '/me', undefined, { cookie: s.cookie });
  expect(me.body).toMatchObject({
    id: p.id,
    name: 'op.zhang',
    role: 'hospital-operator',
    contracts: [contractId],
    via: 'session',
    csrfToken: s.body.csrfToken,
  });
});

it('when a session changes something without its CSRF token, then 403 CSRF_TOKEN_INVALID (clause 7) and nothing is written; with it the fault is reported and audited as the person', async () => {
  const s = await signIn('op.zhang');
  const report = { level: 3, title: '打印失败', channel: 'phone', reporter: '张三' };
  const without = await send('POST', `/contracts/${contractId}/faults`, report, { cookie: s.cookie });
  expect(without.status).toBe(403);
  expect(without.body.error).toMatchObject({ code: 'CSRF_TOKEN_INVALID', clause: '7' });
  const wrong = await send('POST', `/contracts/${contractId}/faults`, report, {
    cookie: s.cookie,
    'x-csrf-token': 'x'.repeat(32),
  });
  expect(wrong.status).toBe(403);
  const cases = await stack.db.pool.query('SELECT count(*)::int AS n FROM fault_cases WHERE contract_id = $1', [
    contractId,
  ]);
  expect(cases.rows[0].n).toBe(0);
  const ok = await send('POST', `/contracts/${contractId}/faults`, report, {
    cookie: s.cookie,
    'x-csrf-token': s.body.csrfToken,
  });
  expect(ok.status).toBe(201);
  const rows = await eventually(async () => {
    const r = await stack.db.pool.query(
      "SELECT actor, role FROM audit_log WHERE action = 'fault.report' AND target = $1",
      [ok.body.caseId],
    );
    return r.rowCount && r.rows;
  });
  expect(rows).toEqual([{ actor: 'op.zhang', role: 'hospital-operator' }]);
  // The session's scope is the person's: another contract is refused.
  const other = (await createContract(stack)).id;
  const refused = await send('POST', `/contracts/${other}/faults`, report, {
    cookie: s.cookie,
    'x-csrf-token': s.body.csrfToken,
  });
  expect(refused.status).toBe(403);
});

it('when a session is left idle past SESSION_IDLE_MINUTES (15), then it is refused 401; used within it, it lives on', async () => {
  const s = await signIn('op.zhang');
  clock += 14 * 60_000;
  expect((await send('GET', '/me', undefined, { cookie: s.cookie })).status).toBe(200);
  clock += 14 * 60_000; // 28 min after sign-in, 14 after the last use
  expect((await send('GET', '/me', undefined, { cookie: s.cookie })).status).toBe(200);
  clock += 15 * 60_000 + 1000;
  const idle = await send('GET', '/me', undefined, { cookie: s.cookie });
  expect(idle.status).toBe(401);
  expect(idle.body.error.message).toMatch(/闲置过久/);
});

it('when a person signs out, then the session no longer works', async () => {
  const s = await signIn('op.zhang');
  const out = await send('POST', '/session/end', undefined, { cookie: s.cookie, 'x-csrf-token': s.body.csrfToken });
  expect(out.status).toBe(200);
  expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
  expect((await send('GET', '/me', undefined, { cookie: s.cookie })).status).toBe(401);
});

it('when the password is wrong 5 times in a row, then the account locks for 30 minutes (429 ACCOUNT_LOCKED, even with the right password), then opens again', async () => {
  await person(stack, 'eng.zhao', 'vendor-engineer');
  for (let i = 1; i <= 4; i++) {
    const bad = await signIn('eng.zhao', 'wrong password!');
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe('SIGN_IN_FAILED');
  }
  const fifth = await signIn('eng.zhao', 'wrong password!');
  expect(fifth.status).toBe(429);
  expect(fifth.body.error).toMatchObject({ code: 'ACCOUNT_LOCKED', clause: '7' });
  expect(Number(fifth.headers.get('retry-after'))).toBeGreaterThan(29 * 60);
  expect((await signIn('eng.zhao')).status).toBe(429);
  const unknown = await signIn('nobody.here', 'wrong password!');
  expect(unknown.status).toBe(401); // an unknown login reads like a wrong password
  clock += 30 * 60_000 + 1000;
  expect((await signIn('eng.zhao')).status).toBe(201);
  const audited = await stack.db.pool.query(
    "SELECT count(*)::int AS n FROM audit_log WHERE action = 'session.sign-in' AND target = 'eng.zhao' AND outcome = 'refused'",
  );
  expect(audited.rows[0].n).toBe(6);
});

it('when an admin creates a person, then a weak password is 400 naming it, a taken login 409, and a limited admin cannot create an all-contracts person', async () => {
  const weak = await stack.call('admin', 'POST', '/people', {
    login: 'fin.qian',
    displayName: '钱',
    role: 'finance',
    password: 'short',
  });
  expect(weak.status).toBe(400);
  expect(weak.body.error.field).toBe('password');
  const made = await stack.call('admin', 'POST', '/people', {
    login: 'fin.qian',
    displayName: '钱',
    role: 'finance',
    password: PASSWORD,
  });
  expect(made.status).toBe(201);
  expect(made.body).not.toHaveProperty('passwordHash');
  const again = await stack.call('admin', 'POST', '/people', {
    login: 'fin.qian',
    displayName: '钱',
    role: 'finance',
    password: PASSWORD,
  });
  expect(again.status).toBe(409);
  expect(again.body.error).toMatchObject({ code: 'LOGIN_TAKEN', field: 'login' });
  const limited = await createApiKey(stack.db.pool, { name: 'admin-a', role: 'admin', contracts: [contractId] });
  const wide = await fetch(`${stack.baseUrl}/people`, {
    method: 'POST',
    headers: { authorization: `Bearer ${limited.key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'op.wide', displayName: '宽', role: 'hospital-operator', password: PASSWORD }),
  });
  expect(wide.status).toBe(403);
  const notAdmin = await stack.call('finance', 'POST', '/people', { login: 'x.y' });
  expect(notAdmin.status).toBe(403);
  const disabled = await stack.call('admin', 'POST', `/people/${made.body.id}/disable`);
  expect(disabled.status).toBe(200);
  expect((await signIn('fin.qian')).status).toBe(401);
});
