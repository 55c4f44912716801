// The rules of a service request's work (issue 18): the due date proposed by either party and
// accepted by the other, the vendor's acknowledgement, start and delivery with evidence (a
// licence names its new expiry, 4.4), and the hospital's review of a delivery.
import { assertIsoDate, endOfShanghaiDay } from '../../domain/time';
import { partyOf } from '../kernel/actors';
import { invalidInput } from '../failures';
import { dueEndMs, pendingDelivery } from './duties';
import type { Party } from './messages';
import { type RulesOf, by, citations, open, refuse, undelivered } from './rule-kit';

export const WORK_RULES: RulesOf<
  'proposeDueDate' | 'acceptDueDate' | 'acknowledge' | 'startWork' | 'deliver' | 'reviewDelivery'
> = {
  // Either party proposes the due date (or a new one); the other accepts it: an agreed fact.
  proposeDueDate: {
    party: 'either',
    kind: 'serviceDueDate',
    check(s, a, c) {
      undelivered(s);
      if (typeof a.dueDate !== 'string') throw invalidInput('dueDate', 'dueDate is required (YYYY-MM-DD)', s.clause);
      assertIsoDate(a.dueDate, 'dueDate');
      if (endOfShanghaiDay(a.dueDate) <= c.nowMs)
        throw invalidInput('dueDate', `dueDate ${a.dueDate} is not after today (clause ${s.clause})`, s.clause);
      const due = dueEndMs(s);
      if (due !== null && due <= c.nowMs)
        throw refuse('DUE_PASSED', `the agreed due date ${s.due!.date} has passed; its breach stands`, s.clause);
    },
    fact: (s, a) => ({ type: 'due-date.proposed', detail: { dueDate: a.dueDate, reason: a.reason ?? null } }),
    apply(s, a, f) {
      const party = partyOf(a.actor.role) as Party;
      s.dueProposal = { date: a.dueDate, proposedBy: party, ...by(a, f), reason: a.reason, factSeq: f.seq };
      return {
        event: 'due-date-proposed',
        to: party === 'vendor' ? 'hospital' : 'vendor',
        body: { dueDate: a.dueDate, proposedBy: party },
      };
    },
  },
  acceptDueDate: {
    party: 'either',
    kind: 'serviceDueDate',
    check(s, a, c) {
      open(s);
      if (!s.dueProposal) throw refuse('NO_DUE_PROPOSAL', 'no due date is proposed', s.clause);
      if (partyOf(a.actor.role) === s.dueProposal.proposedBy)
        throw refuse(
          'OWN_PROPOSAL',
          'a due date is accepted by the other party than the one who proposed it',
          s.clause,
        );
      const due = dueEndMs(s);
      if (due !== null && due <= c.nowMs)
        throw refuse('DUE_PASSED', `the agreed due date ${s.due!.date} has passed; its breach stands`, s.clause);
    },
    fact: (s) => ({ type: 'due-date.agreed', detail: { dueDate: s.dueProposal!.date, previous: s.due?.date ?? null } }),
    apply(s, a, f) {
      s.due = { ...s.dueProposal!, factSeq: f.seq };
      s.dueProposal = null;
      return { event: 'due-date-agreed', to: 'both', body: { dueDate: s.due.date } };
    },
  },
  acknowledge: {
    party: 'vendor',
    kind: 'serviceAcknowledgement',
    check(s) {
      open(s);
      if (s.acknowledged) throw refuse('ALREADY_ACKNOWLEDGED', 'the request is already acknowledged', s.clause);
    },
    fact: (s, a) => ({ type: 'request.acknowledged', detail: { note: a.note ?? null } }),
    apply(s, a, f) {
      s.acknowledged = by(a, f);
      return { event: 'acknowledged', to: 'hospital' };
    },
  },
  startWork: {
    party: 'vendor',
    kind: 'serviceWork',
    check(s) {
      undelivered(s);
      if (!s.acknowledged) throw refuse('NOT_ACKNOWLEDGED', 'acknowledge the request before working on it', s.clause);
      if (s.started) throw refuse('ALREADY_STARTED', 'work on the request has already started', s.clause);
    },
    fact: (s, a) => ({ type: 'work.started', detail: { note: a.note ?? null } }),
    apply(s, a, f) {
      s.started = by(a, f);
      return null; // still the vendor's move: nobody is told
    },
  },
  // The vendor delivers with evidence (stored documents, cited with their hash); a licence names its new expiry.
  deliver: {
    party: 'vendor',
    kind: 'serviceDelivery',
    check(s, a, c) {
      undelivered(s);
      if (!s.due) throw refuse('DUE_NOT_AGREED', 'the due date is not agreed yet', s.clause);
      if (!s.acknowledged) throw refuse('NOT_ACKNOWLEDGED', 'acknowledge the request before delivering', s.clause);
      citations(a.evidence, s.clause, c.entered);
      if (s.licence) {
        if (typeof a.renewedUntil !== 'string')
          throw invalidInput('renewedUntil', 'a licence renewal names its new expiry date (clause 4.4)', '4.4');
        assertIsoDate(a.renewedUntil, 'renewedUntil');
        if (a.renewedUntil <= s.licence.expiresOn)
          throw invalidInput('renewedUntil', `renewedUntil must be after ${s.licence.expiresOn} (clause 4.4)`, '4.4');
      }
    },
    fact: (s, a) => ({
      type: 'delivery.made',
      detail: { n: s.deliveries.length + 1, evidence: a.evidence, note: a.note ?? null, renewedUntil: a.renewedUntil },
    }),
    apply(s, a, f) {
      const n = s.deliveries.length + 1;
      s.deliveries.push({
        n,
        ...by(a, f),
        evidence: a.evidence,
        note: a.note,
        renewedUntil: a.renewedUntil,
        factSeq: f.seq,
      });
      return { event: 'delivered', to: 'hospital', body: { delivery: n } };
    },
  },
  reviewDelivery: {
    party: 'hospital',
    kind: 'serviceReview',
    check(s, a) {
      open(s);
      if (!pendingDelivery(s)) throw refuse('NO_DELIVERY_TO_REVIEW', 'no delivery awaits review', s.clause);
      if (a.decision !== 'accept' && a.decision !== 'send-back')
        throw invalidInput('decision', 'decision must be accept or send-back', s.clause);
      if (a.decision === 'send-back' && (typeof a.reason !== 'string' || !a.reason.trim()))
        throw refuse('REASON_REQUIRED', 'a delivery is sent back with its reason', s.clause);
    },
    fact: (s, a) => ({
      type: a.decision === 'accept' ? 'delivery.accepted' : 'delivery.sent-back',
      detail: { delivery: pendingDelivery(s)!.n, reason: a.reason ?? null },
    }),
    apply(s, a, f) {
      const d = pendingDelivery(s)!;
      const decision = a.decision === 'accept' ? 'accepted' : 'sent-back';
      d.review = { decision, ...by(a, f), reason: a.reason, factSeq: f.seq };
      return { event: 'delivery-reviewed', to: 'vendor', body: { delivery: d.n, decision, reason: a.reason ?? null } };
    },
  },
};
