// A change of the vendor's engineers is requested (4.2) or reported after the fact (6.7): the
// request is checked and recorded under the contract's row lock, then its workflow
// `staff-change:<contractId>:<requestId>` starts. A retry (same requestId or Idempotency-Key)
// and a request that raced the first answer what the first answer was: the change as recorded.
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import type { z } from 'zod';
import { actorOf } from '../auth';
import type { ApiDeps } from '../deps';
import { HttpError, notFound } from '../errors';
import { idempotencyKeyOf, idFromKey } from '../validate';
import { inTransaction } from '../../db/pool';
import { findContract, type Db } from '../../db/queries/contracts';
import {
  engineerIdsEver,
  findStaffChangeRequest,
  insertStaffChangeRequest,
  listEngineers,
  listStaffChangeRequests,
} from '../../db/queries/obligations';
import { assertQualifiedWithPending, registerAfterChange } from '../../domain/staff-register';
import { staffChangeCaseId, staffChangeWorkflow, type StaffChangeInput } from '../../workflows/obligations';
import { startOnce } from './obligation-kit';
import type { Change } from './staff-schemas';
import { checkQualifications } from './staff-register';

/** The change request's answer, the same for the first request, its retries and its races. */
export const changeRequested = (input: StaffChangeInput) => ({
  ...input,
  workflowId: staffChangeCaseId(input.contractId, input.requestId),
});

/** The request id a body or its Idempotency-Key names, or a new one. */
export const changeRequestId = (req: Request, body: z.infer<typeof Change>, kind: StaffChangeInput['kind']) =>
  body.requestId ??
  idFromKey(idempotencyKeyOf(req)) ??
  `${kind === 'requested' ? 'sc' : 'un'}-${randomUUID().slice(0, 8)}`;

/**
 * Records a change request once and starts its workflow; `created` is false when it was already
 * recorded (a retry, or a concurrent request: its start may have been lost, so it starts now).
 */
export async function requestStaffChange(
  deps: ApiDeps,
  req: Request,
  kind: StaffChangeInput['kind'],
  contractId: string,
  requestId: string,
  body: z.infer<typeof Change>,
): Promise<{ input: StaffChangeInput; created: boolean }> {
  const { pool } = deps;
  if (!(await findContract(pool, contractId))) throw notFound(`contract ${contractId}`);
  await checkQualifications(pool, contractId, 'add', body.add);
  const workflowId = staffChangeCaseId(contractId, requestId);
  const requestedAt = new Date(deps.now()).toISOString();
  // Under the contract's row lock, so that two requests are checked one after the other and
  // the second sees the first as pending (4.2).
  const answer = await inTransaction(pool, async (tx) => {
    await tx.query('SELECT 1 FROM contracts WHERE id = $1 FOR UPDATE', [contractId]);
    const recorded = await findStaffChangeRequest(tx, workflowId);
    if (recorded) return { input: recorded.input as unknown as StaffChangeInput, created: false };
    await assertChangeAllowed(tx, kind, contractId, requestId, body);
    const input: StaffChangeInput = {
      contractId,
      requestId,
      kind,
      requestedAt,
      requestedBy: actorOf(req).name,
      effectiveDate: body.effectiveDate,
      remove: body.remove,
      add: body.add,
      reason: body.reason,
    };
    await insertStaffChangeRequest(tx, {
      workflowId,
      contractId,
      requestId,
      kind,
      effectiveDate: body.effectiveDate,
      remove: body.remove,
      add: body.add,
      input,
      requestedBy: input.requestedBy,
      requestedAt,
    });
    return { input, created: true };
  });
  await startOnce(deps, staffChangeWorkflow, workflowId, 'staff', contractId, [answer.input]);
  return answer;
}

/** 4.2: engineer ids are never reused; removals name registered engineers; a qualified fixed engineer remains. */
async function assertChangeAllowed(
  tx: Db,
  kind: StaffChangeInput['kind'],
  contractId: string,
  requestId: string,
  body: z.infer<typeof Change>,
): Promise<void> {
  const register = await listEngineers(tx, contractId);
  const pending = await listStaffChangeRequests(tx, contractId, true);
  const ever = [...(await engineerIdsEver(tx, contractId)), ...pending.flatMap((x) => x.add.map((e) => e.engineerId))];
  const reused = body.add.find((e) => ever.includes(e.engineerId));
  if (reused)
    throw new HttpError(
      400,
      'DUPLICATE_ENGINEER',
      `engineer id ${reused.engineerId} was already used on this contract or by a pending change`,
      { field: 'add', clause: '4.2' },
    );
  registerAfterChange(register, body.remove, body.add); // unknown removals: 400
  // The contract must always keep a qualified fixed engineer, counting the changes still
  // pending; the hospital reports what happened, so an unannounced change is recorded even
  // when it leaves none.
  if (kind === 'requested')
    assertQualifiedWithPending(
      register,
      pending.map((x) => ({ changeId: x.requestId, effectiveDate: x.effectiveDate, remove: x.remove, add: x.add })),
      { changeId: requestId, effectiveDate: body.effectiveDate, remove: body.remove, add: body.add },
    );
}
