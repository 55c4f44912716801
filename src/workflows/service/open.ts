// A service request's first state and its raising (issue 18), shared by the live workflow and
// the request entered at onboarding (past.ts), so both start from the same facts: the raise
// (or the 4.4 licence registration) with the due date it proposes, or the licence's expiry.
// Pure: facts go through the case (the workflow's kernel case, or the dry run's in memory).
import type { Actor } from '../kernel/actors';
import type { StatedInstant } from '../kernel/stated-times';
import type { RequestCase } from './breach';
import type { Party, ServiceRequestInput, ServiceRequestState } from './messages';

export const initialServiceState = (input: ServiceRequestInput): ServiceRequestState => ({
  ...input,
  termsVersion: null,
  status: 'awaiting-due-date',
  due: null,
  dueProposal: null,
  acknowledged: null,
  started: null,
  deliveries: [],
  largeChange: null,
  warnedAt: null,
  breach: null,
  renewal: null,
  contractEnded: null,
  stated: [],
  history: [],
});

/** Records the raise (its time as given, or entered on the hospital's behalf) and the due date it sets; the raiser's party. */
export function recordRaise({ s, c }: Pick<RequestCase, 's' | 'c'>, raiser: Actor, time: StatedInstant): Party {
  const input = s;
  const raised = c.fact(
    raiser,
    input.licence ? 'licence.registered' : 'request.raised',
    { origin: input.origin, title: input.title, documents: input.documents, licence: input.licence ?? null },
    input.clause,
    time,
  );
  const party = raiser.role === 'vendor-engineer' ? 'vendor' : 'hospital';
  if (input.licence) {
    // 4.4: the licence's expiry is the date it must be renewed by (registered, not negotiated).
    s.due = {
      date: input.licence.expiresOn,
      proposedBy: party,
      by: raiser.name,
      at: input.raisedAt,
      factSeq: raised.seq,
    };
    s.acknowledged = party === 'vendor' ? { by: raiser.name, at: input.raisedAt } : null;
  } else if (input.proposedDueDate) {
    s.dueProposal = {
      date: input.proposedDueDate,
      proposedBy: party,
      by: raiser.name,
      at: input.raisedAt,
      factSeq: raised.seq,
    };
  }
  return party;
}
