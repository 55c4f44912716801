import { addYearsMs } from '../../src/domain/contract-year';
import {
  acceptedYearConclusions,
  onboardedExtensions,
  releasedPayments,
  type AcceptedYearFact,
} from '../../src/domain/onboarding-years';

// Issue 10 item 4: the years entered as accepted (3, 8) and the payments they release (10).
const SIGNED = Date.parse('2023-03-01T10:00:00+08:00');
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const E1 = addYearsMs(SIGNED, 1);
const pass = (sub: number, dec: number) => ({
  submittedAt: iso(sub),
  decidedAt: iso(dec),
  outcome: 'pass' as const,
  hospitalSignatory: 'h',
  vendorSignatory: 'v',
});
const fail = (sub: number, dec: number) => ({
  submittedAt: iso(sub),
  decidedAt: iso(dec),
  outcome: 'fail' as const,
  reasons: ['r'],
});
const FEES = ['100', '200', '300'];

describe('years entered as accepted', () => {
  it('when year 1 passed at once, then year 2 runs on the signing calendar and its fee is released at the pass', () => {
    const years: AcceptedYearFact[] = [{ year: 1, rounds: [pass(E1 + DAY, E1 + 2 * DAY)] }];
    expect(onboardedExtensions(SIGNED, years)).toEqual([]);
    expect(acceptedYearConclusions(SIGNED, years)).toEqual([
      {
        year: 1,
        startAt: iso(SIGNED),
        endedAt: iso(E1),
        status: 'passed',
        failedRounds: 0,
        passedAt: iso(E1 + 2 * DAY),
      },
    ]);
    expect(releasedPayments(SIGNED, years, FEES, 3, [{ year: 2, paidAt: iso(E1 + 5 * DAY) }]).slice(1)).toEqual([
      expect.objectContaining({ year: 2, amountFen: '200', releasedAt: iso(E1 + 2 * DAY), paidAt: iso(E1 + 5 * DAY) }),
    ]);
  });

  it('when year 1 failed then passed 40 days after its end, then year 2 counts from the pass (clause 3)', () => {
    const p1 = E1 + 40 * DAY;
    const years: AcceptedYearFact[] = [
      { year: 1, rounds: [fail(E1 + DAY, E1 + 3 * DAY), pass(E1 + 10 * DAY, p1)] },
      { year: 2, rounds: [pass(addYearsMs(p1, 1) + DAY, addYearsMs(p1, 1) + 2 * DAY)] },
    ];
    expect(onboardedExtensions(SIGNED, years)).toEqual([{ contractYear: 1, untilMs: p1 }]);
    const [y1, y2] = acceptedYearConclusions(SIGNED, years);
    expect(y1).toMatchObject({ failedRounds: 1, extendedUntil: iso(p1), passedAt: iso(p1) });
    expect(y2).toMatchObject({ startAt: iso(p1), endedAt: iso(addYearsMs(p1, 1)), status: 'passed' });
    expect(releasedPayments(SIGNED, years, FEES, 3, []).map((p) => [p.year, p.amountFen, p.paidAt])).toEqual([
      [1, '100', null],
      [2, '200', null],
      [3, '300', null],
    ]);
  });

  it('when year 1 is still failed, then its extension is open and no later fee is released', () => {
    const years: AcceptedYearFact[] = [{ year: 1, rounds: [fail(E1 + DAY, E1 + 3 * DAY)] }];
    expect(onboardedExtensions(SIGNED, years)).toEqual([{ contractYear: 1, untilMs: null }]);
    expect(acceptedYearConclusions(SIGNED, years)[0]).toMatchObject({ status: 'failed', extendedUntil: null });
    expect(releasedPayments(SIGNED, years, FEES, 3, []).map((p) => p.year)).toEqual([1]);
  });

  it('when deductions were confirmed in the year, then the next fee is released less them (clause 10)', () => {
    const years: AcceptedYearFact[] = [{ year: 1, rounds: [pass(E1 + DAY, E1 + 2 * DAY)] }];
    expect(releasedPayments(SIGNED, years, FEES, 3, [], () => 50n)[1].amountFen).toBe('150');
  });
});
