// The rules beyond the work itself: 5.4's large-change claim (personalisation is free unless both
// parties agree the change is large) and 6.5's pricing of a breach by the approver's rate.
import { otherCommitmentPenalty } from '../../domain/penalties';
import { formatFen } from '../../domain/money';
import { invalidInput } from '../failures';
import { type RulesOf, by, iso, open, refuse, text } from './rule-kit';

export const CHANGE_RULES: RulesOf<'claimLargeChange' | 'decideLargeChange' | 'priceBreach'> = {
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
        basisTemplate: p.basisTemplate,
        reading: p.reading,
      });
      return null; // the ledger's proposal tells the approver and the vendor (penalty.proposed)
    },
  },
};
