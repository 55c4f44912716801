// The rules of a service request's actions (issue 18), pure: `check` is the synchronous
// validator (who may act, in which state, citing the clause), `apply` moves the state with the
// recorded fact and names the party whose move it now is (its notice). The wiring
// (service-request.ts) runs check in the Update's validator and again in its handler.
import { otherCommitmentPenalty } from '../../domain/penalties';
import { formatFen } from '../../domain/money';
import type { ContractTerms } from '../../domain/terms';
import { assertIsoDate, endOfShanghaiDay } from '../../domain/time';
import { partyOf } from '../kernel/actors';
import type { Fact } from '../kernel/facts';
import { forbiddenAction, invalidInput, ruleViolation } from '../failures';
import { dueEndMs, isSettled, pendingDelivery } from './duties';
import type { ActionBase } from '../kernel/case-messages';
import {
  CITATION_REF,
  CITATION_SHA256,
  type DocumentCitation,
  type Party,
  type ServiceAction,
  type ServiceArgs,
  type ServiceRequestState,
} from './messages';

export interface Ctx {
  terms: ContractTerms;
  amountFen: bigint;
  nowMs: number;
}
/** The notice an action sends: to the party whose move it is now (topic service.<event>). */
export interface Told {
  event: string;
  to: Party | 'both';
  body?: Record<string, unknown>;
}
export interface Rule<A extends ActionBase = ActionBase> {
  /** Who may act; 'either' = each party (due dates are agreed between them). */
  party: Party | 'either';
  roles?: string[];
  /** The kind of its fact, for the back-dating window (terms statedTimes.backdateHours). */
  kind: string;
  check(s: ServiceRequestState, a: A, c: Ctx): void;
  fact(s: ServiceRequestState, a: A): { type: string; detail: Record<string, unknown>; clause?: string };
  apply(s: ServiceRequestState, a: A, f: Fact, c: Ctx): Told | null;
}

const iso = (ms: number) => new Date(ms).toISOString();
const refuse = (code: string, message: string, clause: string) =>
  ruleViolation(code, `${message} (clause ${clause})`, clause);
const open = (s: ServiceRequestState) => {
  if (isSettled(s)) throw refuse('REQUEST_CLOSED', `service request ${s.requestId} is ${s.status}`, s.clause);
};
const undelivered = (s: ServiceRequestState) => {
  open(s);
  if (pendingDelivery(s)) throw refuse('DELIVERY_PENDING', 'a delivery awaits the hospital’s review', s.clause);
};
const text = (v: unknown, field: string, clause: string) => {
  if (typeof v !== 'string' || !v.trim()) throw invalidInput(field, `${field} is required (clause ${clause})`, clause);
};
/** A delivery's evidence: one or more stored documents in the one citation shape (the API checks them against the store). */
const citations = (evidence: unknown, clause: string) => {
  if (!Array.isArray(evidence) || evidence.length === 0)
    throw invalidInput('evidence', `a delivery carries its evidence as stored documents (clause ${clause})`, clause);
  evidence.forEach((e: Partial<DocumentCitation> | null, i) => {
    if (typeof e?.documentRef !== 'string' || !CITATION_REF.test(e.documentRef))
      throw invalidInput(
        `evidence.${i}.documentRef`,
        `evidence.${i}.documentRef must be <documentId>@<version> of a stored document (clause ${clause})`,
        clause,
      );
    if (typeof e.sha256 !== 'string' || !CITATION_SHA256.test(e.sha256))
      throw invalidInput(
        `evidence.${i}.sha256`,
        `evidence.${i}.sha256 must be 64 hex characters (clause ${clause})`,
        clause,
      );
  });
};
const by = (a: { actor: { name: string } }, f: Fact) => ({ by: a.actor.name, at: iso(f.occurredAt) });

