import { ValidationError } from '../../../src/domain/errors';
import { percent } from '../../../src/domain/money';
import {
  dongleFound,
  faultServicePenalty,
  goLivePenalty,
  goLivePeriods,
  otherCommitmentPenalty,
  rectificationLatePenalty,
  staffChangePenalty,
} from '../../../src/domain/penalties';
import { goLiveDaysLate } from '../../../src/domain/go-live';
import { resolveTerms } from '../../../src/domain/terms-schema';

const AMOUNT = 123456789n; // CNY 1,234,567.89: odd fen to exercise half-up rounding

describe('fixed-sum penalties', () => {
  it('when 4.1 or 4.9.2 is missed, then 6.2.1 charges CNY 1,000 per occurrence', () => {
    expect(faultServicePenalty()).toMatchObject({
      clause: '6.2.1',
      amountFen: 100000n,
      basis: expect.stringContaining('CNY 1,000.00'),
    });
  });

  it('when a dongle is found, then 6.6 charges CNY 50,000', () => {
    expect(dongleFound()).toMatchObject({
      clause: '6.6',
      amountFen: 5000000n,
      basis: expect.stringContaining('CNY 50,000.00'),
    });
  });

  it.each([
    [1, 100000n],
    [2, 200000n],
    [3, 300000n],
  ])('when %p engineer(s) change without notice, then 6.7 charges %p fen', (persons, fen) => {
    expect(staffChangePenalty(persons)).toMatchObject({ clause: '6.7', amountFen: fen });
  });

  it.each([[0], [-1], [1.5]])('when persons is %p, then 6.7 rejects it', (persons) => {
    expect(() => staffChangePenalty(persons)).toThrow(expect.objectContaining({ clause: '6.7' }));
  });
});

describe('other service commitments (6.5 within range, or 6.2.2)', () => {
  it.each([
    ['0.01', 12346n], // 12345.6789 -> 12346
    ['0.05', 61728n], // 61728.3945 -> 61728
    ['0.1', 123457n], // 123456.789 -> 123457
  ])('when the approver picks %p%%, then 6.5 charges %p fen', (rate, fen) => {
    const item = otherCommitmentPenalty(AMOUNT, rate, '6.5');
    expect(item).toMatchObject({ clause: '6.5', amountFen: fen, reading: expect.stringContaining('applied 6.5') });
  });

  it('when the rate is an exact fraction, then it is accepted too', () => {
    expect(otherCommitmentPenalty(AMOUNT, percent('0.1')).amountFen).toBe(123457n);
  });

  it.each([['0.005'], ['0.2'], ['3'], ['0']])(
    'when the approver picks %p%%, then it is out of range (clause 6.5)',
    (rate) => {
      expect(() => otherCommitmentPenalty(AMOUNT, rate, '6.5')).toThrow(ValidationError);
      expect(() => otherCommitmentPenalty(AMOUNT, rate, '6.5')).toThrow(
        expect.objectContaining({ code: 'RATE_OUT_OF_RANGE', clause: '6.5', field: 'rate' }),
      );
    },
  );

  it('when 6.5 is applied without a rate, then it is refused', () => {
    expect(() => otherCommitmentPenalty(AMOUNT, undefined, '6.5')).toThrow(
      expect.objectContaining({ code: 'RATE_REQUIRED' }),
    );
  });

  it('when the contract selects 6.2.2, then 3% is charged regardless of a rate', () => {
    // 3% of 123456789 = 3703703.67 -> 3703704
    expect(otherCommitmentPenalty(AMOUNT, undefined, '6.2.2')).toMatchObject({
      clause: '6.2.2',
      amountFen: 3703704n,
      reading: expect.stringContaining('applied 6.2.2'),
    });
  });
});

describe('rectification late (6.3: 0.3% per day, rounded once per item)', () => {
  it.each([
    [0, 0n],
    [1, 370370n], // 370370.367
    [15, 5555556n], // 15 × 0.3% = 4.5% -> 5555555.505 -> 5555556 (not 15 × 370370 = 5555550)
    [31, 11481481n], // 9.3% -> 11481481.377
  ])('when %p day(s) late, then %p fen', (days, fen) => {
    expect(rectificationLatePenalty(AMOUNT, days)).toMatchObject({ clause: '6.3', amountFen: fen });
  });

  it('when days are fractional, then it is rejected', () => {
    expect(() => rectificationLatePenalty(AMOUNT, 1.5)).toThrow(ValidationError);
  });

  it('when the contract amount is zero, then it is rejected', () => {
    expect(() => rectificationLatePenalty(0n, 1)).toThrow(expect.objectContaining({ field: 'contractAmountFen' }));
  });
});

describe('go-live late (6.3: 5% per 7 days after the extension)', () => {
  it.each<[number, 'completed' | 'started', number, bigint]>([
    [0, 'completed', 0, 0n],
    [6, 'completed', 0, 0n],
    [7, 'completed', 1, 6172839n], // 6172839.45
    [13, 'completed', 1, 6172839n],
    [14, 'completed', 2, 12345679n], // 12345678.9
    [1, 'started', 1, 6172839n],
    [7, 'started', 1, 6172839n],
    [8, 'started', 2, 12345679n],
  ])('when %p day(s) late counting %p periods, then %p period(s) and %p fen', (days, counting, periods, fen) => {
    expect(goLivePeriods(days, counting)).toBe(periods);
    const item = goLivePenalty(AMOUNT, days, counting);
    expect(item).toMatchObject({
      clause: '6.3',
      amountFen: fen,
      reading: expect.stringContaining(counting.toUpperCase()),
    });
  });

  it('when terms change the rate, then the terms are used', () => {
    const terms = resolveTerms({ penalties: { goLivePercentPerPeriod: '1' } });
    expect(goLivePenalty(10000n, 7, 'completed', terms).amountFen).toBe(100n);
  });
});

describe('goLiveDaysLate (6.3: deadline = go-live date + at most one month)', () => {
  it.each([
    ['2025-06-30', 0, '2025-06-30', 0],
    ['2025-06-30', 0, '2025-07-07', 7],
    ['2025-06-30', 1, '2025-07-30', 0],
    ['2025-06-30', 1, '2025-08-06', 7],
    ['2025-06-30', 1, '2025-07-01', 0],
  ])('when go-live %p extended %p month(s) happens on %p, then it is %p day(s) late', (date, ext, actual, late) => {
    expect(goLiveDaysLate(date, ext, actual)).toBe(late);
  });

  it('when the extension is over one month, then it is refused citing 6.3', () => {
    expect(() => goLiveDaysLate('2025-06-30', 2, '2025-09-30')).toThrow(
      expect.objectContaining({ code: 'EXTENSION_TOO_LONG', clause: '6.3' }),
    );
  });
});
