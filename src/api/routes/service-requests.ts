// Service requests over HTTP (issue 18): the hospital raises or plans a request under its clause
// (4.4-5.4), either party registers a licence's expiry (4.4); each is a workflow
// `service:<contractId>:<requestId>` whose Updates repeat the role and state rules. Reads come
// from its record in PostgreSQL (obligation_records, kind 'service').
import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { allow } from '../auth';
import { auditAs } from '../audit';
import type { ApiDeps } from '../deps';
import { HttpError, notFound } from '../errors';
import { documentRoute } from '../openapi';
import { withRecordResync } from '../record-resync';
import { dateSchema, idempotencyKeyOf, idFromKey, onOpenCase, parseBody, parseQuery } from '../validate';
import { serviceAbout } from '../../temporal/case-summaries';
import { findContract, type Db } from '../../db/queries/contracts';
import { endOfShanghaiDay } from '../../domain/time';
import { getObligationRecord, listObligationRecords } from '../../db/queries/obligations';
import { checkCitations, documentCitation, type DocumentCitation } from '../../documents/refs';
import { contestTimeUpdate, decideContestUpdate } from '../../workflows/obligations';
import {
  SERVICE_CLAUSES,
  serviceRequestId,
  serviceRequestWorkflow,
  serviceUpdates,
  type ServiceAction,
  type ServiceRequestInput,
} from '../../workflows/service-request';
import {
  actorArg,
  Contest,
  ContestDecision,
  contractOf,
  occurredAt,
  recordView,
  startOnce,
  toWorkflowArgs,
} from './obligations';

const id = z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, 'must be 1-40 letters, digits, _ . -');
// A renewal's case is <first requestId>.<yyyymmdd> (4.4), so a request named in a path may be longer than a new one.
const requestParam = z.string().regex(/^[A-Za-z0-9_.-]{1,60}$/, 'must be 1-60 letters, digits, _ . -');
const text = (max = 2000) => z.string().trim().min(1).max(max);
// Issue 14's one citation shape: each a stored service-evidence of the contract with its hash.
const refs = z.array(documentCitation).max(50);
/** The citations of a body, each checked against the store; a failure names its nested field (documents.1.sha256). */
const checkRefs = (db: Db, contractId: string, at: string, cites: DocumentCitation[], clause: string) =>
  checkCitations(
    db,
    contractId,
    cites.map((cite, i) => ({ at: `${at}.${i}`, cite, kind: 'service-evidence', clause })),
  );
const Raise = z.strictObject({
  requestId: id.optional(),
  clause: z.enum(SERVICE_CLAUSES.filter((c) => c !== '4.4') as [string, ...string[]], {
    message: `clause must be one of ${SERVICE_CLAUSES.join(', ')} (a licence is registered at /licences, 4.4)`,
  }),
  origin: z.enum(['raised', 'planned']).default('raised'),
  title: text(200),
  description: text(20000),
  documents: refs.default([]),
  proposedDueDate: dateSchema.optional(),
});
const Licence = z.strictObject({
  requestId: id.optional(),
  name: text(200),
  expiresOn: dateSchema,
  description: text(20000).optional(),
  documents: refs.default([]),
});
const Note = z.strictObject({ note: z.string().max(2000).optional(), occurredAt });
const ACTIONS: [string, ServiceAction, z.ZodTypeAny, string, readonly string[]][] = [
  [
    'due-date',
    'proposeDueDate',
    z.strictObject({ dueDate: dateSchema, reason: z.string().max(2000).optional(), occurredAt }),
    'Either party proposes the (new) due date; it binds once the other accepts',
    ['hospital-operator', 'hospital-approver', 'vendor-engineer'],
  ],
  [
    'due-date/accept',
    'acceptDueDate',
    Note,
    'The other party accepts the proposed due date: an agreed fact',
    ['hospital-operator', 'hospital-approver', 'vendor-engineer'],
  ],
  ['acknowledge', 'acknowledge', Note, 'Vendor acknowledges the request', ['vendor-engineer']],
  ['start', 'startWork', Note, 'Vendor starts work on it', ['vendor-engineer']],
  [
    'deliver',
    'deliver',
    z.strictObject({
      evidence: refs.min(1),
      note: z.string().max(2000).optional(),
      renewedUntil: dateSchema.optional(),
      occurredAt,
    }),
    'Vendor delivers with evidence (a licence names its new expiry, 4.4)',
    ['vendor-engineer'],
  ],
  [
    'review',
    'reviewDelivery',
    z.strictObject({
      decision: z.enum(['accept', 'send-back']),
      reason: z.string().max(2000).optional(),
      occurredAt,
    }),
    'Hospital accepts the delivery or sends it back with its reason',
    ['hospital-operator', 'hospital-approver'],
  ],
  [
    'large-change',
    'claimLargeChange',
    z.strictObject({ reason: text(), occurredAt }),
    'Vendor claims a personalisation is a large change (5.4)',
    ['vendor-engineer'],
  ],
  [
    'large-change/decision',
    'decideLargeChange',
    z.strictObject({
      decision: z.enum(['agree', 'contest']),
      reason: text(),
      separateTerms: text(5000).optional(),
      occurredAt,
    }),
    'Hospital approver agrees (the change leaves the free scope on its own terms) or contests (5.4)',
    ['hospital-approver'],
  ],
  [
    'breach/price',
    'priceBreach',
    z.strictObject({ ratePercent: z.string().regex(/^\d+(\.\d+)?$/, 'a percent as a decimal string'), occurredAt }),
    'Approver prices the breach under 6.5 (0.01%-0.1% of the contract amount, by the loss caused)',
    ['hospital-approver'],
  ],
];
const ListQuery = z.strictObject({
  status: z
    .string()
    .regex(/^[a-z-]{1,40}$/)
    .optional(),
  awaiting: z.enum(['vendor', 'hospital', 'none']).optional(),
  breached: z.enum(['true', 'false']).optional(),
  clause: z.enum(SERVICE_CLAUSES).optional(),
});

