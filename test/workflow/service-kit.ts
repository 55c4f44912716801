// What the service request's time-skipping tests share (issue 18): raising a request on the
// harness's worker, its proposals and notices, and citations of stored documents.
import { createHash } from 'node:crypto';
import { addDays, shanghaiDate } from '../../src/domain/time';
import {
  serviceRequestWorkflow,
  serviceStateQuery,
  serviceUpdates as u,
  type DocumentCitation,
  type ServiceRequestInput,
  type ServiceRequestState,
} from '../../src/workflows/service-request';
import { operator, until, vendor, type Harness } from './obligations-harness';

/**
 * A citation of a stored document in issue 14's shape, named for reading: the workflow checks the
 * shape only (the API checks it against the store), so a stable id and hash per name will do.
 */
export function cite(name: string, version = 1): DocumentCitation {
  const hex = (s: string) => createHash('sha256').update(s).digest('hex');
  return { documentRef: `doc_${hex(name).slice(0, 32)}@${version}`, sha256: hex(`${name}@${version}`) };
}

export function serviceKit(h: () => Harness, prefix: string) {
  let seq = 0;
  async function raise(over: Partial<ServiceRequestInput> = {}, dueInDays = 10) {
    const n = ++seq;
    const contractId = `C-${prefix}-${n}`;
    const now = await h().env.currentTimeMs();
    const input: ServiceRequestInput = {
      contractId,
      requestId: `sr${n}`,
      clause: '4.7',
      origin: 'raised',
      title: 'database dictionary',
      description: 'deliver the database dictionary of the OA platform',
      documents: [],
      raisedAt: new Date(now).toISOString(),
      raisedBy: operator,
      proposedDueDate: addDays(shanghaiDate(now), dueInDays),
      ...over,
    };
    const wf = `service:${contractId}:${input.requestId}`;
    const handle = await h().env.client.workflow.start(serviceRequestWorkflow, {
      taskQueue: h().taskQueue,
      workflowId: wf,
      args: [input],
    });
    const state = () => handle.query(serviceStateQuery);
    await until(state, (s) => s.termsVersion !== null);
    const act = (k: keyof typeof u, a: Record<string, unknown>) =>
      handle.executeUpdate(u[k] as never, { args: [a] as never }) as Promise<ServiceRequestState>;
    return { wf, handle, state, input, act };
  }
  return {
    raise,
    proposals: (wf: string) => h().f.propose.filter((p) => p.caseId === wf),
    notices: (wf: string) =>
      h()
        .f.notify.filter((n) => n.key.startsWith(`${wf}:`))
        .map((n) => n.topic),
    async agreedAndAcknowledged(r: Awaited<ReturnType<typeof raise>>) {
      await r.act('acceptDueDate', { actor: vendor });
      await r.act('acknowledge', { actor: vendor });
    },
  };
}
