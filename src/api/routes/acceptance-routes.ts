// The yearly acceptances' routes (3, 8), declared once (route.ts): the list, one year, the
// vendor's submission and the approver's decision, and the stated-time contests; the year in a
// path parsed once (yearOf). Handlers: acceptances.ts.
import type { Request } from 'express';
import { z } from 'zod';
import { declareRoute } from '../route';
import { documentCitation } from '../../documents/refs';
import { ContractParams, occurredAt } from './obligation-kit';
import { declareContestRoutes } from './contest-routes';
import { AcceptanceRecordOut, AcceptanceRowOut, AcceptanceState } from './acceptance-schemas';
import { NONE, cycleRefusals, notFoundOf } from './refusals';

const Submit = z.strictObject({ note: z.string().max(2000).optional(), occurredAt });
const Decide = z
  .strictObject({
    outcome: z.enum(['pass', 'fail']),
    reasons: z.array(z.string().min(1).max(2000)).max(50).optional(),
    hospitalSignatory: z.string().min(1).max(200).optional(),
    vendorSignatory: z.string().min(1).max(200).optional(),
    // Clause 8: scans of the form signed and sealed in three copies, stored acceptance-scan documents.
    signedForms: z.array(documentCitation).min(1).max(3).optional(),
    occurredAt,
  })
  .refine((d) => d.outcome === 'pass' || d.signedForms === undefined, {
    message: 'the signed form belongs to a pass (clause 8); a fail names its reasons',
    path: ['signedForms'],
  });
// A contract year in a path: a positive integer, else 400 naming `year` (never a database error).
const YearParam = z
  .string()
  .regex(/^\d{1,4}$/, 'must be a contract year in decimal digits')
  .transform(Number)
  .pipe(z.number().int().min(1).max(1000)); // not '0x1' (issue 11)
const YearParams = ContractParams.extend({ year: YearParam.describe('contract year, 1 for the first') });
/** The contract year of a request's path, parsed as its route declares it. */
export const yearOf = (req: Request): number =>
  z.strictObject({ year: YearParam }).parse({ year: req.params.year }).year;

const BASE = '/contracts/{id}/acceptances/{year}';
const state = (description: string) => ({ 200: { description, schema: AcceptanceState } });
export const acceptanceRoutes = {
  list: declareRoute({
    method: 'get',
    path: '/contracts/{id}/acceptances',
    duty: 'read',
    localized: true,
    refusals: NONE,
    summary: 'Yearly acceptances (3, 8)',
    params: ContractParams,
    responses: { 200: { description: 'acceptances', schema: z.object({ items: z.array(AcceptanceRowOut) }) } },
  }),
  one: declareRoute({
    method: 'get',
    path: BASE,
    duty: 'read',
    localized: true,
    refusals: notFoundOf('acceptance of this year'),
    summary: 'One yearly acceptance with its package and record',
    params: YearParams,
    responses: {
      200: {
        description: 'the acceptance, and the clause-8 form once passed',
        schema: AcceptanceRowOut.extend({ record: AcceptanceRecordOut.nullable() }),
      },
    },
  }),
  submit: declareRoute({
    method: 'post',
    path: `${BASE}/submit`,
    duty: 'serve',
    refusals: cycleRefusals('acceptance', '3, 8', 'acceptance'),
    summary: "Vendor submits the year's acceptance package (3)",
    params: YearParams,
    body: Submit,
    responses: state('the acceptance, submitted'),
  }),
  decision: declareRoute({
    method: 'post',
    path: `${BASE}/decision`,
    duty: 'accept',
    refusals: cycleRefusals('acceptance', '3, 8', 'acceptance'),
    summary: 'Hospital approver passes (signed form, 8) or fails (reasons, 3) the acceptance',
    params: YearParams,
    body: Decide,
    responses: state('the acceptance, passed or failed'),
  }),
  ...declareContestRoutes(BASE, YearParams, '8'),
};