export const RULES: { [K in ServiceAction]: Rule<ServiceArgs[K]> } = {
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
    check(s, a) {
      undelivered(s);
      if (!s.due) throw refuse('DUE_NOT_AGREED', 'the due date is not agreed yet', s.clause);
      if (!s.acknowledged) throw refuse('NOT_ACKNOWLEDGED', 'acknowledge the request before delivering', s.clause);
      citations(a.evidence, s.clause);
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
  // 5.4: personalisation is free unless both parties agree the change is large.
  claimLargeChange: {
    party: 'vendor',
    kind: 'serviceLargeChange',
    check(s, a) {
      open(s);
      if (s.clause !== '5.4')
        throw refuse(
          'NOT_PERSONALISATION',
          `only a personalisation request (5.4) can be claimed large, this is ${s.clause}`,
          '5.4',
        );
      if (s.largeChange)
        throw refuse(
          'LARGE_CHANGE_CLAIMED',
          `a large-change claim was already made (${s.largeChange.decision?.outcome ?? 'open'})`,
          '5.4',
        );
      text(a.reason, 'reason', '5.4');
    },
    fact: (s, a) => ({ type: 'large-change.claimed', detail: { reason: a.reason }, clause: '5.4' }),
    apply(s, a, f) {
      s.largeChange = { claimedBy: a.actor.name, claimedAt: iso(f.occurredAt), reason: a.reason, factSeq: f.seq };
      return { event: 'large-change-claimed', to: 'hospital', body: { reason: a.reason } };
    },
  },
  decideLargeChange: {
    party: 'hospital',
    roles: ['hospital-approver'],
    kind: 'serviceLargeChange',
    check(s, a) {
      open(s);
      if (!s.largeChange || s.largeChange.decision)
        throw refuse('NO_LARGE_CHANGE_CLAIM', 'no large-change claim is open', '5.4');
      if (a.decision !== 'agree' && a.decision !== 'contest')
        throw invalidInput('decision', 'decision must be agree or contest', '5.4');
      text(a.reason, 'reason', '5.4');
      if (a.decision === 'agree') text(a.separateTerms, 'separateTerms', '5.4');
    },
    fact: (s, a) => ({
      type: a.decision === 'agree' ? 'large-change.agreed' : 'large-change.contested',
      detail: { reason: a.reason, separateTerms: a.separateTerms ?? null },
      clause: '5.4',
    }),
    apply(s, a, f) {
      const outcome = a.decision === 'agree' ? 'agreed' : 'contested';
      s.largeChange!.decision = { outcome, ...by(a, f), reason: a.reason, separateTerms: a.separateTerms };
      return { event: 'large-change-decided', to: 'vendor', body: { outcome, reason: a.reason } };
    },
  },
  // 6.5: the approver chooses the rate by the loss caused, within the contract's range.
  priceBreach: {
    party: 'hospital',
    roles: ['hospital-approver'],
    kind: 'serviceBreachPricing',
    check(s, a, c) {
      if (!s.breach || s.breach.priced || s.breach.superseded)
        throw refuse('NO_UNPRICED_BREACH', "there is no breach awaiting the approver's rate", '6.5');
      try {
        otherCommitmentPenalty(c.amountFen, a.ratePercent, '6.5', c.terms);
      } catch (e) {
        throw invalidInput('ratePercent', (e as Error).message, '6.5');
      }
    },
    fact: (s, a) => ({ type: 'breach.priced', detail: { ratePercent: a.ratePercent }, clause: '6.5' }),
    apply(s, a, f, c) {
      const p = otherCommitmentPenalty(c.amountFen, a.ratePercent, '6.5', c.terms);
      Object.assign(s.breach!, {
        priced: true,
        penaltyFen: formatFen(p.amountFen),
        basis: p.basis,
        reading: p.reading,
      });
      return null; // the ledger's proposal tells the approver and the vendor (penalty.proposed)
    },
  },
};

/** Role checks repeated inside validators, so a client other than the API is held to them too. */
export function checkActor(rule: Rule<never>, actor: { role: string }, clause: string): void {
  const party = partyOf(actor.role);
  const allowed =
    rule.roles ??
    (rule.party === 'vendor'
      ? ['vendor-engineer']
      : rule.party === 'hospital'
        ? ['hospital-operator', 'hospital-approver']
        : ['vendor-engineer', 'hospital-operator', 'hospital-approver']);
  if (!allowed.includes(actor.role) || (rule.party !== 'either' && party !== rule.party))
    throw forbiddenAction(`this action is for ${allowed.join(' or ')} (clause ${clause})`, clause);
}
