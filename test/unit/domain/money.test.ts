import {
  applyRate,
  compareRates,
  formatCny,
  formatFen,
  formatPercent,
  parseDecimal,
  parseFen,
  percent,
  permille,
  rate,
} from '../../../src/domain/money';
import { ValidationError } from '../../../src/domain/errors';

describe('parseFen', () => {
  it.each([
    ['123456789', 123456789n],
    [' 0 ', 0n],
    [42, 42n],
    [7n, 7n],
  ])('when given %p, then it is %p fen', (input, fen) => {
    expect(parseFen(input)).toBe(fen);
  });

  it.each([['12.5'], ['abc'], [''], [1.5], ['-1'], [-3]])(
    'when given %p, then it throws a ValidationError',
    (input) => {
      expect(() => parseFen(input)).toThrow(ValidationError);
    },
  );

  it('when negative is allowed, then "-5" parses', () => {
    expect(parseFen('-5', 'delta', true)).toBe(-5n);
  });

  it('when rejected, then the error names the field', () => {
    expect(() => parseFen('1.2', 'contractAmountFen')).toThrow(
      expect.objectContaining({ field: 'contractAmountFen', code: 'INVALID_FEN' }),
    );
  });
});

describe('formatting', () => {
  it.each([
    [123456789n, 'CNY 1,234,567.89'],
    [100000n, 'CNY 1,000.00'],
    [5n, 'CNY 0.05'],
    [0n, 'CNY 0.00'],
    [-150n, '-CNY 1.50'],
  ])('when %p fen is formatted, then it reads %p', (fen, text) => {
    expect(formatCny(fen)).toBe(text);
  });

  it('when fen is formatted for JSON, then it is a plain integer string', () => {
    expect(formatFen(123456789n)).toBe('123456789');
  });
});

describe('rates', () => {
  it.each([
    [percent('0.3'), { num: 3n, den: 1000n }],
    [percent('5'), { num: 1n, den: 20n }],
    [percent('0.01'), { num: 1n, den: 10000n }],
    [permille('3'), { num: 3n, den: 1000n }],
    [permille('0.1'), { num: 1n, den: 10000n }],
    [parseDecimal('0.25'), { num: 1n, den: 4n }],
  ])('when a rate is built, then it is the exact reduced fraction %#', (r, expected) => {
    expect(r).toEqual(expected);
  });

  it.each([['-1'], ['1e3'], ['0.1.2'], ['.5']])('when the decimal is %p, then it is rejected', (text) => {
    expect(() => percent(text)).toThrow(ValidationError);
  });

  it('when den is zero, then rate() is rejected', () => {
    expect(() => rate(1n, 0n)).toThrow(ValidationError);
  });

  it.each([
    [percent('0.01'), permille('0.1'), 0],
    [percent('0.1'), percent('0.01'), 1],
    [percent('3'), percent('5'), -1],
  ])('when comparing rates %#, then the result is %p', (a, b, c) => {
    expect(compareRates(a, b)).toBe(c);
  });

  it.each([
    [percent('0.3'), '0.3%'],
    [percent('5'), '5%'],
    [percent('0.01'), '0.01%'],
  ])('when a rate is shown, then it reads %p', (r, text) => {
    expect(formatPercent(r)).toBe(text);
  });
});

describe('applyRate rounds half up once', () => {
  it.each([
    // 0.3% of 123456789 = 370370.367 -> 370370
    [123456789n, percent('0.3'), 1n, 370370n],
    // 15 × 0.3% = 4.5% of 123456789 = 5555555.505 -> 5555556 (rounded once, not 15 × 370370)
    [123456789n, percent('0.3'), 15n, 5555556n],
    // 5% of 123456789 = 6172839.45 -> 6172839
    [123456789n, percent('5'), 1n, 6172839n],
    // exact half rounds up: 50% of 1 fen = 0.5 -> 1
    [1n, percent('50'), 1n, 1n],
    [3n, percent('50'), 1n, 2n],
    [0n, percent('3'), 1n, 0n],
  ])('when %p fen × %p × %p, then %p fen', (amount, r, mult, expected) => {
    expect(applyRate(amount, r, mult)).toBe(expected);
  });

  it('when the amount is negative, then it is rejected', () => {
    expect(() => applyRate(-1n, percent('1'))).toThrow(ValidationError);
  });
});
