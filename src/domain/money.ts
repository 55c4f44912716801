// Money is integer fen (1 CNY = 100 fen) as bigint in code and a decimal string in JSON
// and workflow payloads (engineering.md rule 9). Rates are exact fractions so that a
// penalty is rounded exactly once, half up, per item.
import { ValidationError } from './errors';

export type Fen = bigint;

/** An exact non-negative fraction num/den (den > 0). */
export interface Rate {
  num: bigint;
  den: bigint;
}

const INTEGER = /^-?\d+$/;
const DECIMAL = /^\d+(\.\d+)?$/;

/** Parse fen from a JSON string (or a safe integer number). Rejects fractions of a fen. */
export function parseFen(value: string | number | bigint, field = 'amountFen', allowNegative = false): Fen {
  let fen: bigint;
  if (typeof value === 'bigint') fen = value;
  else if (typeof value === 'number') {
    if (!Number.isSafeInteger(value))
      throw new ValidationError('INVALID_FEN', `${field} must be an integer number of fen, got ${value}`, { field });
    fen = BigInt(value);
  } else {
    const s = value.trim();
    if (!INTEGER.test(s))
      throw new ValidationError(
        'INVALID_FEN',
        `${field} must be an integer number of fen as a string, got "${value}"`,
        { field },
      );
    fen = BigInt(s);
  }
  if (!allowNegative && fen < 0n)
    throw new ValidationError('NEGATIVE_FEN', `${field} must not be negative, got ${fen}`, { field });
  return fen;
}

/** Fen to its JSON form: a plain decimal integer string. */
export function formatFen(fen: Fen): string {
  return fen.toString();
}

/** Human form for messages and penalty bases: "CNY 1,234,567.89". */
export function formatCny(fen: Fen): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const yuan = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}CNY ${yuan}.${cents}`;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

/** A reduced fraction; den must be positive and num non-negative. */
export function rate(num: bigint, den: bigint): Rate {
  if (den <= 0n || num < 0n)
    throw new ValidationError(
      'INVALID_RATE',
      `a rate must be a non-negative fraction with a positive denominator, got ${num}/${den}`,
      { field: 'rate' },
    );
  const g = gcd(num, den) || 1n;
  return { num: num / g, den: den / g };
}

/** Parse "0.3" (a plain non-negative decimal) into an exact fraction, without floats. */
export function parseDecimal(text: string, field = 'rate'): Rate {
  const s = text.trim();
  if (!DECIMAL.test(s))
    throw new ValidationError('INVALID_RATE', `${field} must be a non-negative decimal such as "0.3", got "${text}"`, {
      field,
    });
  const [whole, frac = ''] = s.split('.');
  return rate(BigInt(whole + frac), 10n ** BigInt(frac.length));
}

/** percent('0.3') = 0.3% = 3/1000. */
export function percent(text: string): Rate {
  const r = parseDecimal(text);
  return rate(r.num, r.den * 100n);
}

/** permille('3') = 3‰ = 3/1000 (the Chinese text of 6.3 and 6.5 uses ‰). */
export function permille(text: string): Rate {
  const r = parseDecimal(text);
  return rate(r.num, r.den * 1000n);
}

export function compareRates(a: Rate, b: Rate): -1 | 0 | 1 {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** A rate as a percent string for messages, e.g. 3/1000 -> "0.3%". Exact when possible. */
export function formatPercent(r: Rate): string {
  const scaled = r.num * 100n;
  // Up to 6 decimals of a percent is plenty for the contract's rates (0.01% .. 20%).
  const micro = (scaled * 1_000_000n) / r.den;
  const whole = micro / 1_000_000n;
  const frac = (micro % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '');
  return `${whole}${frac ? '.' + frac : ''}%`;
}

/**
 * amount × rate × multiplier, rounded HALF UP exactly once (engineering.md rule 9): a
 * penalty of 15 days at 0.3% is 15 × 0.3% of the amount rounded once, not 15 rounded days.
 */
export function applyRate(amount: Fen, r: Rate, multiplier = 1n): Fen {
  if (amount < 0n || multiplier < 0n)
    throw new ValidationError('NEGATIVE_AMOUNT', 'applyRate needs a non-negative amount and multiplier', {
      field: 'amountFen',
    });
  const n = amount * r.num * multiplier;
  return (2n * n + r.den) / (2n * r.den);
}
