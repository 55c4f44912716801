// Contracts (clause 3): create, read, list. Amendments and the end need two persons: contract-changes.ts.
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { allow, actorOf, assertContractAccess, type Actor } from '../auth';
import { auditAs } from '../audit';
import { afterContractCreated, summaryOf } from '../contract-hooks';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { registry } from '../openapi';
import { checkOnboarding, dryRunConclusions, Onboarding, termsOfNewContract } from '../onboarding';
import { dateSchema, idempotencyKeyOf, instantSchema, parseBody, parseQuery } from '../validate';
import * as q from '../../db/queries/contracts';
import { contractView, createContract, requestHash, termsAt } from '../../services/contracts';
import type { TermsOverrides } from '../../domain/terms';

export const contractIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1-64 letters, digits, _ . - (no colons: ids appear in workflow ids)');
export const fenSchema = z.string().regex(/^\d{1,18}$/, 'must be non-negative integer fen as a string');
const section = z.record(z.string(), z.unknown()).optional();
// Sections are validated field by field by the domain's resolveTerms (400 naming terms.<field> and the clause).
const TermsOverridesSchema = z.strictObject({
  faults: section,
  recurring: section,
  goLive: section,
  workingDays: section,
  penalties: section,
  thresholds: section,
  statedTimes: section, // issue 10: back-dating windows per kind of fact, tolerance, contest window
});

export const CreateContract = z.strictObject({
  id: contractIdSchema.optional(),
  name: z.string().min(1).max(200),
  hospital: z.string().min(1).max(200),
  vendor: z.string().min(1).max(200),
  signedAt: instantSchema,
  amountFen: fenSchema.refine((v) => /^\d+$/.test(v) && BigInt(v) > 0n, 'must be positive integer fen'),
  yearlyFees: z.array(fenSchema).min(1).max(10),
  termYears: z.number().int().min(1).max(10).default(3),
  timeZone: z
    .literal('Asia/Shanghai', { message: 'only Asia/Shanghai is supported for now (clauses.md "Calendars and time")' })
    .default('Asia/Shanghai'),
  goLiveDate: dateSchema.nullable().optional(),
  terms: TermsOverridesSchema.optional(),
  onboarding: Onboarding.optional(),
});
const TermsQuery = z.strictObject({ at: instantSchema });
const ListQuery = z.strictObject({ status: z.enum(['active', 'ended']).optional() });
/** dryRun=true: answer every conclusion of the registration (src/api/onboarding.ts) and commit nothing. */
const CreateQuery = z.strictObject({ dryRun: z.enum(['true', 'false']).optional() });

registry.registerPath({
  method: 'post',
  path: '/contracts',
  summary:
    'Register a contract with its terms (admin, hospital-approver); Idempotency-Key or id makes retries safe; ?dryRun=true answers the conclusions and commits nothing',
  request: { query: CreateQuery, body: { content: { 'application/json': { schema: CreateContract } } } },
  responses: {
    201: { description: 'created' },
    200: { description: 'the same request was retried, or the dry run: { dryRun, id, conclusions }' },
  },
});
registry.registerPath({
  method: 'get',
  path: '/contracts/{id}',
  summary: 'A contract with all terms versions, the terms in force now and any term extension',
  request: { params: z.object({ id: z.string() }) },
  responses: { 200: { description: 'contract' } },
});
registry.registerPath({
  method: 'get',
  path: '/contracts/{id}/terms',
  summary: 'The terms version in force at an instant',
  request: { params: z.object({ id: z.string() }), query: TermsQuery },
  responses: { 200: { description: 'terms' } },
});
registry.registerPath({
  method: 'get',
  path: '/contracts',
  summary: "Contracts within the caller's scope",
  request: { query: ListQuery },
  responses: { 200: { description: 'contracts' } },
});

async function readable(deps: ApiDeps, actor: Actor, id: string): Promise<q.ContractRow> {
  assertContractAccess(actor, id);
  const c = await q.findContract(deps.pool, id);
  if (!c) throw notFound(`contract ${id}`);
  return c;
}

export function contractsRouter(deps: ApiDeps): Router {
  const { pool } = deps;
  const r = Router();
  const writers = allow('admin', 'hospital-approver');

  r.post('/contracts', writers, async (req, res) => {
    const dryRun = parseQuery(CreateQuery, req.query).dryRun === 'true';
    const body = parseBody(CreateContract, req.body);
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
      res.json({
        dryRun: true,
        id: input.id,
        conclusions: await dryRunConclusions(pool, input, onboarding, deps.now()),
      });
      return;
    }
    const { contract: row, created } = await createContract(pool, input, actor.name, key, hash);
    auditAs(res, 'contract.create', row.id, { created, idempotencyKey: key, ...(onboarding ? { onboarding } : {}) });
    const view = await contractView(pool, row, deps.now());
    // idempotent: a retry repairs a half-run hook (the same body carries the same onboarded facts)
    await afterContractCreated(deps, summaryOf(view), onboarding ? { by: actor.name, ...onboarding } : undefined);
    res.status(created ? 201 : 200).json(view);
  });

  r.get('/contracts', async (req, res) => {
    const { status } = parseQuery(ListQuery, req.query);
    const actor = actorOf(req);
    const rows = await q.listContracts(pool, actor.contracts.includes('*') ? null : actor.contracts, status);
    res.json({ items: await Promise.all(rows.map((c) => contractView(pool, c, deps.now()))) });
  });

  r.get('/contracts/:id', async (req, res) => {
    const c = await readable(deps, actorOf(req), req.params.id as string);
    res.json(await contractView(pool, c, deps.now()));
  });

  r.get('/contracts/:id/terms', async (req, res) => {
    const { at } = parseQuery(TermsQuery, req.query);
    await readable(deps, actorOf(req), req.params.id as string);
    res.json(await termsAt(pool, req.params.id as string, Date.parse(at)));
  });

  return r;
}
