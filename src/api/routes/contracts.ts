// Contracts (clause 3): create, read, list. Amendments and the end need two persons: contract-changes.ts.
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { allow, actorOf, assertContractAccess, type Actor } from '../auth';
import { auditAs } from '../audit';
import { afterContractCreated, summaryOf } from '../contract-hooks';
import type { ApiDeps } from '../deps';
import { notFound } from '../errors';
import { instantOut } from '../instants';
import { checkOnboarding, dryRunConclusions, Onboarding, termsOfNewContract } from '../onboarding';
import { declareRoute, mount } from '../route';
import { fenOut } from './money-schemas';
import { dateSchema, idempotencyKeyOf, instantSchema } from '../validate';
import * as q from '../../db/queries/contracts';
import { contractView, createContract, requestHash, termsAt } from '../../services/contracts';
import type { TermsOverrides } from '../../domain/terms';
import { appliedReadings } from '../../domain/readings';
import { termsSchema } from '../../domain/terms-schema';

export const contractIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be 1-64 letters, digits, _ . - (no colons: ids appear in workflow ids)');
export const fenSchema = z.string().regex(/^\d{1,18}$/, 'must be non-negative integer fen as a string');
const section = z.record(z.string(), z.unknown()).optional();
/**
 * A contract's term overrides at registration and amendment: every section of the terms
 * (domain/terms-schema.ts), each validated field by field by the domain's resolveTerms (400 naming
 * terms.<field> and the clause). Built from the terms' own sections, so a new section is
 * overridable at once (the 4.4 `services` section was refused as an unknown key).
 */
export const TermsOverridesSchema = z.strictObject(
  Object.fromEntries(Object.keys(termsSchema.shape).map((name) => [name, section])) as Record<
    keyof typeof termsSchema.shape,
    typeof section
  >,
);

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

const Terms = z.record(z.string(), z.unknown()).describe('the contract terms of this version (src/domain/terms.ts)');
export const Contract = z.object({
  id: z.string(),
  name: z.string(),
  hospital: z.string(),
  vendor: z.string(),
  signedAt: instantOut,
  amountFen: fenOut,
  yearlyFees: z.array(fenOut),
  termYears: z.number().int(),
  timeZone: z.string().describe('Asia/Shanghai'),
  goLiveDate: z.iso.date().nullable(),
  status: z.enum(['active', 'ended']),
  endedAt: instantOut.nullable(),
  endedBy: z.string().nullable(),
  endReason: z.string().nullable(),
  createdBy: z.string(),
  createdAt: instantOut,
  termsVersion: z.number().int(),
  terms: Terms,
  readings: z
    .array(z.object({ parameter: z.string(), clause: z.string(), value: z.string(), reading: z.string() }))
    .describe('the open readings of the clauses these terms apply'),
  latestVersion: z.number().int(),
  versions: z.array(
    z.object({
      version: z.number().int(),
      effectiveAt: instantOut,
      terms: Terms,
      reason: z.string().nullable(),
      createdBy: z.string(),
      createdAt: instantOut,
    }),
  ),
  termExtensions: z.array(
    z.object({
      contractYear: z.number().int(),
      untilAt: instantOut.nullable(),
      reason: z.string(),
      recordedAt: instantOut,
    }),
  ),
  termEndsAt: instantOut.nullable(),
  currentContractYear: z.number().int().nullable(),
});
const TermsAt = z.object({
  contractId: z.string(),
  version: z.number().int(),
  effectiveAt: instantOut,
  terms: Terms,
  amountFen: fenOut,
  signedAt: instantOut,
  termYears: z.number().int(),
  timeZone: z.string().describe('Asia/Shanghai'),
  goLiveDate: z.iso.date().nullable(),
});
const Id = z.object({ id: z.string() });
const routes = {
  create: declareRoute({
    method: 'post',
    path: '/contracts',
    duty: 'onboard',
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
    duty: 'read',
    summary: 'A contract with all terms versions, the terms in force now and any term extension',
    params: Id,
    responses: { 200: { description: 'contract', schema: Contract } },
  }),
  terms: declareRoute({
    method: 'get',
    path: '/contracts/{id}/terms',
    duty: 'read',
    summary: 'The terms version in force at an instant',
    params: Id,
    query: TermsQuery,
    responses: { 200: { description: 'terms', schema: TermsAt } },
  }),
  list: declareRoute({
    method: 'get',
    path: '/contracts',
    duty: 'read',
    summary: "Contracts within the caller's scope",
    query: ListQuery,
    responses: { 200: { description: 'contracts', schema: z.object({ items: z.array(Contract) }) } },
  }),
};

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
        readings: appliedReadings(terms),
        conclusions: await dryRunConclusions(pool, input, onboarding, deps.now()),
      });
      return;
    }
    const { contract: row, created } = await createContract(pool, input, actor.name, key, hash);
    auditAs(res, 'contract.create', row.id, { created, idempotencyKey: key, ...(onboarding ? { onboarding } : {}) });
    const view = await contractView(pool, row, deps.now());
    // idempotent: a retry repairs a half-run hook (the same body carries the same onboarded facts)
    await afterContractCreated(deps, summaryOf(view), onboarding ? { by: actor.name, ...onboarding } : undefined);
    routes.create.send(res, created ? 201 : 200, view);
  });

  mount(r, routes.list, async (req, res) => {
    const { status } = routes.list.query(req);
    const actor = actorOf(req);
    const rows = await q.listContracts(pool, actor.contracts.includes('*') ? null : actor.contracts, status);
    routes.list.send(res, 200, { items: await Promise.all(rows.map((c) => contractView(pool, c, deps.now()))) });
  });

  mount(r, routes.one, async (req, res) => {
    const c = await readable(deps, actorOf(req), req.params.id as string);
    routes.one.send(res, 200, await contractView(pool, c, deps.now()));
  });

  mount(r, routes.terms, async (req, res) => {
    const { at } = routes.terms.query(req);
    await readable(deps, actorOf(req), req.params.id as string);
    routes.terms.send(res, 200, await termsAt(pool, req.params.id as string, Date.parse(at)));
  });

  return r;
}
