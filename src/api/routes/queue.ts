// The console's queue (issue 16): what awaits the caller's party, soonest deadline first. The
// party comes from the role (the vendor's roles wait on cases awaiting the vendor, the hospital's
// operators and approvers on those awaiting the hospital); finance, auditors and admins see
// every open case. Read from the PostgreSQL record, like every read of the API.
import { Router } from 'express';
import { z } from 'zod';
import { actorOf } from '../auth';
import type { ApiDeps } from '../deps';
import { registry } from '../openapi';
import { parseQuery } from '../validate';
import * as q from '../../db/queries/faults';
import { partyOf } from '../../workflows/kernel/actors';
import type { DeadlineState } from '../../workflows/fault/state';

const QueueQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) });
registry.registerPath({
  method: 'get',
  path: '/me/queue',
  summary:
    "Open cases awaiting the caller's party, soonest deadline first, with the next deadline's clause, breached and contested marked",
  request: { query: QueueQuery },
  responses: { 200: { description: 'queue' } },
});

const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : d);

export function queueRouter({ pool }: ApiDeps): Router {
  const r = Router();
  r.get('/me/queue', async (req, res) => {
    const actor = actorOf(req);
    const { limit } = parseQuery(QueueQuery, req.query);
    const party = partyOf(actor.role);
    const awaiting = party === 'platform' || actor.role === 'finance' ? null : party;
    const rows = await q.queueCases(pool, {
      contracts: actor.contracts.includes('*') ? '*' : actor.contracts,
      awaiting,
      limit,
    });
    res.json({
      awaiting: awaiting ?? 'any',
      items: rows.map(({ deadlines, ...c }) => {
        const pending = ((deadlines as DeadlineState[] | null) ?? [])
          .filter((d) => d.status === 'pending')
          .sort((a, b) => a.dueMs - b.dueMs)[0];
        return {
          ...c,
          reportedAt: iso(c.reportedAt),
          nextDeadlineAt: iso(c.nextDeadlineAt),
          updatedAt: iso(c.updatedAt),
          nextDeadline: pending
            ? { kind: pending.kind, clause: pending.clause, dueAt: new Date(pending.dueMs).toISOString() }
            : null,
        };
      }),
    });
  });
  return r;
}
