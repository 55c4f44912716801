import { defaultTerms } from '../../../src/domain';
import { rectificationRightsAtMs } from '../../../src/domain/obligations';
import type { Fact } from '../../../src/workflows/kernel/facts';
import {
  breachProposal,
  contractEndedVisibility,
  rightsEventOf,
} from '../../../src/workflows/obligations/dongle-duties';
import { enterOnboarded as enterDongle, initialDongleState } from '../../../src/workflows/obligations/dongle-past';
import { amendGoLiveDate, enterOnboarded as enterGoLive } from '../../../src/workflows/obligations/go-live-changes';
import { periodProposal, periodSupersededCause } from '../../../src/workflows/obligations/go-live-duties';
import { initialGoLiveState } from '../../../src/workflows/obligations/go-live-rules';
import type { RectificationItem } from '../../../src/workflows/obligations/rectification-messages';
import { contractEndNotice } from '../../../src/workflows/obligations/rectification-duties';
import { rightsChange } from '../../../src/workflows/obligations/rectification-rights';
import { pastRecorder } from '../../../src/workflows/obligations/rectification-past';
import { initialRectificationState } from '../../../src/workflows/obligations/rectification-rules';

// What the signing obligations' workflows carry out, as pure functions of their state (issue 10
// item 1: the workflow file is wiring): the verdict's change of state and the effect it asks for.
const terms = defaultTerms();
const iso = (ms: number) => new Date(ms).toISOString();
const item = (o: Partial<RectificationItem> = {}): RectificationItem => ({
  itemId: 'I1',
  description: 'x',
  dueDate: '2026-04-01',
  status: 'open',
  daysLate: 0,
  penaltyFen: '0',
  rightsEventRaised: false,
  ...o,
});

describe('rectification (6.3): the 30-day right carried out', () => {
  const mark = rectificationRightsAtMs('2026-04-01', terms);
  it('when the verdict is unchanged, then the item stays as it is and nothing is asked', () => {
    const it = item();
    expect(rightsChange('C-1', it, 'unchanged', terms, () => ({ seq: 1 }))).toBeNull();
    expect(it.rightsEventRaised).toBe(false);
  });
  it('when the verdict is raise, then the item is marked and the terminate event asked with its key', () => {
    const it = item();
    const r = rightsChange('C-1', it, 'raise', terms, () => ({ seq: 1 }));
    expect(it.rightsEventRaised).toBe(true);
    expect(r).toMatchObject({ raise: { key: 'C-1:rectification:I1:30-days', right: 'terminate', clause: '6.3' } });
  });
  it('when a raised right is withdrawn, then the superseding fact is recorded once and a later raise takes a new key', () => {
    const it = item({ status: 'done', doneClaimedAt: iso(mark - 1), rightsEventRaised: true });
    let recorded = 0;
    const r = rightsChange('C-1', it, 'withdraw', terms, () => ({ seq: 7 + recorded++ }));
    expect(recorded).toBe(1);
    expect(r).toEqual({
      withdraw: { key: 'C-1:rectification:I1:30-days', cause: expect.stringContaining('superseded by fact 7') },
    });
    expect(it).toMatchObject({ rightsEventRaised: false, rightsWithdrawn: ['C-1:rectification:I1:30-days'] });
    expect(rightsChange('C-1', it, 'raise', terms, () => ({ seq: 9 }))).toMatchObject({
      raise: { key: 'C-1:rectification:I1:30-days@1' },
    });
  });
  it('when the contract ends, then the notice names each item’s standing and the plan’s breach', () => {
    const s = {
      ...initialRectificationState({ contractId: 'C-1', signedAt: iso(0) }),
      items: [item({ status: 'open', daysLate: 3, penaltyFen: '300' })],
    };
    expect(contractEndNotice(s)).toEqual({
      items: [{ itemId: 'I1', status: 'open', daysLate: 3, penaltyFen: '300' }],
      planBreach: s.planBreach,
    });
  });
  it('when facts are entered at onboarding, then the plan is stated for the vendor and the rest for the hospital (6.3)', () => {
    const seen: unknown[] = [];
    const fact = (...args: unknown[]) => {
      seen.push(args);
      return { seq: seen.length } as Fact;
    };
    const by = { name: 'admin-zhao', role: 'admin' };
    const record = pastRecorder(fact, by);
    record('plan.submit', { items: 1 }, 1000);
    record('item.confirm', {}, 2000);
    expect(seen).toEqual([
      [by, 'plan.submit', { items: 1 }, '6.3', { occurredAt: 1000, statedBy: 'vendor', onBehalfOf: 'vendor' }],
      [by, 'item.confirm', {}, '6.3', { occurredAt: 2000, statedBy: 'hospital', onBehalfOf: 'hospital' }],
    ]);
  });
});

const facts: { type: string; detail: Record<string, unknown>; time?: unknown }[] = [];
const record = (type: string, detail: Record<string, unknown>, ...rest: unknown[]): Fact => {
  const time = rest[rest.length - 1] as { occurredAt?: number } | undefined;
  facts.push({ type, detail, time });
  return { seq: facts.length, occurredAt: time?.occurredAt ?? 0 } as Fact;
};
beforeEach(() => (facts.length = 0));

