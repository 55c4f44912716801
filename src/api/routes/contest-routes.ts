// The contest of a stated time and its decision (issue 10, clause 6), one shape for every family
// whose facts take stated times: the two bodies, the two routes declared under a case's path,
// their mounting on the family's router, and the answer with its instants at +08:00.
import type { Request, RequestHandler, Router } from 'express';
import type { WorkflowHandle } from '@temporalio/client';
import { z } from 'zod';
import { allow } from '../auth';
import { contractInstant, msToInstants } from '../instants';
import { declareRoute, mount } from '../route';
import { instantSchema } from '../validate';
import type { DutyName } from '../../security/duties';
import { contestTimeUpdate, decideContestUpdate, type ContestResult } from '../../workflows/kernel/case-messages';
import { text, updateArgs } from './obligation-kit';
import { ContestAnswer } from './case-schemas';
import { contestRefusals } from './refusals';

export const Contest = z.strictObject({
  factSeq: z.number().int().min(1),
  reason: text(),
  proposedAt: instantSchema
    .optional()
    .describe('when the contesting party says it happened (default: when it was recorded)'),
});
export const ContestDecision = z.strictObject({
  factSeq: z.number().int().min(1),
  decision: z.enum(['stated', 'contested']),
  reason: text(),
});

/** A contest's answer: the stated time and the fact recorded, its epoch ms as +08:00 instants. */
export function contestAnswer(r: ContestResult) {
  return {
    caseId: r.caseId,
    stated: r.stated,
    fact: {
      ...(msToInstants(r.fact) as typeof r.fact),
      occurredAt: contractInstant(r.fact.occurredAt),
      recordedAt: contractInstant(r.fact.recordedAt),
    },
  };
}

/**
 * The contest and contest-decision routes of a family whose facts take stated times (issue 10):
 * either party contests the other's stated time; the hospital's approver decides (clause 6).
 */
export function declareContestRoutes<P extends z.ZodObject>(path: string, params: P, clause: string) {
  const contest = declareRoute({
    method: 'post',
    path: `${path}/contest`,
    duty: 'contestTime' satisfies DutyName,
    summary: `The other party contests a time stated for an earlier instant, within statedTimes.contestHours (issue 10, ${clause})`,
    params,
    body: Contest,
    refusals: contestRefusals('case', clause),
    responses: {
      200: { description: 'the stated time with its contest, and the fact recorded', schema: ContestAnswer },
    },
  });
  const contestDecision = declareRoute({
    method: 'post',
    path: `${path}/contest-decision`,
    duty: 'decide' satisfies DutyName,
    summary:
      'Hospital approver decides a contested time (stated or contested); the deadline is judged on the decided time (clause 6)',
    params,
    body: ContestDecision,
    refusals: contestRefusals('case', clause),
    responses: {
      200: { description: 'the stated time with its decision, and the fact recorded', schema: ContestAnswer },
    },
  });
  return { contest, contestDecision };
}

/**
 * Mounts the routes declareContestRoutes declared on a family's router: either party contests a
 * time the other stated, the hospital approver decides (issue 10, clause 6). act is the family's
 * handler of one Update of its case (audited as `<family>.contest` / `.contest-decision`).
 */
export function mountContestRoutes(
  r: Router,
  routes: ReturnType<typeof declareContestRoutes>,
  act: (audit: string, run: (req: Request, h: WorkflowHandle) => Promise<unknown>) => RequestHandler,
): void {
  mount(
    r,
    routes.contest,
    allow('hospital-operator', 'hospital-approver', 'vendor-engineer'),
    act('contest', async (req, h) =>
      contestAnswer(await h.executeUpdate(contestTimeUpdate, { args: [updateArgs(req, routes.contest.body(req))] })),
    ),
  );
  mount(
    r,
    routes.contestDecision,
    allow('hospital-approver'),
    act('contest-decision', async (req, h) =>
      contestAnswer(
        await h.executeUpdate(decideContestUpdate, { args: [updateArgs(req, routes.contestDecision.body(req))] }),
      ),
    ),
  );
}
