// The vendor's maintenance engineers (4.2) and their changes (6.7) over HTTP. The register
// lives in PostgreSQL; each change is a workflow `staff-change:<contractId>:<requestId>`
// that checks the 7 working days of notice and waits for the hospital's written decision.
import { randomUUID } from 'node:crypto';
import { Router, type Request } from 'express';
import { z } from 'zod';
import { allow, actorOf } from '../auth';
import { auditAs } from '../audit';
import type { ApiDeps } from '../deps';
import { conflict, HttpError, notFound } from '../errors';
import { documentRoute } from '../openapi';
import { withRecordResync } from '../record-resync';
import { dateSchema, idempotencyKeyOf, idFromKey, onOpenCase, parseBody, parseQuery } from '../validate';
import { inTransaction } from '../../db/pool';
import { findContract, type Db } from '../../db/queries/contracts';
import { checkCitations, documentCitation, type DocumentCitation } from '../../documents/refs';
import {
  engineerIdsEver,
  findStaffChangeRequest,
  getObligationRecord,
  insertEngineers,
  insertStaffChangeRequest,
  listEngineers,
  listObligationRecords,
  listStaffChangeRequests,
} from '../../db/queries/obligations';
import { assertQualifiedRemains, assertQualifiedWithPending, registerAfterChange } from '../../domain/obligations';
import { shanghaiDate } from '../../domain/time';
import {
  contestTimeUpdate,
  decideContestUpdate,
  decideStaffChangeUpdate,
  staffChangeWorkflow,
  withdrawStaffChangeUpdate,
  type StaffChangeInput,
} from '../../workflows/obligations';
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

const date = dateSchema;
const id = z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, 'must be 1-40 letters, digits, _ . -');
const EngineerBody = z.strictObject({
  engineerId: id,
  name: z.string().trim().min(1).max(200),
  qualification: z.string().trim().min(1).max(500),
  yearsOnProduct: z.number().min(0).max(99),
  fixed: z.boolean(),
  // The qualification's evidence as a stored document (issue 14, 4.2): a staff-qualification of this contract.
  qualificationDocument: documentCitation.optional(),
});
/** 4.2: each engineer's qualification document, if cited, is a stored staff-qualification of the contract. */
const checkQualifications = (
  db: Db,
  contractId: string,
  at: string,
  engineers: { qualificationDocument?: DocumentCitation }[],
) =>
  checkCitations(
    db,
    contractId,
    engineers.map((e, i) => ({
      at: `${at}.${i}.qualificationDocument`,
      cite: e.qualificationDocument,
      kind: 'staff-qualification',
      clause: '4.2',
    })),
  );
const Register = z.strictObject({ engineers: z.array(EngineerBody).min(1).max(50) });
const Change = z
  .strictObject({
    requestId: id.optional(),
    effectiveDate: date,
    remove: z.array(id).max(50),
    add: z.array(EngineerBody).max(50),
    reason: z.string().trim().min(1).max(2000),
  })
  .refine((c) => c.remove.length + c.add.length > 0, {
    message: 'a change removes or adds at least one engineer',
    path: ['remove'],
  });
const Decision = z.strictObject({ approved: z.boolean(), note: z.string().max(2000).optional(), occurredAt });
const Empty = z.strictObject({ occurredAt });
const RegisterQuery = z.strictObject({ includeRemoved: z.enum(['true', 'false']).optional() });

documentRoute(
  '/contracts/{id}/staff',
  'get',
  "The register of the vendor's maintenance engineers (4.2) and the history of its change requests (pending, applied, refused, withdrawn, contract-ended)",
);
documentRoute(
  '/contracts/{id}/staff',
  'post',
  'Vendor or admin records the initial register; it needs a fixed engineer with 2+ years (4.2)',
  Register,
);
documentRoute(
  '/contracts/{id}/staff-changes',
  'post',
  'Vendor requests an engineer change with its effective date (4.2: 7 working days notice, written approval)',
  Change,
);
documentRoute(
  '/contracts/{id}/staff-changes/unannounced',
  'post',
  'Hospital reports a change made without notice or approval (6.7)',
  Change,
);
documentRoute('/contracts/{id}/staff-changes', 'get', 'Engineer changes of a contract (visibility)');
documentRoute(
  '/contracts/{id}/staff-changes/{requestId}',
  'get',
  'One engineer change with its notice check and decision',
);
documentRoute(
  '/contracts/{id}/staff-changes/{requestId}/decision',
  'post',
  'Hospital approver approves in writing or refuses (4.2)',
  Decision,
);
documentRoute('/contracts/{id}/staff-changes/{requestId}/withdraw', 'post', 'Vendor withdraws a pending change', Empty);
documentRoute(
  '/contracts/{id}/staff-changes/{requestId}/contest',
  'post',
  'The other party contests a time stated for an earlier instant (issue 10)',
  Contest,
);
documentRoute(
  '/contracts/{id}/staff-changes/{requestId}/contest-decision',
  'post',
  'Hospital approver decides a contested time (clause 6)',
  ContestDecision,
);

