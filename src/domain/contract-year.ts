// Contract years (clause 3): year N runs from signing + (N-1) years, measured on the
// Asia/Shanghai calendar (same date and time of day; 02-29 clamps to 02-28). A failed yearly
// acceptance extends year N until acceptance passes, and the remaining years count from the
// passing date ("维保时间延续至验收合格开始计算"), so every later year shifts with it.
import { ValidationError } from './errors';
import { addMonths, shanghaiDate, startOfShanghaiDay } from './time';

export interface TermExtension {
  /** The contract year whose acceptance failed. */
  contractYear: number;
  /** Epoch ms of the passing acceptance that ends the extended year; null while still open. */
  untilMs: number | null;
}

export interface ContractYearSpan {
  year: number;
  startMs: number;
  /** Exclusive end; null when an open extension keeps the year running. */
  endMs: number | null;
  extended: boolean;
}

/** The same Shanghai date and time of day, n years later (Feb 29 clamps to Feb 28). */
export function addYearsMs(ms: number, n: number): number {
  const date = shanghaiDate(ms);
  const timeOfDay = ms - startOfShanghaiDay(date);
  return startOfShanghaiDay(addMonths(date, 12 * n)) + timeOfDay;
}

function checkExtensions(extensions: readonly TermExtension[]): Map<number, number | null> {
  const byYear = new Map<number, number | null>();
  for (const e of extensions) {
    if (!Number.isInteger(e.contractYear) || e.contractYear < 1)
      throw new ValidationError(
        'INVALID_EXTENSION',
        `an extension names contract year ${e.contractYear}; years start at 1 (clause 3)`,
        { field: 'extensions.contractYear', clause: '3' },
      );
    byYear.set(e.contractYear, e.untilMs);
  }
  return byYear;
}

/** Start and end of contract year `year`, applying the extensions of earlier years. */
export function contractYearSpan(
  signedAtMs: number,
  year: number,
  extensions: readonly TermExtension[] = [],
): ContractYearSpan {
  if (!Number.isInteger(year) || year < 1)
    throw new ValidationError(
      'INVALID_CONTRACT_YEAR',
      `contract year must be an integer >= 1, got ${year} (clause 3)`,
      { field: 'contractYear', clause: '3' },
    );
  const ext = checkExtensions(extensions);
  let startMs = signedAtMs;
  for (let y = 1; ; y++) {
    const nominalEnd = addYearsMs(startMs, 1);
    const extended = ext.has(y);
    const until = ext.get(y);
    // An extension never shortens a year: acceptance passing early keeps the nominal end.
    const endMs = extended ? (until === null || until === undefined ? null : Math.max(until, nominalEnd)) : nominalEnd;
    if (y === year) return { year, startMs, endMs, extended };
    if (endMs === null)
      throw new ValidationError(
        'YEAR_NOT_STARTED',
        `contract year ${year} has not started: year ${y} is extended until its acceptance passes (clause 3)`,
        { field: 'contractYear', clause: '3' },
      );
    startMs = endMs;
  }
}

/**
 * The contract year (1, 2, ...) an instant falls in. Instants before signing are refused
 * (no contract year, clause 3); instants after the term give years beyond termYears, which
 * callers compare with the term themselves.
 */
export function contractYearOf(signedAtMs: number, atMs: number, extensions: readonly TermExtension[] = []): number {
  if (!Number.isFinite(signedAtMs) || !Number.isFinite(atMs))
    throw new ValidationError('INVALID_INSTANT', 'signedAt and the fact time must be valid instants', { field: 'at' });
  if (atMs < signedAtMs)
    throw new ValidationError(
      'BEFORE_SIGNING',
      `${new Date(atMs).toISOString()} is before the contract was signed (${new Date(signedAtMs).toISOString()}); contract years start at signing (clause 3)`,
      { field: 'at', clause: '3' },
    );
  const ext = checkExtensions(extensions);
  let startMs = signedAtMs;
  // Bounded: a fact 1000 years after signing is a data error, not a contract year.
  for (let y = 1; y <= 1000; y++) {
    const nominalEnd = addYearsMs(startMs, 1);
    const until = ext.get(y);
    if (ext.has(y) && (until === null || until === undefined)) return y; // open extension: still year y
    const endMs = ext.has(y) ? Math.max(until as number, nominalEnd) : nominalEnd;
    if (atMs < endMs) return y;
    startMs = endMs;
  }
  throw new ValidationError('INVALID_INSTANT', 'the fact time is more than 1000 years after signing', {
    field: 'at',
    clause: '3',
  });
}

/** Exclusive end of the term (end of year termYears), or null while an extension is open. */
export function termEndMs(
  signedAtMs: number,
  termYears: number,
  extensions: readonly TermExtension[] = [],
): number | null {
  // The latest row of each year wins: a failed year's open row is closed by its pass.
  const open = [...checkExtensions(extensions)].some(([year, until]) => year <= termYears && until === null);
  return open ? null : contractYearSpan(signedAtMs, termYears, extensions).endMs;
}
