// Fault case actions (clause 4.9): each is a Temporal Update of the case workflow, whose
// validator answers 403/409 with the rule (bodies and duties: fault-action-bodies.ts).
import { answerLocale } from '../language';
import { recordTextsIn } from '../../i18n/record-texts';
import { Router, type RequestHandler } from 'express';
import type { WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import * as q from '../../db/queries/faults';
import { checkDocumentRef } from '../../documents/refs';
import { faultUpdates, type ActionResult, type FaultAction, type FaultArgs } from '../../workflows/fault/messages';
import { actorOf, assertContractAccess } from '../auth';
import { auditAs } from '../audit';
import type { ApiDeps } from '../deps';
import { contractInstant, msToInstants } from '../instants';
import { declareRoute, mount } from '../route';
import { ACTION_BODIES, ACTION_DUTIES, ACTION_PATHS, toWorkflowArgs } from './fault-action-bodies';
import { CaseParams, contractOf } from './fault-case-ref';
import { FaultActed, withNames } from './fault-schemas';
import { withRecordResync } from '../record-resync';
import { onOpenCase, parseBody } from '../validate';
import { FAULT_ACTION } from './refusals';

const actionRoutes = Object.entries(ACTION_PATHS).map(([segment, action]) =>
  declareRoute({
    method: 'post',
    path: `/faults/{caseId}/${segment}`,
    localized: true,
    duty: ACTION_DUTIES[action],
    refusals: FAULT_ACTION,
    summary: `Fault case action ${action} (4.9); 409 names the rule, 403 the role`,
    params: CaseParams,
    body: ACTION_BODIES[action],
    responses: { 200: { description: 'case status and deadlines after the action', schema: FaultActed } },
  }),
);

/** Each action's Update typed by its own arguments (checked against faultUpdates), so one lookup keeps the pair. */
const FAULT_UPDATES: { [K in FaultAction]: UpdateDefinition<ActionResult, [FaultArgs[K]]> } = faultUpdates;
/** One action's Update; its args come from a body ACTION_BODIES[action] parsed, the schema of those arguments. */
const runAction = <K extends FaultAction>(handle: WorkflowHandle, action: K, args: Record<string, unknown>) =>
  handle.executeUpdate(FAULT_UPDATES[action], { args: [args as FaultArgs[K]] });

export function faultActionsRouter(deps: ApiDeps): Router {
  const { pool, temporal } = deps;
  const r = Router();
  const act =
    (action: FaultAction): RequestHandler =>
    async (req, res) => {
      const actor = actorOf(req);
      const caseId = String(req.params.caseId);
      assertContractAccess(actor, contractOf(caseId));
      auditAs(res, `fault.${action}`, caseId);
      const receivedAtMs = deps.now();
      const body = parseBody(ACTION_BODIES[action], req.body) as Record<string, unknown>;
      if (action === 'submitAnalysis') {
        // a doc_…@N reference must be a stored fault analysis of this contract with that hash (4.9.2)
        await checkDocumentRef(pool, {
          contractId: contractOf(caseId),
          documentRef: String(body.reference),
          sha256: String(body.checksum),
          kind: 'fault-analysis',
          clause: '4.9.2',
          field: 'reference',
        });
      }
      const handle = temporal.workflow.getHandle(caseId);
      // A finished workflow accepts no update: the case is closed for good (409, not "not found").
      const acted: ActionResult = await onOpenCase(
        handle,
        `fault case ${caseId} (open a new case for a new fault)`,
        '4.9.2',
        () =>
          withRecordResync(temporal, handle, deps.log, () =>
            runAction(handle, action, {
              actor: { name: actor.name, role: actor.role },
              ...toWorkflowArgs(body, receivedAtMs),
            }),
          ),
        async () => (await q.getCase(pool, caseId)) !== null,
      );
      // The workflow's answer carries epoch ms; the client gets instants (+08:00).
      res.status(200).json({
        ...acted,
        deadlines: msToInstants(recordTextsIn(withNames(acted.deadlines), answerLocale(req, res))),
        fact: {
          ...(msToInstants(acted.fact) as object),
          occurredAt: contractInstant(acted.fact.occurredAt),
          recordedAt: contractInstant(acted.fact.recordedAt),
        },
      });
    };
  for (const route of actionRoutes) mount(r, route, act(ACTION_PATHS[route.key.split('/').pop()!]!));
  return r;
}
