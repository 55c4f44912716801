// The console's queue (issue 16): what awaits the caller's party, soonest deadline first. The
// party comes from the role (the vendor's roles wait on cases awaiting the vendor, the hospital's
// operators and approvers on those awaiting the hospital); finance, auditors and admins see
// every open case. Read from the PostgreSQL record, like every read of the API.
import { Router } from 'express';
import { z } from 'zod';
import { actorOf } from '../auth';
import type { ApiDeps } from '../deps';
import { contractInstant, instantOut } from '../instants';
import { declareRoute, mount } from '../route';
import { FaultCaseRow } from './fault-schemas';
import * as q from '../../db/queries/faults';
import { partyOf } from '../../workflows/kernel/actors';
import type { DeadlineState } from '../../workflows/fault/state';

const QueueQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) });
const QueueItem = FaultCaseRow.omit({ closure: true }).extend({
  contested: z.boolean().describe('an exclusion claim is open, a penalty disputed or a stated time contested'),
  nextDeadline: z
    .object({ kind: z.string(), clause: z.string(), dueAt: instantOut })
    .nullable()
    .describe('the soonest pending deadline, with its clause'),
});
const route = declareRoute({
  method: 'get',
  path: '/me/queue',
  duty: 'read',
  summary:
    "Open cases awaiting the caller's party, soonest deadline first, with the next deadline's clause, breached and contested marked",
  query: QueueQuery,
  responses: {
    200: {
      description: 'queue',
      schema: z.object({
        awaiting: z
          .enum(['vendor', 'hospital', 'any'])
          .describe("the caller's party; any for finance, auditors, admins"),
        items: z.array(QueueItem),
      }),
    },
  },
});
/** A row of queueCases: the case's columns, its deadlines (workflow state, epoch ms) and whether it is contested. */
type QueueRow = Omit<z.input<typeof QueueItem>, 'nextDeadline'> & { deadlines: DeadlineState[] | null };

export function queueRouter({ pool }: ApiDeps): Router {
  const r = Router();
  mount(r, route, async (req, res) => {
    const actor = actorOf(req);
    const { limit } = route.query(req);
    const party = partyOf(actor.role);
    const awaiting = party === 'platform' || actor.role === 'finance' ? null : party;
    const rows = await q.queueCases(pool, {
      contracts: actor.contracts.includes('*') ? '*' : actor.contracts,
      awaiting,
      limit,
    });
    route.send(res, 200, {
      awaiting: awaiting ?? 'any',
      items: (rows as QueueRow[]).map(({ deadlines, ...c }) => {
        const pending = (deadlines ?? []).filter((d) => d.status === 'pending').sort((a, b) => a.dueMs - b.dueMs)[0];
        return {
          ...c,
          nextDeadline: pending
            ? { kind: pending.kind, clause: pending.clause, dueAt: contractInstant(pending.dueMs) }
            : null,
        };
      }),
    });
  });
  return r;
}
