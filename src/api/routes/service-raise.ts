// A service request is raised (or a licence registered, 4.4): its citations are checked against
// the store, then its workflow `service:<contractId>:<requestId>` starts with the request as
// input. A retry (same requestId or Idempotency-Key) answers what the first answer was: the
// request as its workflow holds it (from the record, or, before the first record write, from
// the workflow itself), never a copy stamped with the retry's own time.
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { auditAs } from '../audit';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { idempotencyKeyOf, idFromKey } from '../validate';
import { serviceAbout } from '../../temporal/case-summaries';
import { findContract, type Db } from '../../db/queries/contracts';
import { getObligationRecord } from '../../db/queries/obligations';
import { checkCitations, type DocumentCitation } from '../../documents/refs';
import {
  serviceRequestId,
  serviceRequestWorkflow,
  serviceStateQuery,
  type ServiceRequestInput,
} from '../../workflows/service-request';
import { actorArg, startOnce } from './obligation-kit';

/** The citations of a body, each checked against the store; a failure names its nested field (documents.1.sha256). */
export const checkRefs = (db: Db, contractId: string, at: string, cites: DocumentCitation[], clause: string) =>
  checkCitations(
    db,
    contractId,
    cites.map((cite, i) => ({ at: `${at}.${i}`, cite, kind: 'service-evidence', clause })),
  );

export const requestIdOf = (req: Request, given: string | undefined, prefix: string) =>
  given ?? idFromKey(idempotencyKeyOf(req)) ?? `${prefix}-${randomUUID().slice(0, 8)}`;

/** The request as raised, from a state that extends it (the workflow's), with its case id. */
function asRaised(workflowId: string, s: ServiceRequestInput) {
  return {
    workflowId,
    contractId: s.contractId,
    requestId: s.requestId,
    clause: s.clause,
    origin: s.origin,
    title: s.title,
    description: s.description,
    documents: s.documents,
    raisedAt: s.raisedAt,
    raisedBy: s.raisedBy,
    ...(s.proposedDueDate ? { proposedDueDate: s.proposedDueDate } : {}),
    ...(s.licence ? { licence: s.licence } : {}),
  };
}

/** Starts the request's workflow once; `created` is false for a retry, whose answer is the first request. */
export async function raiseRequest(
  deps: ApiDeps,
  req: Request,
  res: Response,
  input: Omit<ServiceRequestInput, 'raisedAt' | 'raisedBy'>,
): Promise<{ raised: ReturnType<typeof asRaised>; created: boolean }> {
  const { pool } = deps;
  const workflowId = serviceRequestId(input.contractId, input.requestId);
  auditAs(res, input.licence ? 'licence.register' : 'service-request.raise', workflowId, {
    clause: input.clause,
    origin: input.origin,
  });
  if (!(await findContract(pool, input.contractId))) throw notFound(`contract ${input.contractId}`);
  await checkRefs(pool, input.contractId, 'documents', input.documents, input.clause);
  const full: ServiceRequestInput = { ...input, raisedAt: new Date(deps.now()).toISOString(), raisedBy: actorArg(req) };
  const created = await startOnce(
    deps,
    serviceRequestWorkflow,
    workflowId,
    'service',
    input.contractId,
    [full],
    serviceAbout(full),
  );
  if (created) return { raised: asRaised(workflowId, full), created };
  const record = await getObligationRecord(pool, workflowId);
  const first = record
    ? (record.state as ServiceRequestInput)
    : await deps.temporal.workflow.getHandle(workflowId).query(serviceStateQuery);
  return { raised: asRaised(workflowId, first), created };
}
