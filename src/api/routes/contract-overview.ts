// A contract's overview in one read (issue 16, the console's contract page): the contract, its
// signing obligations (4.10, 6.3), inspections (4.3), care (4.1), acceptances (3, 8), payments
// (10), staff (4.2), service requests (4.4-5.4), the ledger and its totals against the 5 % and
// 20 % thresholds (6). The page asked for these with eleven requests; a browser sends at most six
// at once to one origin, so the second half waited for the first. Every section is the answer of
// its own GET route, from the same function and declared with that route's schema: nothing here
// reads a table or knows a rule of its own.
import { Router } from 'express';
import { z } from 'zod';
import { actorOf } from '../auth';
import type { ApiDeps } from '../deps';
import { answerLocale } from '../language';
import { declareRoute, mount } from '../route';
import { contractView } from '../../services/contracts';
import { acceptanceRoutes } from './acceptance-routes';
import { acceptancesOf } from './acceptances';
import { careRoutes, carePeriodsOf } from './care';
import { Contract } from './contract-schemas';
import { readable } from './contracts';
import { cycleRoutes, paymentsOf } from './cycles';
import { inspectionRoutes } from './inspection-routes';
import { inspectionsOf } from './inspections';
import { recordTextsIn } from '../../i18n/record-texts';
import { ledgerRoutes } from './ledger-routes';
import { ledgerEntriesOf, ledgerTotalsOf } from './ledger-reads';
import { obligationRoutes, signingObligationsOf } from './obligations';
import { ContractParams } from './obligation-kit';
import { CONTRACT_404 } from './refusals';
import { serviceListIn, serviceRequestsOf } from './service-requests';
import { serviceRoutes } from './service-routes';
import { staffOf, staffRegisterRoutes } from './staff-register';

/** The 200 answer's schema of a declared read: each section is declared as its own route declares it. */
const answerOf = <S extends z.ZodType>(route: { spec: { responses: { 200: { schema: S } } } }): S =>
  route.spec.responses[200].schema;

const Overview = z.object({
  contract: Contract,
  obligations: answerOf(obligationRoutes.ofContract).describe('GET /contracts/{id}/obligations'),
  inspections: answerOf(inspectionRoutes.list).describe('GET /contracts/{id}/inspections'),
  care: answerOf(careRoutes.periods).describe('GET /contracts/{id}/care-periods'),
  acceptances: answerOf(acceptanceRoutes.list).describe('GET /contracts/{id}/acceptances'),
  payments: answerOf(cycleRoutes.payments).describe('GET /contracts/{id}/payments'),
  staff: answerOf(staffRegisterRoutes.register).describe('GET /contracts/{id}/staff (removed engineers left out)'),
  serviceRequests: answerOf(serviceRoutes.list).describe('GET /contracts/{id}/service-requests'),
  ledger: answerOf(ledgerRoutes.list).describe("GET /ledger?contractId= (its first page, the list's default limit)"),
  totals: answerOf(ledgerRoutes.totals).describe('GET /ledger/totals?contractId='),
});

const overview = declareRoute({
  method: 'get',
  path: '/contracts/{id}/overview',
  localized: true,
  duty: 'read',
  refusals: CONTRACT_404,
  summary:
    'A contract with every section of its page in one read: the answers of its obligations, inspections, care-periods, acceptances, payments, staff, service-requests, ledger and ledger totals routes',
  params: ContractParams,
  responses: { 200: { description: 'the contract and its sections', schema: Overview } },
});

export function contractOverviewRouter(deps: ApiDeps): Router {
  const { pool } = deps;
  const r = Router();
  mount(r, overview, async (req, res) => {
    const actor = actorOf(req);
    const row = await readable(deps, actor, overview.params(req).id); // 403 outside the caller's contracts, 404
    const c = row.id;
    const now = deps.now();
    const locale = answerLocale(req, res); // the bases of payments and ledger entries (issue 15)
    const [contract, obligations, inspections, care, acceptances, payments, staff, serviceRequests, ledger, totals] =
      await Promise.all([
        contractView(pool, row, now, locale),
        signingObligationsOf(pool, c, locale),
        inspectionsOf(pool, c),
        carePeriodsOf(pool, c),
        acceptancesOf(pool, c),
        paymentsOf(pool, c, locale),
        staffOf(pool, c, false),
        serviceRequestsOf(pool, c, serviceRoutes.list.spec.query.parse({})),
        ledgerEntriesOf(pool, actor, ledgerRoutes.list.spec.query.parse({ contractId: c }), locale),
        ledgerTotalsOf(pool, c, undefined, now, locale),
      ]);
    // res.json as care-periods' and acceptances' own routes answer (their rows' JSON columns are untyped);
    // VALIDATE_RESPONSES checks the body against Overview all the same.
    res.status(200).json({
      contract,
      obligations,
      inspections: recordTextsIn(inspections, locale), // as GET .../inspections answers it (issue 15)
      care: recordTextsIn(care, locale), // as GET .../care-periods answers it
      acceptances: recordTextsIn(acceptances, locale), // as GET .../acceptances answers it
      payments,
      staff: recordTextsIn(staff, locale), // as GET .../staff answers it
      serviceRequests: serviceListIn(serviceRequests, locale), // as GET .../service-requests answers it
      ledger: { items: ledger },
      totals,
    });
  });
  return r;
}
