import { ValidationError } from '../../../src/domain/errors';
import { FAULT_LEVEL_DESCRIPTIONS, faultDeadlines } from '../../../src/domain/faults';
import { defaultTerms } from '../../../src/domain/terms';
import { resolveTerms } from '../../../src/domain/terms-schema';

const T = Date.parse('2025-10-01T03:00:00+08:00'); // a holiday: calendar time still runs
const MIN = 60_000;
const H = 60 * MIN;
const terms = defaultTerms();

describe('faultDeadlines', () => {
  it.each<[1 | 2 | 3 | 4 | 5, boolean, string[], number]>([
    [1, false, ['response', 'analysis', 'onsite', 'replacement'], 15 * MIN], // levels 1-2 always affect operations
    [2, false, ['response', 'analysis', 'onsite', 'replacement'], 30 * MIN],
    [3, false, ['response'], 2 * H],
    [3, true, ['response', 'onsite', 'replacement'], 2 * H],
    [4, true, ['response', 'onsite', 'replacement'], 4 * H],
    [5, false, ['response'], 6 * H],
  ])(
    'when a level %p fault (affects operations: %p) is reported, then deadlines are %p with response after %p ms',
    (level, affects, kinds, responseMs) => {
      const ds = faultDeadlines(T, level, affects, terms);
      expect(ds.map((d) => d.kind)).toEqual(kinds);
      expect(ds[0]).toMatchObject({ dueMs: T + responseMs, clause: '4.9.4' });
    },
  );

  it('when a level 1 fault is reported, then onsite is 12 h, replacement 24 h, analysis 24 h, all clause 4.9.2', () => {
    const byKind = Object.fromEntries(faultDeadlines(T, 1, true, terms).map((d) => [d.kind, d]));
    expect(byKind.onsite).toMatchObject({ dueMs: T + 12 * H, clause: '4.9.2' });
    expect(byKind.replacement).toMatchObject({ dueMs: T + 24 * H, clause: '4.9.2' });
    expect(byKind.analysis).toMatchObject({ dueMs: T + 24 * H, clause: '4.9.2' });
  });

  it('when warnings are at 50% and 80%, then a 15 min response warns at 7.5 and 12 min', () => {
    expect(faultDeadlines(T, 1, true, terms)[0]!.warnAtMs).toEqual([T + 7.5 * MIN, T + 12 * MIN]);
  });

  it('when the onsite clock is the response and no response yet, then onsite deadlines wait', () => {
    const t = resolveTerms({ faults: { onsiteClock: 'response' } });
    expect(faultDeadlines(T, 3, true, t).map((d) => d.kind)).toEqual(['response']);
    const withResponse = faultDeadlines(T, 3, true, t, T + H);
    expect(withResponse.find((d) => d.kind === 'onsite')).toMatchObject({
      dueMs: T + 13 * H,
      reading: expect.stringContaining('response'),
    });
  });

  it.each([[0], [6], [2.5]])('when the level is %p, then it is rejected citing 4.9.3', (level) => {
    expect(() => faultDeadlines(T, level as 1, true, terms)).toThrow(ValidationError);
    expect(() => faultDeadlines(T, level as 1, true, terms)).toThrow(expect.objectContaining({ clause: '4.9.3' }));
  });

  it('when levels are described, then all five have English and Chinese text', () => {
    expect(Object.keys(FAULT_LEVEL_DESCRIPTIONS)).toEqual(['1', '2', '3', '4', '5']);
    expect(FAULT_LEVEL_DESCRIPTIONS[1].zh).toContain('瘫痪');
  });
});