describe('go-live (6.3): amendments and onboarded facts', () => {
  const goLive = () => initialGoLiveState({ contractId: 'C-1', goLiveDate: '2026-06-01' });
  it('when the date is amended, then a pending extension is superseded and the deadline is the new date', () => {
    const s = goLive();
    s.extension = { requestedAt: iso(0), by: 'wang', newDate: '2026-06-20', reason: 'r', status: 'pending' };
    amendGoLiveDate(s, { goLiveDate: '2026-07-01', termsVersion: 3 }, 5000, terms, record);
    expect(s).toMatchObject({ goLiveDate: '2026-07-01', deadlineDate: '2026-07-01', extension: null });
    expect(s.supersededExtensions).toEqual([expect.objectContaining({ status: 'superseded', newDate: '2026-06-20' })]);
    expect(s.amendments).toEqual([{ at: iso(5000), termsVersion: 3, from: '2026-06-01', to: '2026-07-01' }]);
    expect(facts.map((f) => f.type)).toEqual(['golive.amend']);
  });
  it('when the same date comes again, or after go-live, then nothing is recorded; a removed date records its fact only', () => {
    const s = goLive();
    amendGoLiveDate(s, { goLiveDate: '2026-06-01', termsVersion: 2 }, 1, terms, record);
    amendGoLiveDate({ ...goLive(), liveAt: iso(0) }, { goLiveDate: '2026-08-01', termsVersion: 2 }, 1, terms, record);
    expect(facts).toEqual([]);
    amendGoLiveDate(s, { goLiveDate: null, termsVersion: 4 }, 1, terms, record);
    expect(facts.map((f) => f.type)).toEqual(['golive.date-removed']);
    expect(s.deadlineDate).toBe('2026-06-01');
  });
  it('when an approved extension and go-live are entered at onboarding, then the deadline moves and each is the right party’s', () => {
    const s = goLive();
    const extension = {
      requestedAt: '2026-05-20T02:00:00.000Z',
      newDate: '2026-06-25' as const,
      reason: 'r',
      decidedAt: '2026-05-21T02:00:00.000Z',
      approved: true,
    };
    enterGoLive(s, { extension, liveAt: '2026-06-24T02:00:00.000Z' }, 'admin-zhao', record);
    expect(facts.map((f) => [f.type, (f.time as { statedBy: string }).statedBy])).toEqual([
      ['extension.request', 'vendor'],
      ['extension.approve', 'hospital'],
      ['golive.record', 'hospital'],
    ]);
    expect(s).toMatchObject({ deadlineDate: '2026-06-25', liveAt: '2026-06-24T02:00:00.000Z', liveFactSeq: 3 });
    expect(s.extension).toMatchObject({
      status: 'approved',
      by: 'admin-zhao',
      decidedBy: 'admin-zhao',
      requestedAt: extension.requestedAt,
      decidedAt: extension.decidedAt,
    });
  });
  it('when period 2 is charged, then its proposal is dated when it began and says how late it is past the deadline', () => {
    const s = { ...goLive(), liveFactSeq: 4, liveAt: iso(0) };
    const p = periodProposal(s, 2, Date.parse('2026-06-15T16:00:00Z'), { amountFen: 500n, basis: 'b' }, 7);
    expect(p).toEqual({
      clause: '6.3',
      termsVersion: 7,
      fact: 'go-live not recorded by 2026-06-01: period 2 late',
      dueAt: '2026-06-01T16:00:00.000Z',
      lateByMs: 14 * 86_400_000,
      amountFen: '500',
      basis: 'b',
      occurredAt: '2026-06-15T16:00:00.000Z',
    });
    expect(periodSupersededCause(s, 2)).toContain('superseded by fact 4');
  });
});

describe('dongle (4.10, 6.6): onboarded facts and what a breach proposes', () => {
  it('when a declaration and its verification are entered at onboarding, then they are the vendor’s and the hospital’s', () => {
    const s = initialDongleState({ contractId: 'C-1' });
    enterDongle(s, { declaredAt: '2026-03-05T02:00:00.000Z', verifiedAt: '2026-03-06T02:00:00.000Z' }, 'admin', record);
    expect(facts.map((f) => [f.type, (f.time as { statedBy: string }).statedBy])).toEqual([
      ['removal.declare', 'vendor'],
      ['removal.verify', 'hospital'],
    ]);
    expect(s.declarations).toEqual([
      expect.objectContaining({
        at: '2026-03-05T02:00:00.000Z',
        by: 'admin',
        factSeq: 1,
        verification: expect.objectContaining({ factSeq: 2, accepted: true }),
      }),
    ]);
  });
  it('when a breach is proposed, then it is the fixed 6.6 sum at its instant with the demand-payments-back event', () => {
    const s = initialDongleState({ contractId: 'C-1' });
    expect(breachProposal(s, 'found', 1000, terms, 2)).toMatchObject({
      clause: '6.6',
      termsVersion: 2,
      amountFen: terms.penalties.dongleFen,
      occurredAt: iso(1000),
    });
    expect(rightsEventOf('C-1', 'k', 'finding:F1', terms)).toEqual({
      key: 'k',
      contractId: 'C-1',
      right: 'demand-payments-back',
      clause: '6.6',
      numbers: { penaltyFen: terms.penalties.dongleFen, event: 'finding:F1' },
    });
    expect(contractEndedVisibility({ ...s, deadlineMissed: true })).toEqual({
      status: 'contract-ended',
      awaiting: 'none',
      breached: true,
      nextDeadlineMs: null,
    });
  });
});
