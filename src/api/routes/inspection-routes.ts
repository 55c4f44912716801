// The quarterly inspection routes (4.1, 4.3, 4.6), declared once (route.ts): reads, the
// vendor's report, the hospital's acknowledgement or request for changes, remediation items,
// and stated-time contests. Handlers: inspections.ts.
import { z } from 'zod';
import { declareRoute } from '../route';
import { dateSchema } from '../validate';
import { documentCitation } from '../../documents/refs';
import { ContractParams, occurredAt } from './obligation-kit';
import { declareContestRoutes } from './contest-routes';
import { InspectionRowOut, InspectionState } from './cycle-schemas';
import { INSPECTION, NONE, notFoundOf } from './refusals';

const Report = z.strictObject({
  inspectionDate: dateSchema,
  engineer: z.string().min(1).max(200),
  findings: z
    .array(
      z.strictObject({
        title: z.string().min(1).max(500),
        severity: z.enum(['low', 'medium', 'high']),
        description: z.string().max(5000).optional(),
      }),
    )
    .max(200),
  recommendations: z.array(z.string().min(1).max(2000)).max(200),
  documentRef: z.string().min(1).max(500),
  sha256: z.string().regex(/^[a-f0-9]{64}$/, 'must be 64 lowercase hex characters'),
  occurredAt,
});
const Ack = z.strictObject({ note: z.string().max(2000).optional(), occurredAt });
const Changes = z.strictObject({ reasons: z.array(z.string().min(1).max(2000)).min(1).max(50), occurredAt });
const Resolve = z.strictObject({
  note: z.string().max(2000).optional(),
  // The remediation's evidence as a stored document (issue 14, 4.6): a remediation-evidence of this contract.
  evidence: documentCitation.optional(),
  occurredAt,
});
export const PeriodParams = ContractParams.extend({
  period: z.string().describe('contract year and quarter, like 1Q2'),
});

const BASE = '/contracts/{id}/inspections/{period}';
const state = (description: string) => ({ 200: { description, schema: InspectionState } });
export const inspectionRoutes = {
  list: declareRoute({
    method: 'get',
    path: '/contracts/{id}/inspections',
    localized: true,
    duty: 'read',
    refusals: NONE,
    summary: 'Quarterly inspections of a contract (4.1, 4.3)',
    params: ContractParams,
    responses: { 200: { description: 'inspections', schema: z.object({ items: z.array(InspectionRowOut) }) } },
  }),
  one: declareRoute({
    method: 'get',
    path: BASE,
    localized: true,
    duty: 'read',
    refusals: notFoundOf('inspection of this period'),
    summary: 'One inspection, period like 1Q2',
    params: PeriodParams,
    responses: { 200: { description: 'the inspection as recorded', schema: InspectionRowOut } },
  }),
  report: declareRoute({
    method: 'post',
    path: `${BASE}/report`,
    duty: 'serve',
    refusals: INSPECTION,
    summary:
      'Vendor submits the inspection report, a stored inspection-report (4.3); late reports are recorded as late',
    params: PeriodParams,
    body: Report,
    responses: state('the inspection with its report'),
  }),
  acknowledge: declareRoute({
    method: 'post',
    path: `${BASE}/acknowledge`,
    duty: 'confirm',
    refusals: INSPECTION,
    summary: 'Hospital acknowledges the report; high findings become remediation items (4.6)',
    params: PeriodParams,
    body: Ack,
    responses: state('the inspection, acknowledged'),
  }),
  changes: declareRoute({
    method: 'post',
    path: `${BASE}/request-changes`,
    duty: 'confirm',
    refusals: INSPECTION,
    summary: 'Hospital asks for changes to the report (4.3)',
    params: PeriodParams,
    body: Changes,
    responses: state('the inspection awaiting a new report'),
  }),
  resolve: declareRoute({
    method: 'post',
    path: `${BASE}/remediation/{itemId}/resolve`,
    duty: 'serve',
    refusals: INSPECTION,
    summary: 'Vendor resolves a remediation item, citing a stored remediation-evidence (4.6)',
    params: PeriodParams.extend({ itemId: z.string().describe('remediation item id') }),
    body: Resolve,
    responses: state('the inspection with the item resolved'),
  }),
  ...declareContestRoutes(BASE, PeriodParams, '4.3'),
};