const BASE = '/contracts/{id}/service-requests';
documentRoute(
  BASE,
  'post',
  'Hospital raises (or plans from the yearly list) a service request under its clause, proposing its due date',
  Raise,
  { 201: 'raised', 200: 'already raised' },
);
documentRoute(
  '/contracts/{id}/licences',
  'post',
  "Either party registers a licence's expiry date; it is renewed before it lapses (4.4)",
  Licence,
  { 201: 'registered', 200: 'already registered' },
);
documentRoute(BASE, 'get', 'Service requests of a contract, filters status, awaiting, breached, clause');
documentRoute(`${BASE}/{requestId}`, 'get', 'One service request with its facts, due date, deliveries and breach');
for (const [path, , schema, summary] of ACTIONS) documentRoute(`${BASE}/{requestId}/${path}`, 'post', summary, schema);
documentRoute(
  `${BASE}/{requestId}/contest`,
  'post',
  'The other party contests a time stated for an earlier instant',
  Contest,
);
documentRoute(
  `${BASE}/{requestId}/contest-decision`,
  'post',
  'Hospital approver decides a contested time (clause 6)',
  ContestDecision,
);

const READ = ['hospital-operator', 'hospital-approver', 'finance', 'vendor-engineer', 'auditor', 'admin'] as const;

