import { randomUUID } from 'node:crypto';
import type { Stack } from './stack';

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
 */
export async function createContract(stack: Stack, overrides: Record<string, unknown> = {}, role: 'admin' | 'hospital-approver' = 'admin'): Promise<any> {
  const res = await stack.call(role, 'POST', '/contracts', contractBody(overrides));
  if (res.status !== 201) throw new Error(`createContract: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
