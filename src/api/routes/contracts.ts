// Contracts (clause 3): create, read, list; their shapes in contract-schemas.ts. Amendments and
// the end need two persons: contract-changes.ts.
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { allow, actorOf, assertContractAccess, type Actor } from '../auth';
import { auditAs } from '../audit';
import { afterContractCreated, summaryOf } from '../contract-hooks';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { answerLocale } from '../language';
import { recordTextsIn } from '../../i18n/record-texts';
import { checkOnboarding } from '../onboarding';
import { dryRunConclusions, termsOfNewContract } from '../onboarding-dry-run';
import { declareRoute, mount } from '../route';
import { idempotencyKeyOf, instantSchema } from '../validate';
import * as q from '../../db/queries/contracts';
import { contractView, createContract, requestHash, termsAt } from '../../services/contracts';
import type { TermsOverrides } from '../../domain/terms';
import { appliedReadings } from '../../domain/readings';
import { Contract, CreateContract, TermsAt } from './contract-schemas';
import { CONTRACT_404, NONE, refusal } from './refusals';

const TermsQuery = z.strictObject({ at: instantSchema });
const ListQuery = z.strictObject({ status: z.enum(['active', 'ended']).optional() });
/** dryRun=true: answer every conclusion of the registration (src/api/onboarding-dry-run.ts) and commit nothing. */
const CreateQuery = z.strictObject({ dryRun: z.enum(['true', 'false']).optional() });

const Id = z.object({ id: z.string() });
const routes = {
  create: declareRoute({
    method: 'post',
    path: '/contracts',
    localized: true,
    duty: 'onboard',
    refusals: { 409: refusal(['CONTRACT_EXISTS'], 'a contract of this id is registered already') },
    summary:
      'Register a contract with its terms (admin, hospital-approver); Idempotency-Key or id makes retries safe; ?dryRun=true answers the conclusions and commits nothing',
    query: CreateQuery,
    body: CreateContract,
    responses: {
      201: { description: 'created', schema: Contract },
      200: {
        description: 'the same request was retried, or the dry run: { dryRun, id, terms, readings, conclusions }',
        schema: z.union([
          Contract,
          z.object({
            dryRun: z.literal(true),
            id: z.string(),
            terms: Contract.shape.terms.describe(
              'the terms the registration would record (defaults merged at every depth)',
            ),
            readings: Contract.shape.readings,
            conclusions: z.unknown().describe('what registering would conclude (src/api/onboarding.ts)'),
          }),
        ]),
      },
    },
  }),
  one: declareRoute({
    method: 'get',
    path: '/contracts/{id}',
    localized: true,
    duty: 'read',
    refusals: CONTRACT_404,
    summary: 'A contract with all terms versions, the terms in force now and any term extension',
    params: Id,
    responses: { 200: { description: 'contract', schema: Contract } },
  }),
  terms: declareRoute({
    method: 'get',
    path: '/contracts/{id}/terms',
    duty: 'read',
    refusals: CONTRACT_404,
    summary: 'The terms version in force at an instant',
    params: Id,
    query: TermsQuery,
    responses: { 200: { description: 'terms', schema: TermsAt } },
  }),
  list: declareRoute({
    method: 'get',
    path: '/contracts',
    localized: true,
    duty: 'read',
    refusals: NONE,
    summary: "Contracts within the caller's scope",
    query: ListQuery,
    responses: { 200: { description: 'contracts', schema: z.object({ items: z.array(Contract) }) } },
  }),
};

/** The contract of the URL within the caller's contracts (clause 7), else 403 / 404; also read by its overview. */
export async function readable(deps: ApiDeps, actor: Actor, id: string): Promise<q.ContractRow> {
  assertContractAccess(actor, id);
  const c = await q.findContract(deps.pool, id);
  if (!c) throw notFound(`contract ${id}`);
  return c;
}

export function contractsRouter(deps: ApiDeps): Router {
  const { pool } = deps;
  const r = Router();
  const writers = allow('admin', 'hospital-approver');

  mount(r, routes.create, writers, async (req, res) => {
    const dryRun = routes.create.query(req).dryRun === 'true';
    const body = routes.create.body(req);
    const actor = actorOf(req);
    const key = idempotencyKeyOf(req);
    if (body.id) assertContractAccess(actor, body.id);
    const hash = requestHash(body); // of the body as sent, before any generated id
    const { onboarding, ...contract } = body;
    const input = {
      ...contract,
      id: body.id ?? `C-${randomUUID().slice(0, 12)}`,
      terms: body.terms as TermsOverrides | undefined,
    };
    if (onboarding) checkOnboarding(onboarding, body, deps.now(), actor.role, termsOfNewContract(input));
    if (dryRun) {
      // Reads only (the calendar); the audit row records that it was asked, nothing else is written.
      auditAs(res, 'contract.dry-run', input.id, { ...(onboarding ? { onboarding } : {}) });
      const terms = termsOfNewContract(input);
      res.json({
        dryRun: true,
        id: input.id,
        terms,
        readings: appliedReadings(terms, answerLocale(req, res)),
        conclusions: recordTextsIn(
          await dryRunConclusions(pool, input, onboarding, deps.now()),
          answerLocale(req, res),
        ),
      });
      return;
    }
    const { contract: row, created } = await createContract(pool, input, actor.name, key, hash);
    auditAs(res, 'contract.create', row.id, { created, idempotencyKey: key, ...(onboarding ? { onboarding } : {}) });
    const view = await contractView(pool, row, deps.now(), answerLocale(req, res));
    // idempotent: a retry repairs a half-run hook (the same body carries the same onboarded facts)
    await afterContractCreated(deps, summaryOf(view), onboarding ? { by: actor.name, ...onboarding } : undefined);
    routes.create.send(res, created ? 201 : 200, view);
  });

  mount(r, routes.list, async (req, res) => {
    const { status } = routes.list.query(req);
    const actor = actorOf(req);
    const locale = answerLocale(req, res);
    const rows = await q.listContracts(pool, actor.contracts.includes('*') ? null : actor.contracts, status);
    routes.list.send(res, 200, {
      items: await Promise.all(rows.map((c) => contractView(pool, c, deps.now(), locale))),
    });
  });

  mount(r, routes.one, async (req, res) => {
    const c = await readable(deps, actorOf(req), req.params.id as string);
    routes.one.send(res, 200, await contractView(pool, c, deps.now(), answerLocale(req, res)));
  });

  mount(r, routes.terms, async (req, res) => {
    const { at } = routes.terms.query(req);
    await readable(deps, actorOf(req), req.params.id as string);
    routes.terms.send(res, 200, await termsAt(pool, req.params.id as string, Date.parse(at)));
  });

  return r;
}
