// The engineer change routes (4.2, 6.7), declared once (route.ts): the vendor's request, the
// hospital's report of an unannounced change, the list, one change, the hospital's decision, the
// vendor's withdrawal and the contest of a stated time. Handlers: staff.ts.
import { z } from 'zod';
import { declareRoute } from '../route';
import { ContractParams } from './obligation-kit';
import { declareContestRoutes } from './contest-routes';
import { recorded } from './case-schemas';
import {
  Change,
  ChangeParams,
  ChangeRequested,
  Decision,
  StaffChangeListItem,
  StaffChangeState,
  Withdrawal,
} from './staff-schemas';
import { CONTRACT_404, notFoundOf, refusal, STAFF_CHANGE, with409 } from './refusals';

const CHANGES = '/contracts/{id}/staff-changes';
const ONE = `${CHANGES}/{requestId}`;
const requestedAnswers = {
  201: { description: 'the change as recorded; its workflow checks the notice', schema: ChangeRequested },
  200: { description: 'a retry or a concurrent request: the change as first recorded', schema: ChangeRequested },
};
const state = (description: string) => ({ 200: { description, schema: StaffChangeState } });
export const staffChangeRoutes = {
  request: declareRoute({
    method: 'post',
    path: CHANGES,
    duty: 'serve',
    summary:
      'Vendor requests an engineer change with its effective date (4.2: 7 working days notice, written approval)',
    params: ContractParams,
    body: Change,
    refusals: with409(
      CONTRACT_404,
      refusal(
        ['NO_QUALIFIED_ENGINEER', 'ENGINEER_CHANGE_PENDING'],
        'the change would leave no qualified fixed engineer, counting pending changes, or one of its engineers is in a pending change (4.2)',
      ),
    ),
    responses: requestedAnswers,
  }),
  unannounced: declareRoute({
    method: 'post',
    path: `${CHANGES}/unannounced`,
    duty: 'confirm',
    summary: 'Hospital reports a change made without notice or approval; CNY 1,000 per person is proposed (6.7)',
    params: ContractParams,
    body: Change,
    refusals: CONTRACT_404,
    responses: requestedAnswers,
  }),
  list: declareRoute({
    method: 'get',
    path: CHANGES,
    localized: true, // as the one change answers (issue 15)
    duty: 'read',
    summary: 'Engineer changes of a contract, from their record',
    params: ContractParams,
    refusals: {},
    responses: { 200: { description: 'changes', schema: z.object({ items: z.array(StaffChangeListItem) }) } },
  }),
  one: declareRoute({
    method: 'get',
    path: ONE,
    localized: true, // the texts the workflow wrote, in the reader's language (issue 15)
    duty: 'read',
    summary: 'One engineer change with its notice check and decision',
    params: ChangeParams,
    refusals: notFoundOf('staff change on this contract'),
    responses: { 200: { description: 'the change as recorded', schema: recorded(StaffChangeState) } },
  }),
  decision: declareRoute({
    method: 'post',
    path: `${ONE}/decision`,
    duty: 'decide',
    summary: 'Hospital approver approves in writing or refuses (4.2)',
    params: ChangeParams,
    body: Decision,
    refusals: STAFF_CHANGE,
    responses: state('the change with its decision'),
  }),
  withdraw: declareRoute({
    method: 'post',
    path: `${ONE}/withdraw`,
    duty: 'serve',
    summary: 'Vendor withdraws a pending change (4.2)',
    params: ChangeParams,
    body: Withdrawal,
    refusals: STAFF_CHANGE,
    responses: state('the change, withdrawn'),
  }),
  ...declareContestRoutes(ONE, ChangeParams, '4.2'),
};