const READ = ['hospital-operator', 'hospital-approver', 'finance', 'vendor-engineer', 'auditor', 'admin'] as const;

export function staffRouter(deps: ApiDeps): Router {
  const { pool, temporal } = deps;
  const r = Router();
  const recorded = (id: string) => async () => (await getObligationRecord(pool, id)) !== null;
  const wfId = (req: Request) => `staff-change:${contractOf(req)}:${id.parse(String(req.params.requestId))}`;

  r.get('/contracts/:id/staff', allow(...READ), async (req, res) => {
    const q = parseQuery(RegisterQuery, req.query);
    const c = contractOf(req);
    // The register and its history: every change request with where it stands (4.2, 6.7).
    const changes = (await listStaffChangeRequests(pool, c)).map((x) => ({
      requestId: x.requestId,
      workflowId: x.workflowId,
      kind: x.kind,
      effectiveDate: x.effectiveDate,
      remove: x.remove,
      add: x.add.map((e) => e.engineerId),
      requestedBy: x.requestedBy,
      requestedAt: x.requestedAt,
      status: x.appliedAt ? 'applied' : (x.closedOutcome ?? 'pending'),
      appliedAt: x.appliedAt,
      closedAt: x.closedAt,
    }));
    res.json({ items: await listEngineers(pool, c, q.includeRemoved === 'true'), changes });
  });
  r.post('/contracts/:id/staff', allow('vendor-engineer', 'admin'), async (req, res) => {
    const c = contractOf(req);
    const body = parseBody(Register, req.body);
    const contract = await findContract(pool, c);
    if (!contract) throw notFound(`contract ${c}`);
    auditAs(res, 'staff.register', c, { engineers: body.engineers.map((e) => e.engineerId) });
    assertQualifiedRemains(body.engineers); // RuleViolation: 409 naming 4.2
    await checkQualifications(pool, c, 'engineers', body.engineers);
    await inTransaction(pool, async (tx) => {
      await tx.query('SELECT 1 FROM contracts WHERE id = $1 FOR UPDATE', [c]);
      if ((await engineerIdsEver(tx, c)).length > 0)
        throw conflict(
          'REGISTER_EXISTS',
          'the register is already recorded; engineers change only through a staff change request (clauses 4.2, 6.7)',
          '6.7',
        );
      await insertEngineers(
        tx,
        c,
        body.engineers,
        shanghaiDate(Date.parse(contract.signedAt)),
        actorOf(req).name,
        null,
      );
    });
    res.status(201).json({ items: await listEngineers(pool, c) });
  });

  const requestChange = (kind: StaffChangeInput['kind']) => async (req: Request, res: import('express').Response) => {
    const c = contractOf(req);
    const body = parseBody(Change, req.body);
    const requestId =
      body.requestId ??
      idFromKey(idempotencyKeyOf(req)) ??
      `${kind === 'requested' ? 'sc' : 'un'}-${randomUUID().slice(0, 8)}`;
    const workflowId = `staff-change:${c}:${requestId}`;
    auditAs(res, kind === 'requested' ? 'staff-change.request' : 'staff-change.report-unannounced', workflowId, {
      effectiveDate: body.effectiveDate,
      remove: body.remove,
      add: body.add.map((e) => e.engineerId),
    });
    if (!(await findContract(pool, c))) throw notFound(`contract ${c}`);
    await checkQualifications(pool, c, 'add', body.add);
    const existing = await getObligationRecord(pool, workflowId);
    if (existing) {
      res.status(200).json(recordView(existing));
      return;
    } // a retried request returns the same change
    const requestedAt = new Date(deps.now()).toISOString();
    // Under the contract's row lock, so that two requests are checked one after the other and
    // the second sees the first as pending (4.2).
    const { input, created } = await inTransaction(pool, async (tx) => {
      await tx.query('SELECT 1 FROM contracts WHERE id = $1 FOR UPDATE', [c]);
      const recorded = await findStaffChangeRequest(tx, workflowId);
      if (recorded) return { input: recorded.input as unknown as StaffChangeInput, created: false }; // a concurrent retry, or its start was lost: start it now
      const register = await listEngineers(tx, c);
      const pending = await listStaffChangeRequests(tx, c, true);
      const ever = [...(await engineerIdsEver(tx, c)), ...pending.flatMap((x) => x.add.map((e) => e.engineerId))];
      const reused = body.add.find((e) => ever.includes(e.engineerId));
      if (reused)
        throw new HttpError(
          400,
          'DUPLICATE_ENGINEER',
          `engineer id ${reused.engineerId} was already used on this contract or by a pending change`,
          { field: 'add', clause: '4.2' },
        );
      registerAfterChange(register, body.remove, body.add); // unknown removals: 400
      // 4.2: the contract must always keep a qualified fixed engineer, counting the changes still
      // pending; the hospital reports what happened, so an unannounced change is recorded even
      // when it leaves none.
      if (kind === 'requested') {
        assertQualifiedWithPending(
          register,
          pending.map((x) => ({ changeId: x.requestId, effectiveDate: x.effectiveDate, remove: x.remove, add: x.add })),
          { changeId: requestId, effectiveDate: body.effectiveDate, remove: body.remove, add: body.add },
        );
      }
      const fresh: StaffChangeInput = {
        contractId: c,
        requestId,
        kind,
        requestedAt,
        requestedBy: actorOf(req).name,
        effectiveDate: body.effectiveDate,
        remove: body.remove,
        add: body.add,
        reason: body.reason,
      };
      await insertStaffChangeRequest(tx, {
        workflowId,
        contractId: c,
        requestId,
        kind,
        effectiveDate: body.effectiveDate,
        remove: body.remove,
        add: body.add,
        input: fresh,
        requestedBy: fresh.requestedBy,
        requestedAt,
      });
      return { input: fresh, created: true };
    });
    await startOnce(deps, staffChangeWorkflow, workflowId, 'staff', c, [input]);
    // 201 once; a request that raced it (12 concurrent answered 201 each, issue 11) gets 200 and the same change.
    res.status(created ? 201 : 200).json({ ...input, workflowId });
  };
  r.post('/contracts/:id/staff-changes', allow('vendor-engineer'), requestChange('requested'));
  r.post(
    '/contracts/:id/staff-changes/unannounced',
    allow('hospital-operator', 'hospital-approver'),
    requestChange('unannounced'),
  );

  r.get('/contracts/:id/staff-changes', allow(...READ), async (req, res) => {
    const c = contractOf(req);
    const rows = await listObligationRecords(pool, { contracts: [c], kind: 'staff', limit: 500 });
    res.json({
      items: rows.map((o) => ({
        workflowId: o.workflowId,
        requestId: o.workflowId.split(':').pop(),
        status: o.status,
        awaiting: o.awaiting,
        breached: o.breached,
        effectiveAt: o.nextDeadlineAt,
        requestedAt: (o.state as { requestedAt?: string }).requestedAt ?? null,
        closed: o.closedAt !== null,
        closedAt: o.closedAt,
        closedHow: o.closedHow,
      })),
    });
  });
  r.get('/contracts/:id/staff-changes/:requestId', allow(...READ), async (req, res) => {
    const o = await getObligationRecord(pool, wfId(req));
    if (!o) throw notFound(`staff change ${req.params.requestId} of contract ${req.params.id}`);
    res.json(recordView(o));
  });
  r.post('/contracts/:id/staff-changes/:requestId/decision', allow('hospital-approver'), async (req, res) => {
    const workflowId = wfId(req);
    const body = parseBody(Decision, req.body);
    auditAs(res, body.approved ? 'staff-change.approve' : 'staff-change.refuse', workflowId);
    const h = temporal.workflow.getHandle(workflowId);
    res.json(
      await onOpenCase(
        h,
        `staff change ${workflowId}`,
        '4.2',
        () =>
          withRecordResync(temporal, h, deps.log, () =>
            h.executeUpdate(decideStaffChangeUpdate, {
              args: [{ ...(toWorkflowArgs(body) as typeof body), actor: actorArg(req) }],
            }),
          ),
        recorded(workflowId),
      ),
    );
  });
  r.post('/contracts/:id/staff-changes/:requestId/withdraw', allow('vendor-engineer'), async (req, res) => {
    const workflowId = wfId(req);
    const body = parseBody(Empty, req.body);
    auditAs(res, 'staff-change.withdraw', workflowId);
    const h = temporal.workflow.getHandle(workflowId);
    res.json(
      await onOpenCase(
        h,
        `staff change ${workflowId}`,
        '4.2',
        () =>
          withRecordResync(temporal, h, deps.log, () =>
            h.executeUpdate(withdrawStaffChangeUpdate, { args: [{ ...toWorkflowArgs(body), actor: actorArg(req) }] }),
          ),
        recorded(workflowId),
      ),
    );
  });
  // Stated times (issue 10): the other party contests, the hospital's approver decides.
  for (const [path, def, schema, roles] of [
    ['contest', contestTimeUpdate, Contest, ['hospital-operator', 'hospital-approver', 'vendor-engineer']],
    ['contest-decision', decideContestUpdate, ContestDecision, ['hospital-approver']],
  ] as const) {
    r.post(`/contracts/:id/staff-changes/:requestId/${path}`, allow(...roles), async (req, res) => {
      const workflowId = wfId(req);
      const body = parseBody(schema, req.body) as Record<string, unknown>;
      auditAs(res, `staff-change.${path}`, workflowId, { factSeq: body.factSeq });
      const h = temporal.workflow.getHandle(workflowId);
      res.json(
        await onOpenCase(
          h,
          `staff change ${workflowId}`,
          '4.2',
          () =>
            withRecordResync(temporal, h, deps.log, () =>
              h.executeUpdate(def as typeof contestTimeUpdate, {
                args: [{ ...toWorkflowArgs(body), actor: actorArg(req) } as never],
              }),
            ),
          recorded(workflowId),
        ),
      );
    });
  }
  return r;
}
