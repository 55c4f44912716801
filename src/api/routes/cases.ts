// A case of any family beside faults (issue 16 item 1): GET /cases/{caseId} answers what the
// console's case page shows: status, who is awaited, breached, the next deadline and its
// clause, the family's recorded state, the timeline with stated and recorded times, the stated
// times with their contests, and the actions the caller may take now (src/api/case-actions.ts,
// from the same duty matrix and check() as the routes that take them). Read from PostgreSQL.
import { Router } from 'express';
import { z } from 'zod';
import { actorOf, assertContractAccess } from '../auth';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { contractInstant, instantOut } from '../instants';
import { declareRoute, mount } from '../route';
import { permittedCaseActions, statedOf, termsOf } from '../case-actions';
import { FAMILY_SPECS } from '../case-families';
import { DutyNamesOut } from './fault-schemas';
import { cycleWork, obligationWork, WORK_FAMILIES, type WorkItem } from '../queue-work';
import { caseFacts } from '../../db/queries/case-records';
import { caseHead, contestedCases, openCycles, openObligations } from '../../db/queries/open-work';
import { termsAt } from '../../services/contracts';
import { startOfShanghaiDay } from '../../domain/time';
import type { Fact } from '../../workflows/kernel/facts';
import { notFoundOf } from './refusals';
import { answerLocale } from '../language';
import { recordTextsIn } from '../../i18n/record-texts';

const CaseAction = z.object({
  action: z.string().describe('<family>.<action>, or contest / decideContest'),
  method: z.literal('POST'),
  url: z.string().describe('the route that takes it'),
  clause: z.string(),
  factSeq: z.number().int().optional(),
  itemId: z.string().optional(),
});
const FactOut = z.object({
  seq: z.number().int(),
  type: z.string(),
  occurredAt: instantOut.describe('stated by the caller (default when recorded)'),
  recordedAt: instantOut,
  recordedBy: z.object({ name: z.string(), role: z.string() }),
  statedBy: z.string().optional().describe('the party whose earlier stated time this is (contestable)'),
  onBehalfOf: z.string().optional(),
  clause: z.string().optional(),
  detail: z.record(z.string(), z.unknown()),
});
const route = declareRoute({
  method: 'get',
  path: '/cases/{caseId}',
  localized: true,
  duty: 'read',
  refusals: notFoundOf('case'),
  summary:
    'A case of any family but faults (GET /faults/{caseId}): status, awaiting, next deadline with its clause, state, timeline, contests and the actions the caller may take now',
  params: z.object({ caseId: z.string().describe('the workflow id, <family>:<contractId>:...') }),
  responses: {
    200: {
      description: 'the case',
      schema: z.object({
        family: z.enum(WORK_FAMILIES),
        caseId: z.string(),
        contractId: z.string(),
        subject: z.string(),
        status: z.string(),
        awaiting: z.enum(['vendor', 'hospital', 'none']),
        breached: z.boolean(),
        contested: z.boolean(),
        nextDeadline: z
          .object({ kind: z.string(), names: DutyNamesOut, clause: z.string(), dueAt: instantOut })
          .nullable(),
        closure: z.object({ how: z.string(), at: instantOut }).nullable().describe('closed outside the API'),
        state: z.record(z.string(), z.unknown()).describe("the family's recorded state"),
        timeline: z.array(FactOut),
        contests: z.array(z.object({ factSeq: z.number().int(), contested: z.boolean(), decided: z.boolean() })),
        permittedActions: z.array(CaseAction),
      }),
    },
  },
});

const toFact = (f: Record<string, unknown>): Fact =>
  ({
    ...f,
    occurredAt: new Date(f.occurredAt as Date).getTime(),
    recordedAt: new Date(f.recordedAt as Date).getTime(),
  }) as Fact;

/** The route parameters a family's paths take, from the case id (<family>:<contractId>:<key>). */
function paramsOf(caseId: string, contractId: string): Record<string, string> {
  const key = caseId.split(':').slice(2).join(':');
  return { id: contractId, period: key, year: key, requestId: key };
}

export function casesRouter(deps: ApiDeps): Router {
  const { pool } = deps;
  const r = Router();
  mount(r, route, async (req, res) => {
    const caseId = String(req.params.caseId);
    const actor = actorOf(req);
    // Scope before lookup (clause 7): a key of another contract is refused whether or not the
    // case exists, so it cannot learn which cases that contract has (every case id names its
    // contract: <kind>:<contractId>[:...], migration 020).
    assertContractAccess(actor, caseId.split(':')[1] ?? '');
    const head = await caseHead(pool, caseId);
    if (!head || head.kind === 'fault' || !(WORK_FAMILIES as readonly string[]).includes(head.kind))
      throw notFound(`case ${caseId} (a fault case is read at GET /faults/{caseId})`);
    assertContractAccess(actor, head.contractId);
    const nowMs = deps.now();
    const [obligations, cycles, facts, contested, t] = await Promise.all([
      openObligations(pool, [head.contractId], caseId),
      openCycles(pool, [head.contractId], caseId),
      caseFacts(pool, caseId),
      contestedCases(pool, [caseId]),
      termsAt(pool, head.contractId, nowMs),
    ]);
    const o = obligations[0];
    const c = cycles[0];
    if (!o && !c) throw notFound(`case ${caseId}`);
    const work: WorkItem = o ? obligationWork(o, contested.has(caseId)) : cycleWork(c!, contested.has(caseId));
    const state = (o ?? c)!.state;
    const timeline = facts.map(toFact);
    const periodStart = typeof state.periodStart === 'string' ? state.periodStart : undefined;
    const closed = head.closure !== null || (o !== undefined && !o.running);
    const permittedActions = closed
      ? []
      : permittedCaseActions(
          FAMILY_SPECS[head.kind]!,
          head.kind,
          actor,
          {
            state: state as never, // FAMILY_SPECS is keyed by kind: this record's state is the one its family's workflow wrote
            terms: termsOf(t.terms),
            timeline,
            params: paramsOf(caseId, head.contractId),
            extra: {
              signedMs: Date.parse(t.signedAt),
              periodStartMs: periodStart ? startOfShanghaiDay(periodStart) : undefined,
            },
          },
          nowMs,
        );
    const { nextDeadline, ...line } = work;
    route.send(res, 200, {
      ...line,
      nextDeadline: nextDeadline ? { ...nextDeadline, dueAt: contractInstant(nextDeadline.dueMs) } : null,
      closure: head.closure,
      ...recordTextsIn({ state, timeline: facts }, answerLocale(req, res)), // platform-written texts in the reader's language (issue 15)
      contests: statedOf(timeline).map((s) => ({ factSeq: s.factSeq, contested: !!s.contest, decided: !!s.decision })),
      permittedActions,
    });
  });
  return r;
}
