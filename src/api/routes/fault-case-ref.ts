// A fault case's URL parameter and the contract it belongs to, shared by the fault routes
// (fault-actions.ts, fault-reads.ts): the case id names its contract, so scope is checked
// before anything is looked up (clause 7).
import { z } from 'zod';
import { notFound } from '../errors';

export const CaseParams = z.object({ caseId: z.string().describe('fault:<contractId>:<caseNo>') });

/** fault:<contractId>:<caseNo> -> contractId (contract ids have no colon). */
export function contractOf(caseId: string): string {
  const m = /^fault:([A-Za-z0-9_.-]{1,64}):(\d+)$/.exec(caseId);
  if (!m) throw notFound(`fault case ${caseId}`);
  return m[1]!;
}
