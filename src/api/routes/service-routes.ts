// The service request routes (issue 18; 4.4-5.4), declared once (route.ts): raise or plan a
// request, register a licence, list, read one, contest a stated time, and one route per action
// of service-schemas.ts ACTIONS. Handlers: service-requests.ts.
import { z } from 'zod';
import { declareRoute, type Route } from '../route';
import { ContractParams } from './obligation-kit';
import { declareContestRoutes } from './contest-routes';
import { recorded } from './case-schemas';
import { ServiceListItem, ServiceRaised, ServiceState } from './service-answers';
import { ACTIONS, Licence, ListQuery, Raise, RequestParams } from './service-schemas';
import { caseRefusals, CONTRACT_404, FAMILY_CODES, notFoundOf, STATED_TIME_CODES } from './refusals';

const BASE = '/contracts/{id}/service-requests';
const ONE = `${BASE}/{requestId}`;
const raisedAnswers = (what: string) => ({
  201: { description: `the ${what} as recorded; its workflow has started`, schema: ServiceRaised },
  200: {
    description: `a retry (same requestId or Idempotency-Key): the ${what} as first recorded`,
    schema: ServiceRaised,
  },
});
export const serviceRoutes = {
  raise: declareRoute({
    method: 'post',
    path: BASE,
    duty: 'requestService',
    summary:
      'Hospital raises (or plans from the yearly list) a service request under its clause, proposing its due date',
    params: ContractParams,
    body: Raise,
    refusals: CONTRACT_404,
    responses: raisedAnswers('request'),
  }),
  licence: declareRoute({
    method: 'post',
    path: '/contracts/{id}/licences',
    localized: true, // the request's title and description as the platform wrote them, in the reader's language
    duty: 'registerLicence',
    summary: "Either party registers a licence's expiry date; it is renewed before it lapses (4.4)",
    params: ContractParams,
    body: Licence,
    refusals: CONTRACT_404,
    responses: raisedAnswers('licence'),
  }),
  list: declareRoute({
    method: 'get',
    path: BASE,
    localized: true, // a licence's title and the texts the workflow wrote, in the reader's language (issue 15)
    duty: 'read',
    summary: 'Service requests of a contract, filters status, awaiting, breached, clause',
    params: ContractParams,
    query: ListQuery,
    refusals: {},
    responses: { 200: { description: 'requests', schema: z.object({ items: z.array(ServiceListItem) }) } },
  }),
  one: declareRoute({
    method: 'get',
    path: ONE,
    localized: true,
    duty: 'read',
    summary: 'One service request with its facts, due date, deliveries and breach',
    params: RequestParams,
    refusals: notFoundOf('service request on this contract'),
    responses: { 200: { description: 'the request as recorded', schema: recorded(ServiceState) } },
  }),
  ...declareContestRoutes(ONE, RequestParams, '4.4-5.4'),
};
export const serviceActionRoutes = ACTIONS.map((a) => ({
  ...a,
  route: declareRoute({
    method: 'post',
    path: `${ONE}/${a.path}`,
    localized: true,
    duty: a.duty,
    summary: a.summary,
    params: RequestParams,
    body: a.body,
    refusals: caseRefusals('service request', 'its clause (4.4-5.4; 6.5 for a breach priced)', [
      ...FAMILY_CODES.service,
      ...STATED_TIME_CODES,
    ]),
    responses: { 200: { description: 'the request after the action', schema: ServiceState } },
  }) as Route,
}));
