import { ValidationError } from '../../../src/domain/errors';
import { crossedThresholds, rectificationRightEvent } from '../../../src/domain/thresholds';

const AMOUNT = 1_000_000n; // 5% = 50,000 fen; 20% = 200,000 fen

describe('crossedThresholds', () => {
  it.each<[bigint, bigint, string[]]>([
    [0n, 49_999n, []],
    [0n, 50_000n, []], // 6.4/6.5 超过: exactly 5% is not over
    [0n, 50_001n, ['6.4/6.5']],
    [50_001n, 60_000n, []], // already over: not told twice
    [100_000n, 199_999n, []],
    [100_000n, 200_000n, ['6.3']], // 6.3 达到…及以上: exactly 20% counts
    [0n, 200_000n, ['6.4/6.5', '6.3']],
    [200_000n, 250_000n, []],
  ])('when the confirmed total goes from %p to %p fen, then %p are newly crossed', (prev, next, clauses) => {
    expect(crossedThresholds(prev, next, AMOUNT).map((t) => t.clause)).toEqual(clauses);
  });

  it('when the 20% threshold is crossed, then the right is breach-terminate-refund', () => {
    expect(crossedThresholds(0n, 200_000n, AMOUNT)[1]).toMatchObject({
      right: 'breach-terminate-refund',
      comparison: 'reaching',
    });
  });

  it('when the amount has odd fen, then the edge is exact (5% of 123456789 = 6172839.45)', () => {
    expect(crossedThresholds(0n, 6_172_839n, 123456789n)).toEqual([]);
    expect(crossedThresholds(0n, 6_172_840n, 123456789n).map((t) => t.clause)).toEqual(['6.4/6.5']);
  });

  it('when the contract amount is zero, then it is rejected', () => {
    expect(() => crossedThresholds(0n, 1n, 0n)).toThrow(ValidationError);
  });
});

describe('rectificationRightEvent (6.3: more than 30 days late)', () => {
  it.each([
    [0, false],
    [30, false],
    [31, true],
  ])('when %p days late, then the right arises: %p', (days, arises) => {
    expect(rectificationRightEvent(days) !== null).toBe(arises);
  });

  it('when it arises, then it cites clause 6.3', () => {
    expect(rectificationRightEvent(31)).toMatchObject({ clause: '6.3', right: 'terminate' });
  });
});