export function serviceRequestsRouter(deps: ApiDeps): Router {
  const { pool, temporal } = deps;
  const r = Router();
  const wfId = (req: Request) => serviceRequestId(contractOf(req), requestParam.parse(String(req.params.requestId)));

  const start = async (req: Request, res: Response, input: Omit<ServiceRequestInput, 'raisedAt' | 'raisedBy'>) => {
    const workflowId = serviceRequestId(input.contractId, input.requestId);
    auditAs(res, input.licence ? 'licence.register' : 'service-request.raise', workflowId, {
      clause: input.clause,
      origin: input.origin,
    });
    if (!(await findContract(pool, input.contractId))) throw notFound(`contract ${input.contractId}`);
    await checkRefs(pool, input.contractId, 'documents', input.documents, input.clause);
    const full: ServiceRequestInput = {
      ...input,
      raisedAt: new Date(deps.now()).toISOString(),
      raisedBy: actorArg(req),
    };
    const created = await startOnce(
      deps,
      serviceRequestWorkflow,
      workflowId,
      'service',
      input.contractId,
      [full],
      serviceAbout(full),
    );
    // A retried raise (same request id) answers the request already raised.
    const existing = created ? null : await getObligationRecord(pool, workflowId);
    res.status(created ? 201 : 200).json(existing ? recordView(existing) : { ...full, workflowId });
  };
  const requestIdOf = (req: Request, given: string | undefined, prefix: string) =>
    given ?? idFromKey(idempotencyKeyOf(req)) ?? `${prefix}-${randomUUID().slice(0, 8)}`;

  r.post('/contracts/:id/service-requests', allow('hospital-operator', 'hospital-approver'), async (req, res) => {
    const contractId = contractOf(req);
    const b = parseBody(Raise, req.body);
    if (b.proposedDueDate && endOfShanghaiDay(b.proposedDueDate) <= deps.now())
      throw new HttpError(400, 'INVALID_INPUT', `proposedDueDate ${b.proposedDueDate} is not after today`, {
        field: 'proposedDueDate',
        clause: b.clause,
      });
    await start(req, res, {
      contractId,
      requestId: requestIdOf(req, b.requestId, 'sr'),
      clause: b.clause as ServiceRequestInput['clause'],
      origin: b.origin,
      title: b.title,
      description: b.description,
      documents: b.documents,
      ...(b.proposedDueDate ? { proposedDueDate: b.proposedDueDate } : {}),
    });
  });
  r.post(
    '/contracts/:id/licences',
    allow('vendor-engineer', 'hospital-operator', 'hospital-approver'),
    async (req, res) => {
      const contractId = contractOf(req);
      const b = parseBody(Licence, req.body);
      await start(req, res, {
        contractId,
        requestId: requestIdOf(req, b.requestId, 'lic'),
        clause: '4.4',
        origin: 'licence',
        title: `licence ${b.name}`,
        description: b.description ?? `renew licence ${b.name} before it lapses at the end of ${b.expiresOn} (4.4)`,
        documents: b.documents,
        licence: { name: b.name, expiresOn: b.expiresOn },
      });
    },
  );

  r.get('/contracts/:id/service-requests', allow(...READ), async (req, res) => {
    const q = parseQuery(ListQuery, req.query);
    const rows = await listObligationRecords(pool, {
      contracts: [contractOf(req)],
      kind: 'service',
      status: q.status,
      awaiting: q.awaiting,
      breached: q.breached === undefined ? undefined : q.breached === 'true',
      limit: 500,
    });
    const items = rows
      .map((o) => ({ o, s: o.state as Record<string, unknown> }))
      .filter(({ s }) => q.clause === undefined || s.clause === q.clause)
      .map(({ o, s }) => ({
        workflowId: o.workflowId,
        requestId: s.requestId,
        clause: s.clause,
        origin: s.origin,
        title: s.title,
        dueDate: (s.due as { date?: string } | null)?.date ?? null,
        status: o.status,
        awaiting: o.awaiting,
        breached: o.breached,
        dueAt: o.nextDeadlineAt,
        closed: o.closedAt !== null,
      }));
    res.json({ items });
  });
  r.get('/contracts/:id/service-requests/:requestId', allow(...READ), async (req, res) => {
    const o = await getObligationRecord(pool, wfId(req));
    if (!o) throw notFound(`service request ${req.params.requestId} of contract ${req.params.id}`);
    res.json(recordView(o));
  });

  const send = (path: string, def: unknown, schema: z.ZodTypeAny, roles: readonly string[], clause?: string) =>
    r.post(`/contracts/:id/service-requests/:requestId/${path}`, allow(...(roles as never[])), async (req, res) => {
      const workflowId = wfId(req);
      const body = parseBody(schema, req.body) as Record<string, unknown>;
      auditAs(res, `service-request.${path.replace('/', '.')}`, workflowId);
      const h = temporal.workflow.getHandle(workflowId);
      // Its record appears with the workflow's first write; a request raised a moment ago may not have it yet.
      const o = await getObligationRecord(pool, workflowId);
      const started =
        o !== null ||
        (await h.describe().then(
          () => true,
          () => false,
        ));
      if (!started) throw notFound(`service request ${req.params.requestId} of contract ${req.params.id}`);
      const caseClause = clause ?? String((o?.state as { clause?: string } | undefined)?.clause ?? '4.4');
      if (Array.isArray(body.evidence))
        await checkRefs(pool, contractOf(req), 'evidence', body.evidence as DocumentCitation[], caseClause);
      res.json(
        await onOpenCase(
          h,
          `service request ${workflowId}`,
          caseClause,
          () =>
            withRecordResync(temporal, h, deps.log, () =>
              h.executeUpdate(def as typeof contestTimeUpdate, {
                args: [{ ...toWorkflowArgs(body), actor: actorArg(req) } as never],
              }),
            ),
          async () => o !== null,
        ),
      );
    });
  for (const [path, action, schema, , roles] of ACTIONS) send(path, serviceUpdates[action], schema, roles);
  send('contest', contestTimeUpdate, Contest, ['hospital-operator', 'hospital-approver', 'vendor-engineer']);
  send('contest-decision', decideContestUpdate, ContestDecision, ['hospital-approver'], '6');
  return r;
}
