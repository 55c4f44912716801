import { randomUUID } from 'node:crypto';
import type { Stack } from './stack';
import type { Role } from '../../src/api/auth';

/** A contract body with the defaults of clauses.md: CNY 1,234,567.89 over 3 years, signed 2025-01-02 09:00 Shanghai. */
export function contractBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: `C-${randomUUID().slice(0, 8)}`,
    name: 'OA platform maintenance',
    hospital: 'City Hospital',
    vendor: 'OA Vendor Ltd',
    signedAt: '2025-01-02T09:00:00+08:00',
    amountFen: '123456789',
    yearlyFees: ['41152263', '41152263', '41152263'],
    termYears: 3,
    ...overrides,
  };
}

/**
 * Creates a contract through POST /contracts (role admin unless given) and returns its JSON
 * (id, signedAt, amountFen, termsVersion, terms, versions, ...). Throws on a non-201 answer.
 * A 503 is retried with the same Idempotency-Key for up to 60 s, as the answer asks a client to:
 * on a loaded machine (load 17) the registration's cycles once waited on Temporal past the API's
 * bound and a kill -9 test failed before it began.
 */
export async function createContract(
  stack: Stack,
  overrides: Record<string, unknown> = {},
  role: 'admin' | 'hospital-approver' = 'admin',
): Promise<any> {
  const body = contractBody(overrides);
  const key = { 'idempotency-key': `create-${body.id as string}` };
  let res = await stack.call(role, 'POST', '/contracts', body, key);
  for (const until = Date.now() + 60_000; res.status === 503 && Date.now() < until;) {
    await new Promise((r) => setTimeout(r, 1_000 * Number(res.body?.error?.retryAfterSeconds ?? 1)));
    res = await stack.call(role, 'POST', '/contracts', body, key);
  }
  if (res.status !== 201) throw new Error(`createContract: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * An amendment or a contract end as two persons make it (issue 12, clause 3): `by` proposes
 * (POST .../amendments or .../end), a second person approves (a hospital approver, or the
 * vendor when the approver proposed). A refused proposal's answer is returned as it is.
 */
export async function agreed(
  stack: Stack,
  by: Role,
  path: string,
  body: unknown,
  approver?: Role,
): Promise<Awaited<ReturnType<Stack['call']>>> {
  const proposed = await stack.call(by, 'POST', path, body);
  if (proposed.status !== 202) return proposed;
  const second = approver ?? (by === 'hospital-approver' ? 'vendor-engineer' : 'hospital-approver');
  return stack.call(
    second,
    'POST',
    `${path.replace(/\/(amendments|end)$/, '')}/changes/${proposed.body.proposal.id}/approve`,
    {},
  );
}
