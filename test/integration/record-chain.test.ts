// Issue 12, finding 2: history could be rewritten without trace. The audit trail and the
// ledger's status events are hash chains; an edit made as superuser (append-only trigger
// switched off) is named as the first broken row by GET /audit/verify and npm run verify-record.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { randomUUID } from 'node:crypto';
import { startStack, type Stack } from '../helpers/stack';
import { createContract } from '../helpers/fixtures';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ worker: false });
});
afterAll(async () => {
  await stack.stop();
});

const run = promisify(execFile);
async function verifyCli(): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run('npx', ['tsx', 'scripts/verify-record.ts'], {
      env: { ...process.env, DATABASE_URL: stack.db.url },
    });
    return { code: 0, out: stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, out: e.stdout };
  }
}

async function tamper(sql: string, table: string, args: unknown[] = []): Promise<void> {
  await stack.db.asSuperuser(async (c) => {
    await c.query(`ALTER TABLE ${table} DISABLE TRIGGER ${table}_append_only`);
    await c.query(sql, args);
    await c.query(`ALTER TABLE ${table} ENABLE TRIGGER ${table}_append_only`);
  });
}

async function proposeAndConfirm(): Promise<string> {
  const c = await createContract(stack);
  const p = await stack.call('hospital-approver', 'POST', '/ledger', {
    contractId: c.id,
    clause: '6.5',
    rate: '0.1',
    fact: 'manuals not delivered (4.7)',
    occurredAt: '2025-04-01T12:00:00+08:00',
  });
  expect(p.status).toBe(201);
  expect((await stack.call('hospital-approver', 'POST', `/ledger/${p.body.id}/confirm`, {})).status).toBe(200);
  return p.body.id;
}

// Runs first: every later test breaks the chain for good.
it('when nothing was touched, then both chains verify and the head names the last row', async () => {
  await proposeAndConfirm();
  const res = await stack.call('auditor', 'GET', '/audit/verify');
  expect(res.status).toBe(200);
  expect(res.body.chains.map((c: { chain: string; ok: boolean }) => [c.chain, c.ok])).toEqual([
    ['audit_log', true],
    ['ledger_status_events', true],
  ]);
  const head = (await stack.call('finance', 'GET', '/audit/head')).body;
  const last = (
    await stack.db.pool.query("SELECT encode(row_hash, 'hex') AS h FROM audit_log ORDER BY chain_seq DESC LIMIT 1")
  ).rows[0].h;
  expect(head.audit_log.hash).toBe(last);
  expect((await verifyCli()).code).toBe(0);
});

it("when a confirmed penalty's status event is edited as superuser, then verification fails at that row", async () => {
  const entryId = await proposeAndConfirm();
  const { rows } = await stack.db.pool.query(
    "SELECT id FROM ledger_status_events WHERE entry_id = $1 AND status = 'confirmed'",
    [entryId],
  );
  await tamper("UPDATE ledger_status_events SET actor = 'someone-else' WHERE id = $1", 'ledger_status_events', [
    rows[0].id,
  ]);
  const res = await stack.call('auditor', 'GET', '/audit/verify');
  expect(res.status).toBe(409);
  const ledger = res.body.chains.find((c: { chain: string }) => c.chain === 'ledger_status_events');
  expect(ledger.firstBroken).toMatchObject({ id: String(rows[0].id), reason: expect.stringMatching(/edited/) });
  const cli = await verifyCli();
  expect(cli.code).toBe(1);
  expect(cli.out).toContain(`BROKEN  ledger_status_events: first broken row id ${rows[0].id}`);
});

it('when an audit row is edited or deleted as superuser, then verification names that row', async () => {
  const res = await stack.call('admin', 'POST', '/api-keys', {
    name: `k-${randomUUID().slice(0, 4)}`,
    role: 'finance',
  });
  const row = (await stack.db.pool.query('SELECT id, chain_seq FROM audit_log WHERE target = $1', [res.body.id]))
    .rows[0];
  await tamper("UPDATE audit_log SET actor = 'nobody' WHERE id = $1", 'audit_log', [row.id]);
  let audit = (await stack.call('auditor', 'GET', '/audit/verify')).body.chains[0];
  expect(audit.firstBroken).toMatchObject({ id: String(row.id) });
  await tamper('DELETE FROM audit_log WHERE chain_seq < $1', 'audit_log', [row.chain_seq]);
  audit = (await stack.call('auditor', 'GET', '/audit/verify')).body.chains[0];
  expect(audit.firstBroken.reason).toMatch(/missing/);
});

it('when a ledger change commits, then its audit row is already there with the response; when it rolls back, only a refusal is recorded', async () => {
  const c = await createContract(stack);
  const ok = await stack.call('hospital-approver', 'POST', '/ledger', {
    contractId: c.id,
    clause: '6.5',
    rate: '0.05',
    fact: 'x',
    occurredAt: '2025-04-01T12:00:00+08:00',
  });
  const rowsOf = async (rid: string) =>
    (
      await stack.db.pool.query('SELECT outcome, status, detail FROM audit_log WHERE request_id = $1 ORDER BY id', [
        rid,
      ])
    ).rows;
  const written = await rowsOf(ok.headers.get('x-request-id')!);
  expect(written[0]).toMatchObject({ outcome: 'ok', detail: expect.objectContaining({ withEffect: true }) });
  // Refused inside the transaction (before signing, clause 3): rolled back, so no "ok" row.
  const bad = await stack.call('hospital-approver', 'POST', '/ledger', {
    contractId: c.id,
    clause: '6.5',
    rate: '0.05',
    fact: 'x',
    occurredAt: '2024-01-01T00:00:00+08:00',
  });
  expect(bad.status).toBe(400);
  const rid = bad.headers.get('x-request-id')!;
  await new Promise((r) => setTimeout(r, 300)); // the refusal row is written when the response ends
  expect((await rowsOf(rid)).map((r) => r.outcome)).toEqual(['refused']);
});

it('when a vendor asks to verify the record, then it is 403 (auditors verify)', async () => {
  expect((await stack.call('vendor-engineer', 'GET', '/audit/verify')).status).toBe(403);
});
