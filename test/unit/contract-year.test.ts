import { addYearsMs, contractYearOf, contractYearSpan, termEndMs } from '../../src/domain/contract-year';
import { ValidationError } from '../../src/domain/errors';

const at = (iso: string) => Date.parse(iso);
const SIGNED = at('2025-01-02T09:00:00+08:00');

describe('contractYearOf', () => {
  it.each([
    ['the signing instant itself', '2025-01-02T09:00:00+08:00', 1],
    ['one minute before the first anniversary', '2026-01-02T08:59:00+08:00', 1],
    ['the first anniversary at the signing time of day', '2026-01-02T09:00:00+08:00', 2],
    ['the last instant of year 2', '2027-01-02T08:59:59.999+08:00', 2],
    ['the third anniversary (after the 3-year term)', '2028-01-02T09:00:00+08:00', 4],
    ['a UTC instant that is already the next Shanghai day', '2026-01-02T01:00:00Z', 2],
  ])('when the fact is %s (%s), then it falls in contract year %d', (_what, iso, year) => {
    expect(contractYearOf(SIGNED, at(iso))).toBe(year);
  });

  it('when the contract was signed on 29 February, then the anniversary clamps to 28 February', () => {
    const leap = at('2024-02-29T10:00:00+08:00');
    expect(addYearsMs(leap, 1)).toBe(at('2025-02-28T10:00:00+08:00'));
    expect(contractYearOf(leap, at('2025-02-28T09:59:59+08:00'))).toBe(1);
    expect(contractYearOf(leap, at('2025-02-28T10:00:00+08:00'))).toBe(2);
  });

  it('when the fact is before signing, then it is a ValidationError citing clause 3', () => {
    expect(() => contractYearOf(SIGNED, SIGNED - 1)).toThrow(ValidationError);
    try {
      contractYearOf(SIGNED, SIGNED - 1);
    } catch (e) {
      expect((e as ValidationError).clause).toBe('3');
    }
  });

  it('when year 1 acceptance failed and passed two months late, then later years start at the passing date', () => {
    const passed = at('2026-03-02T15:00:00+08:00');
    const ext = [{ contractYear: 1, untilMs: passed }];
    expect(contractYearOf(SIGNED, at('2026-02-01T00:00:00+08:00'), ext)).toBe(1);
    expect(contractYearOf(SIGNED, passed, ext)).toBe(2);
    expect(contractYearOf(SIGNED, at('2027-03-02T14:59:00+08:00'), ext)).toBe(2);
    expect(contractYearOf(SIGNED, at('2027-03-02T15:00:00+08:00'), ext)).toBe(3);
    expect(termEndMs(SIGNED, 3, ext)).toBe(at('2028-03-02T15:00:00+08:00'));
  });

  it('when year 1 acceptance failed and has not passed yet, then every later fact is still year 1 and the term end is open', () => {
    const ext = [{ contractYear: 1, untilMs: null }];
    expect(contractYearOf(SIGNED, at('2027-06-01T00:00:00+08:00'), ext)).toBe(1);
    expect(termEndMs(SIGNED, 3, ext)).toBeNull();
    expect(() => contractYearSpan(SIGNED, 2, ext)).toThrow(/has not started/);
  });

  it('when an extension row is superseded by a later row for the same year, then the later row wins', () => {
    const passed = at('2026-02-02T09:00:00+08:00');
    const ext = [
      { contractYear: 1, untilMs: null },
      { contractYear: 1, untilMs: passed },
    ];
    expect(contractYearOf(SIGNED, passed, ext)).toBe(2);
  });

  it('when no extension applies, then the term of 3 years ends on the third anniversary', () => {
    expect(termEndMs(SIGNED, 3)).toBe(at('2028-01-02T09:00:00+08:00'));
    expect(contractYearSpan(SIGNED, 2)).toEqual({
      year: 2,
      startMs: at('2026-01-02T09:00:00+08:00'),
      endMs: at('2027-01-02T09:00:00+08:00'),
      extended: false,
    });
  });

  it('when a failed year is later passed, then its open row is superseded and the term end is known again', () => {
    const passedAt = at('2026-03-02T15:00:00+08:00');
    const ext = [
      { contractYear: 1, untilMs: null },
      { contractYear: 1, untilMs: passedAt },
    ];
    expect(termEndMs(SIGNED, 3, ext)).toBe(addYearsMs(passedAt, 2));
  });
});
