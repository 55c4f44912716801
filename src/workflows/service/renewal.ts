// 4.4: an accepted renewal closes the licence's case as renewed and opens the case of its new
// expiry date, warned ahead and breached on lapse like the first. Its id comes from the
// licence's first request and the new date, so a retried task or a second renewal to the same
// date finds the case already open instead of opening another (REJECT_DUPLICATE).
import { ParentClosePolicy, startChild, WorkflowIdReusePolicy } from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { IsoDate } from '../../domain/time';
import { caseStartMetadata, serviceAbout } from '../../temporal/case-summaries';
import { SYSTEM } from '../kernel/actors';
import { renewalRequestId, serviceRequestId, type ServiceRequestInput, type ServiceRequestState } from './messages';

/** The next expiry's request, registered by the platform (the vendor acknowledges it like any other). */
export function nextExpiryInput(
  input: ServiceRequestInput,
  expiresOn: IsoDate,
  renewalOf: string,
  nowMs: number,
): ServiceRequestInput {
  const lic = input.licence!;
  return {
    contractId: input.contractId,
    requestId: renewalRequestId(input, expiresOn),
    clause: '4.4',
    origin: 'licence',
    title: input.title,
    description: `renew licence ${lic.name} before it lapses at the end of ${expiresOn} (4.4)`,
    documents: [],
    raisedAt: new Date(nowMs).toISOString(),
    raisedBy: SYSTEM,
    licence: { name: lic.name, expiresOn, firstRequestId: lic.firstRequestId ?? input.requestId, renewalOf },
  };
}

/** Starts the next expiry's case (or finds it started) and answers its workflow id. */
export async function openNextExpiry(
  workflow: (input: ServiceRequestInput) => Promise<ServiceRequestState>,
  next: ServiceRequestInput,
): Promise<string> {
  const workflowId = serviceRequestId(next.contractId, next.requestId);
  // The Web UI's summary and details (issue 15), as the API's starts carry them.
  const { staticSummary, staticDetails } = caseStartMetadata(
    'service',
    workflowId,
    next.contractId,
    serviceAbout(next),
  );
  try {
    await startChild(workflow, {
      workflowId,
      staticSummary,
      staticDetails,
      args: [next],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
  } catch (e) {
    if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
  }
  return workflowId;
}
