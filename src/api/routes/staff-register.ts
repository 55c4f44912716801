// The register of the vendor's maintenance engineers (4.2): recorded once, then changed only
// through a change request (staff.ts, 6.7); read with the history of those requests.
import { Router } from 'express';
import { z } from 'zod';
import { allow, actorOf } from '../auth';
import { auditAs } from '../audit';
import type { ApiDeps } from '../deps';
import { conflict, notFound } from '../errors';
import { declareRoute, mount } from '../route';
import { inTransaction } from '../../db/pool';
import { findContract, type Db } from '../../db/queries/contracts';
import { engineerIdsEver, insertEngineers, listEngineers, listStaffChangeRequests } from '../../db/queries/obligations';
import { checkCitations, type DocumentCitation } from '../../documents/refs';
import { assertQualifiedRemains } from '../../domain/staff-register';
import { shanghaiDate } from '../../domain/time';
import { recordTextsIn } from '../../i18n/record-texts';
import { answerLocale } from '../language';
import { ContractParams, contractOf } from './obligation-kit';
import { CHANGE_STANDINGS, Register, RegisterQuery, StaffRegister } from './staff-schemas';
import { CONTRACT_404, refusal, with409 } from './refusals';

/** 4.2: each engineer's qualification document, if cited, is a stored staff-qualification of the contract. */
export const checkQualifications = (
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

const STAFF = '/contracts/{id}/staff';
const routes = {
  register: declareRoute({
    method: 'get',
    path: STAFF,
    localized: true, // who entered an engineer or a change at onboarding, in the reader's language (issue 15)
    duty: 'read',
    summary:
      "The register of the vendor's maintenance engineers (4.2) and the history of its change requests (pending, applied, refused, withdrawn, contract-ended)",
    params: ContractParams,
    query: RegisterQuery,
    refusals: {},
    responses: { 200: { description: 'the register and its changes', schema: StaffRegister } },
  }),
  recordRegister: declareRoute({
    method: 'post',
    path: STAFF,
    duty: 'registerStaff',
    summary: 'Vendor or admin records the initial register; it needs a fixed engineer with 2+ years (4.2)',
    params: ContractParams,
    body: Register,
    refusals: with409(
      CONTRACT_404,
      refusal(
        ['NO_QUALIFIED_ENGINEER', 'REGISTER_EXISTS'],
        'the register leaves no qualified fixed engineer (4.2), or it is already recorded (6.7: changes go through a change request)',
      ),
    ),
    responses: { 201: { description: 'the register', schema: z.object({ items: StaffRegister.shape.items }) } },
  }),
};

/** GET /contracts/{id}/staff's answer (also part of the contract's overview, without the removed engineers). */
export async function staffOf(pool: ApiDeps['pool'], c: string, includeRemoved: boolean) {
  const changes = (await listStaffChangeRequests(pool, c)).map((x) => ({
    requestId: x.requestId,
    workflowId: x.workflowId,
    kind: x.kind,
    effectiveDate: x.effectiveDate,
    remove: x.remove,
    add: x.add.map((e) => e.engineerId),
    requestedBy: x.requestedBy,
    requestedAt: x.requestedAt,
    status: (x.appliedAt ? 'applied' : (x.closedOutcome ?? 'pending')) as (typeof CHANGE_STANDINGS)[number],
    appliedAt: x.appliedAt,
    closedAt: x.closedAt,
  }));
  return { items: await listEngineers(pool, c, includeRemoved), changes };
}
export { routes as staffRegisterRoutes };

export function staffRegisterRouter(deps: ApiDeps): Router {
  const { pool } = deps;
  const r = Router();
  mount(r, routes.register, async (req, res) => {
    const q = routes.register.query(req);
    const staff = await staffOf(pool, contractOf(req), q.includeRemoved === 'true');
    routes.register.send(res, 200, recordTextsIn(staff, answerLocale(req, res)));
  });
  mount(r, routes.recordRegister, allow('vendor-engineer', 'admin'), async (req, res) => {
    const c = contractOf(req);
    const body = routes.recordRegister.body(req);
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
    routes.recordRegister.send(res, 201, { items: await listEngineers(pool, c) });
  });

  return r;
}
