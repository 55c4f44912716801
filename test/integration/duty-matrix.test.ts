// Issue 12, findings 3 and 4: the duty matrix (src/security/duties.ts) enforced and tested as a
// whole. Generated from the route declarations (the OpenAPI document every route registers
// in, duties included): every role x endpoint x scope is called and its answer checked against the matrix.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startStack, type Stack } from '../helpers/stack';
import { createContract } from '../helpers/fixtures';
import { ROLES, type Role } from '../../src/api/auth';
import { createApiKey } from '../../src/api/api-keys';
import { openApiDocument } from '../../src/api/openapi';
import { DUTIES } from '../../src/security/duties';
import { endpointDuties } from '../../src/security/endpoint-duties';
import { dutyMatrixMarkdown } from '../../src/security/duty-matrix-doc';

let stack: Stack;
let A: string;
let B: string;
const limited = {} as Record<Role, string>;
beforeAll(async () => {
  stack = await startStack(); // a worker: the contracts' obligation workflows answer queries and updates
  A = (await createContract(stack)).id;
  B = (await createContract(stack)).id;
  for (const role of ROLES)
    limited[role] = (await createApiKey(stack.db.pool, { name: `a-only-${role}`, role, contracts: [A] })).key;
});
afterAll(async () => {
  await stack.stop();
});

const operations = (): string[] => {
  const doc = openApiDocument() as unknown as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths)
    .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
    .sort();
};

/** A concrete URL for a declared path, its ids pointing at contract c. */
function urlFor(p: string, c: string): string {
  return (
    p.replace(/\{(\w+)\}/g, (_m, name: string) => {
      if (name === 'id' && p.startsWith('/contracts/')) return c;
      if (name === 'contractId') return c;
      if (name === 'caseId') return encodeURIComponent(`fault:${c}:1`);
      if (name === 'year') return '1';
      if (name === 'period') return '2025Q1';
      return 'nope';
    }) + (p === '/ledger/totals' ? `?contractId=${c}` : '')
  );
}
const namesContract = (p: string) => /^\/contracts\/\{|\{caseId\}|\{contractId\}/.test(p);

async function call(key: string, op: string, c: string): Promise<number> {
  const [method, p] = op.split(' ') as [string, string];
  const res = await fetch(`${stack.baseUrl}${urlFor(p, c)}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(method === 'GET' ? {} : { 'content-type': 'application/json' }) },
    body: method === 'GET' ? undefined : '{}',
  });
  await res.arrayBuffer();
  return res.status;
}

it('when the API is described, then every operation has exactly one duty in the matrix, and the matrix names no other', () => {
  expect(Object.keys(endpointDuties()).sort()).toEqual(operations());
});

it('when the README is read, then it prints the duty matrix as the code has it', () => {
  const readme = readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
  expect(readme).toContain(dutyMatrixMarkdown());
});

// One test per endpoint: its 6 roles x 2-3 scopes called at once.
it.each(operations())(
  'when every role calls %s with every scope, then only the roles of its duty get past authorisation',
  async (op) => {
    const duty = DUTIES[endpointDuties()[op]!];
    const p = op.split(' ')[1]!;
    const checks: Promise<string | undefined>[] = [];
    for (const role of ROLES) {
      const allowed = (duty.roles as readonly string[]).includes(role);
      const cases: [string, string, string, boolean][] = [
        ['all contracts', stack.keys[role], A, allowed],
        ['own contract', limited[role], A, allowed && !('allContracts' in duty && duty.allContracts)],
      ];
      if (namesContract(p)) cases.push(['another contract', limited[role], B, false]);
      for (const [scope, key, c, expectAllowed] of cases) {
        checks.push(
          call(key, op, c).then((status) => {
            const got = status !== 403 && status !== 401;
            // Another contract's id: refused, or its (empty) body refused first; never served.
            const refused = scope === 'another contract' ? status === 403 || status === 400 : !got;
            return status >= 500 || refused === expectAllowed
              ? `${role} (${scope}): ${status}, matrix says ${expectAllowed ? 'allowed' : 'forbidden'}`
              : undefined;
          }),
        );
      }
    }
    expect((await Promise.all(checks)).filter(Boolean)).toEqual([]);
  },
);
