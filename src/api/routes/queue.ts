// The console's queue (issue 16): what awaits the caller's party, soonest deadline first, of
// every family (faults, inspections, care, acceptances, the signing obligations, staff changes,
// service requests). The party comes from the role (the vendor's roles wait on cases awaiting
// the vendor, the hospital's operators and approvers on those awaiting the hospital); finance,
// auditors and admins see every open case. Read from the PostgreSQL record, like every read.
import { Router } from 'express';
import { z } from 'zod';
import { actorOf } from '../auth';
import type { ApiDeps } from '../deps';
import { contractInstant, instantOut } from '../instants';
import { declareRoute, mount } from '../route';
import { DutyNamesOut, FaultCaseRow } from './fault-schemas';
import * as q from '../../db/queries/faults';
import { contestedCases, openCycles, openObligations } from '../../db/queries/open-work';
import { cycleWork, obligationWork, WORK_FAMILIES, type WorkItem } from '../queue-work';
import { partyOf } from '../../workflows/kernel/actors';
import type { DeadlineState } from '../../workflows/fault/state';
import { dutyNames } from '../../i18n/duty-names';
import { NONE } from './refusals';

const QueueQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) });
const NextDeadline = z
  .object({ kind: z.string(), names: DutyNamesOut, clause: z.string(), dueAt: instantOut })
  .nullable()
  .describe('the soonest pending deadline, with its clause');
const FaultItem = FaultCaseRow.omit({ closure: true }).extend({
  family: z.literal('fault'),
  contested: z.boolean().describe('an exclusion claim is open, a penalty disputed or a stated time contested'),
  nextDeadline: NextDeadline,
});
const WorkItemOut = z.object({
  family: z.enum(WORK_FAMILIES),
  caseId: z.string().describe('the workflow id, <family>:<contractId>:...; GET /cases/{caseId}'),
  contractId: z.string(),
  subject: z.string().describe("a period (1Q2), a contract year, a request's title"),
  status: z.string(),
  awaiting: z.enum(['vendor', 'hospital', 'none']),
  breached: z.boolean(),
  contested: z.boolean().describe('a stated time is contested and not yet decided'),
  nextDeadline: NextDeadline,
});
const QueueItem = z.discriminatedUnion('family', [FaultItem, WorkItemOut]);
const route = declareRoute({
  method: 'get',
  path: '/me/queue',
  duty: 'read',
  refusals: NONE,
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
type QueueRow = Omit<z.input<typeof FaultItem>, 'nextDeadline' | 'family'> & { deadlines: DeadlineState[] | null };
type Line = { dueMs: number | null; item: z.input<typeof QueueItem> };

/** The other families' open work awaiting the party (null: every party's). */
async function otherWork(deps: ApiDeps, contracts: string[] | '*', awaiting: string | null): Promise<Line[]> {
  const [obligations, cycles] = await Promise.all([
    openObligations(deps.pool, contracts),
    openCycles(deps.pool, contracts),
  ]);
  const contested = await contestedCases(
    deps.pool,
    [...obligations, ...cycles].map((o) => o.caseId),
  );
  const work: WorkItem[] = [
    ...obligations.map((o) => obligationWork(o, contested.has(o.caseId))),
    ...cycles.map((c) => cycleWork(c, contested.has(c.caseId))),
  ];
  return work
    .filter((w) => (awaiting === null ? w.awaiting !== 'none' || w.breached : w.awaiting === awaiting))
    .map(({ nextDeadline, ...w }) => ({
      dueMs: nextDeadline?.dueMs ?? null,
      item: {
        ...w,
        nextDeadline: nextDeadline ? { ...nextDeadline, dueAt: contractInstant(nextDeadline.dueMs) } : null,
      },
    }));
}
const soonestFirst = (a: Line, b: Line) => (a.dueMs ?? Infinity) - (b.dueMs ?? Infinity);

export function queueRouter(deps: ApiDeps): Router {
  const { pool } = deps;
  const r = Router();
  mount(r, route, async (req, res) => {
    const actor = actorOf(req);
    const { limit } = route.query(req);
    const party = partyOf(actor.role);
    const awaiting = party === 'platform' || actor.role === 'finance' ? null : party;
    const contracts = actor.contracts.includes('*') ? '*' : actor.contracts;
    const [rows, others] = await Promise.all([
      q.queueCases(pool, { contracts, awaiting, limit }),
      otherWork(deps, contracts, awaiting),
    ]);
    const faults: Line[] = (rows as QueueRow[]).map(({ deadlines, ...c }) => {
      const pending = (deadlines ?? []).filter((d) => d.status === 'pending').sort((a, b) => a.dueMs - b.dueMs)[0];
      const nextDeadline = pending
        ? {
            kind: pending.kind,
            names: dutyNames('fault', pending.kind),
            clause: pending.clause,
            dueAt: contractInstant(pending.dueMs),
          }
        : null;
      return { dueMs: pending?.dueMs ?? null, item: { ...c, family: 'fault' as const, nextDeadline } };
    });
    route.send(res, 200, {
      awaiting: awaiting ?? 'any',
      items: [...faults, ...others]
        .sort(soonestFirst)
        .slice(0, limit)
        .map((l) => l.item),
    });
  });
  return r;
}
