// The routes of contract changes by two persons (issue 12 finding 4, clause 3), declared once
// (route.ts): propose an amendment or the end (202), list the proposals, and approve, reject or
// withdraw one. Handlers: contract-changes.ts.
import { z } from 'zod';
import { declareRoute } from '../route';
import { instantSchema } from '../validate';
import { Amended, Decided, Ended, Proposal, Proposed } from './change-schemas';
import { TermsOverridesSchema } from './contract-schemas';
import { CONTRACT_404, CONTRACT_ENDED, PROPOSAL, with409 } from './refusals';

const Amend = z.strictObject({
  effectiveAt: instantSchema,
  terms: TermsOverridesSchema,
  reason: z.string().min(1).max(2000),
});
const End = z.strictObject({ reason: z.string().min(1).max(2000), endedAt: instantSchema.optional() });
const Decision = z.strictObject({ reason: z.string().trim().min(1).max(2000) });
const Approval = z.strictObject({ note: z.string().trim().max(2000).optional() });

const Params = z.object({ id: z.string().describe('contract id') });
const ProposalParams = Params.extend({ proposalId: z.string().describe('chg_… id of the proposal') });
const proposed = { 202: { description: 'proposed; nothing changed yet', schema: Proposed } };
export const contractChangeRoutes = {
  amend: declareRoute({
    method: 'post',
    path: '/contracts/{id}/amendments',
    duty: 'proposeChange',
    refusals: with409(CONTRACT_404, CONTRACT_ENDED),
    summary:
      'Proposes a new immutable terms version effective from effectiveAt (clause 3); 202 with the proposal, which a second person approves',
    params: Params,
    body: Amend,
    responses: proposed,
  }),
  end: declareRoute({
    method: 'post',
    path: '/contracts/{id}/end',
    duty: 'proposeChange',
    refusals: with409(CONTRACT_404, CONTRACT_ENDED),
    summary: 'Proposes to end the contract (clause 3); 202 with the proposal, which a second person approves',
    params: Params,
    body: End,
    responses: proposed,
  }),
  list: declareRoute({
    method: 'get',
    path: '/contracts/{id}/changes',
    duty: 'read',
    refusals: CONTRACT_404,
    summary: 'Proposed, approved, rejected and withdrawn amendments and ends, with who proposed and who decided',
    params: Params,
    responses: { 200: { description: 'proposals', schema: z.object({ items: z.array(Proposal) }) } },
  }),
  approve: declareRoute({
    method: 'post',
    path: '/contracts/{id}/changes/{proposalId}/approve',
    localized: true,
    duty: 'approveChange',
    refusals: PROPOSAL,
    summary: 'A second key (of the other party, or a hospital approver) approves: the amendment or end takes effect',
    params: ProposalParams,
    body: Approval,
    responses: {
      201: { description: 'the new terms version', schema: Amended },
      200: {
        description: 'the contract ended, or the amendment was already approved',
        schema: z.union([Amended, Ended]),
      },
    },
  }),
  reject: declareRoute({
    method: 'post',
    path: '/contracts/{id}/changes/{proposalId}/reject',
    duty: 'approveChange',
    refusals: PROPOSAL,
    summary: 'A key that could approve rejects the proposal, with a reason',
    params: ProposalParams,
    body: Decision,
    responses: { 200: { description: 'the proposal, rejected', schema: Decided } },
  }),
  withdraw: declareRoute({
    method: 'post',
    path: '/contracts/{id}/changes/{proposalId}/withdraw',
    duty: 'proposeChange',
    refusals: PROPOSAL,
    summary: 'The proposing key withdraws its proposal',
    params: ProposalParams,
    body: Decision,
    responses: { 200: { description: 'the proposal, withdrawn', schema: Decided } },
  }),
};
