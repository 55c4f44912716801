// Issue 15 item 1: every route declares the 404s and 409s it answers with, their codes, rule and
// clause (route.ts `refusals`, src/api/routes/refusals.ts). Per family (faults, ledger, cycles,
// contracts, documents, admin, session) this drives each declared refusal status at least once
// over real HTTP, PostgreSQL, Temporal and a worker, and checks that the answer's code is one
// /openapi.json lists for that operation and status; the stack's response check
// (VALIDATE_RESPONSES) would have answered 500 for an undeclared one anyway.
import { randomUUID } from 'node:crypto';
import { createActivities } from '../../src/activities';
import { createLogger } from '../../src/logger';
import { contractBody, createContract } from '../helpers/fixtures';
import { eventually, startStack, type Stack } from '../helpers/stack';

let stack: Stack;
let contractId: string;
let doc: { paths: Record<string, Record<string, { responses: Record<string, any> }>> };
beforeAll(async () => {
  stack = await startStack();
  contractId = (await createContract(stack)).id;
  doc = (await stack.call(null, 'GET', '/openapi.json')).body;
});
afterAll(async () => {
  await stack?.stop();
});

/** The codes /openapi.json declares for one operation's answer of this status (none: not declared). */
const declared = (method: string, path: string, status: number): string[] =>
  doc.paths[path]?.[method]?.responses[String(status)]?.content?.['application/json']?.schema?.properties?.error
    ?.properties?.code?.enum ?? [];

const refusals: { op: string; status: number; code: string }[] = [];
/** Sends the request and records the refusal it got, under the operation's declared path. */
async function refused(op: string, role: Parameters<Stack['call']>[0], url: string, status: number, body?: unknown) {
  const [method] = op.split(' ') as [string];
  const res = await stack.call(role, method, url, body);
  expect([op, res.status]).toEqual([op, status]);
  refusals.push({ op, status, code: res.body.error.code });
  return res.body.error.code as string;
}

it('when each family is refused with a 404 and a 409, then every code answered is one its operation declares', async () => {
  const C = `/contracts/${contractId}`;
  // contracts (clause 3)
  await refused('GET /contracts/{id}', 'auditor', '/contracts/C-nope', 404);
  await refused(
    'POST /contracts',
    'admin',
    '/contracts',
    409,
    contractBody({ id: contractId, name: 'another contract of the same id' }),
  );
  // faults (4.9)
  await refused('POST /contracts/{contractId}/faults', 'hospital-operator', '/contracts/C-nope/faults', 404, {
    level: 2,
    title: 'OA slow',
    channel: 'phone',
    reporter: 'Nurse Li',
  });
  const fault = await stack.call('hospital-operator', 'POST', `${C}/faults`, {
    level: 2,
    title: 'OA slow',
    channel: 'phone',
    reporter: 'Nurse Li',
  });
  const act = (id: string, action: string) => `/faults/${encodeURIComponent(id)}/${action}`;
  await refused('POST /faults/{caseId}/resolve', 'vendor-engineer', act(fault.body.caseId, 'resolve'), 409, {
    summary: 'x',
  });
  await refused('GET /faults/{caseId}', 'auditor', `/faults/${encodeURIComponent(`fault:${contractId}:9999`)}`, 404);
  // ledger (6)
  const acts = createActivities({ pool: stack.db.pool, log: createLogger('silent'), notifier: stack.notifier });
  const caseId = `fault:${contractId}:${randomUUID().slice(0, 6)}`;
  const { entryId } = await acts.proposePenalty({
    key: `${caseId}:response-breach`,
    contractId,
    clause: '6.2.1',
    termsVersion: 1,
    caseKind: 'fault',
    caseId,
    fact: 'level 1 response later than 15 min (4.9.4)',
    dueAt: '2025-03-01T10:15:00+08:00',
    lateByMs: 600_000,
    amountFen: '100000',
    basis: 'clause 6.2.1: CNY 1,000.00 per occurrence',
    occurredAt: '2025-03-01T10:25:00+08:00',
  } as Parameters<typeof acts.proposePenalty>[0]);
  expect((await stack.call('hospital-approver', 'POST', `/ledger/${entryId}/confirm`, {})).status).toBe(200);
  await refused('POST /ledger/{id}/waive', 'hospital-approver', `/ledger/${entryId}/waive`, 409, { reason: 'x' });
  await refused('POST /ledger/{id}/confirm', 'hospital-approver', `/ledger/${randomUUID()}/confirm`, 404, {});
  // cycles: an inspection acknowledged before its report (4.3), one of a quarter that never began
  // The current quarter's inspection is started with the registration (cycles-at-registration.ts).
  const open = await eventually(async () =>
    ((await stack.call('auditor', 'GET', `${C}/inspections`)).body.items as any[]).find(
      (i) => !['submitted', 'changes-requested', 'acknowledged', 'closed'].includes(i.status),
    ),
  );
  await refused(
    'POST /contracts/{id}/inspections/{period}/acknowledge',
    'hospital-approver',
    `${C}/inspections/${open.year}Q${open.quarter}/acknowledge`,
    409,
    {},
  );
  await refused('GET /contracts/{id}/inspections/{period}', 'auditor', `${C}/inspections/3Q4`, 404);
  // documents
  await refused('GET /documents/{documentId}', 'auditor', '/documents/doc_nope', 404);
  // admin: a key that does not exist, a revoked key rotated (clause 7)
  await refused('POST /api-keys/{id}/rotate', 'admin', `/api-keys/${randomUUID()}/rotate`, 404, {});
  const key = await stack.call('admin', 'POST', '/api-keys', { name: 'spare', role: 'auditor' });
  expect((await stack.call('admin', 'POST', `/api-keys/${key.body.id}/revoke`, {})).status).toBe(200);
  await refused('POST /api-keys/{id}/rotate', 'admin', `/api-keys/${key.body.id}/rotate`, 409, {});

  const undeclared = refusals.filter(({ op, status, code }) => {
    const [method, path] = op.split(' ') as [string, string];
    return !declared(method.toLowerCase(), path, status).includes(code);
  });
  expect(undeclared).toEqual([]);
  expect(refusals.map((r) => `${r.status} ${r.code}`)).toEqual([
    '404 NOT_FOUND',
    '409 CONTRACT_EXISTS',
    '404 NOT_FOUND',
    '409 NOT_RESPONDED',
    '404 NOT_FOUND',
    '409 ENTRY_CONFIRMED',
    '404 NOT_FOUND',
    '409 REPORT_NOT_SUBMITTED',
    '404 NOT_FOUND',
    '404 NOT_FOUND',
    '404 NOT_FOUND',
    '409 KEY_REVOKED',
  ]);
});

it('when a route has no 404 or 409 to give (the session, a list), then its operation lists neither', () => {
  for (const [method, path] of [
    ['post', '/session'],
    ['get', '/faults'],
    ['get', '/ledger'],
    ['get', '/audit'],
  ] as const) {
    const statuses = Object.keys(doc.paths[path]![method]!.responses);
    expect([path, statuses.includes('404'), statuses.includes('409')]).toEqual([path, false, false]);
  }
});
