// The 4.10 removal of dongles, encryption, time locks and licence codes over HTTP, and the 6.6
// findings of a restriction found later (the hospital's change notices that are 6.6's one
// exception: hospital-changes.ts). Decisions are Updates of the contract's dongle
// workflow, whose validators repeat the role and state rules; reads come from PostgreSQL.
import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { z } from 'zod';
import { allow } from '../auth';
import { auditAs } from '../audit';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { declareRoute, mount } from '../route';
import { idempotencyKeyOf, idFromKey } from '../validate';
import { getObligationRecord } from '../../db/queries/obligations';
import {
  declareRemovedUpdate,
  dongleStateQuery,
  reportRestrictionUpdate,
  verifyRemovalUpdate,
} from '../../workflows/obligations';
import {
  actorArg,
  ContractParams,
  contractOf,
  recordView,
  sendUpdate,
  text,
  toWorkflowArgs,
  updateArgs,
  withOccurredAt,
} from './obligation-kit';
import { answerLocale } from '../language';
import { declareContestRoutes, mountContestRoutes } from './contest-routes';
import { DongleState } from './obligation-schemas';
import { recorded } from './case-schemas';
import { DONGLE, notFoundOf } from './refusals';

const Declaration = z.strictObject({
  removed: z
    .array(z.strictObject({ kind: z.enum(['dongle', 'encryption', 'time-lock', 'licence-code']), description: text() }))
    .max(200),
  statement: text(5000),
});
const changeRef = z.string().min(1).max(80).optional();
const Verification = z.strictObject({
  accepted: z.boolean(),
  note: z.string().max(2000).optional(),
  relatedChangeId: changeRef,
});
const Finding = z.strictObject({
  findingId: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,40}$/, 'must be 1-40 letters, digits, _ . -')
    .optional(),
  description: text(5000),
  relatedChangeId: changeRef,
});
const BASE = '/contracts/{id}/dongle';
const state = (description: string) => ({ 200: { description, schema: DongleState } });
const routes = {
  read: declareRoute({
    method: 'get',
    path: BASE,
    localized: true, // the texts the workflow wrote, in the reader's language (issue 15)
    duty: 'read',
    refusals: notFoundOf('dongle obligation of this contract'),
    summary: 'The 4.10 removal of dongles, time locks and licence codes, and 6.6 findings',
    params: ContractParams,
    responses: { 200: { description: 'the removal obligation as recorded', schema: recorded(DongleState) } },
  }),
  declaration: declareRoute({
    method: 'post',
    path: `${BASE}/declaration`,
    duty: 'serve',
    refusals: DONGLE,
    summary: 'Vendor declares every restriction removed (4.10)',
    params: ContractParams,
    body: withOccurredAt(Declaration),
    responses: state('the obligation with the declaration awaiting verification'),
  }),
  verification: declareRoute({
    method: 'post',
    path: `${BASE}/verification`,
    duty: 'confirm',
    refusals: DONGLE,
    summary: 'Hospital verifies the declaration; a rejection is a 6.6 finding',
    params: ContractParams,
    body: withOccurredAt(Verification),
    responses: state('the obligation with the verification'),
  }),
  findings: declareRoute({
    method: 'post',
    path: `${BASE}/findings`,
    duty: 'confirm',
    refusals: DONGLE,
    summary:
      'Hospital reports a restriction found later (6.6); cite a recorded change for the exception; a retry (same Idempotency-Key or findingId) answers the recorded finding',
    params: ContractParams,
    body: withOccurredAt(Finding),
    responses: state('the obligation with the finding judged'),
  }),
  ...declareContestRoutes(BASE, ContractParams, '4.10'),
};

export function dongleRouter(deps: ApiDeps): Router {
  const { pool, temporal } = deps;
  const r = Router();
  const handleOf = (req: Request) => temporal.workflow.getHandle(`dongle:${contractOf(req)}`);
  const recordedCase = (id: string) => async () => Boolean(await getObligationRecord(pool, id));
  /** One Update of the obligation; `audit` names the action as the audit trail has always named it. */
  const act =
    (audit: string, run: (req: Request, h: ReturnType<typeof handleOf>) => Promise<unknown>) =>
    async (req: Request, res: Response) => {
      const handle = handleOf(req);
      auditAs(res, `dongle.${audit}`, handle.workflowId, {});
      const answer = await sendUpdate(
        deps,
        handle,
        handle.workflowId,
        '4.10',
        () => run(req, handle),
        recordedCase(handle.workflowId),
      );
      res.status(200).json(answer);
    };
  const hospital = allow('hospital-operator', 'hospital-approver');

  mount(r, routes.read, async (req, res) => {
    const o = await getObligationRecord(pool, `dongle:${contractOf(req)}`);
    if (!o) throw notFound(`dongle obligation of contract ${req.params.id}`);
    res.status(200).json(recordView(o, answerLocale(req, res)));
  });
  mount(
    r,
    routes.declaration,
    allow('vendor-engineer'),
    act('declaration', (req, h) =>
      h.executeUpdate(declareRemovedUpdate, { args: [updateArgs(req, routes.declaration.body(req))] }),
    ),
  );
  mount(
    r,
    routes.verification,
    hospital,
    act('verification', (req, h) =>
      h.executeUpdate(verifyRemovalUpdate, { args: [updateArgs(req, routes.verification.body(req))] }),
    ),
  );
  mountContestRoutes(r, routes, act);
  mount(r, routes.findings, hospital, async (req, res) => {
    const handle = handleOf(req);
    const body = routes.findings.body(req);
    const findingId = body.findingId ?? idFromKey(idempotencyKeyOf(req)) ?? `f-${randomUUID().slice(0, 8)}`;
    auditAs(res, 'dongle.findings', handle.workflowId, { findingId, relatedChangeId: body.relatedChangeId });
    try {
      const a = { ...toWorkflowArgs(body), description: body.description, findingId, actor: actorArg(req) };
      res
        .status(200)
        .json(
          await sendUpdate(
            deps,
            handle,
            handle.workflowId,
            '4.10',
            () => handle.executeUpdate(reportRestrictionUpdate, { args: [a] }),
            recordedCase(handle.workflowId),
          ),
        );
    } catch (e) {
      // A retried request (same Idempotency-Key or findingId) returns the recorded finding.
      const same =
        e instanceof WorkflowUpdateFailedError &&
        (e.cause as { details?: { code?: string }[] } | undefined)?.details?.[0]?.code === 'FINDING_EXISTS';
      if (!same) throw e;
      res.status(200).json(await handle.query(dongleStateQuery));
    }
  });

  return r;
}
