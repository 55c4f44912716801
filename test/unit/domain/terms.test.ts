import { ValidationError } from '../../../src/domain/errors';
import { appliedReadings } from '../../../src/domain/readings';
import { defaultTerms, mergeDeep, mergeTerms, TermsOverrides } from '../../../src/domain/terms';
import { resolveTerms } from '../../../src/domain/terms-schema';

describe('contract terms', () => {
  it('when nothing is overridden, then the defaults of clauses.md apply', () => {
    const t = resolveTerms();
    expect(t).toEqual(defaultTerms());
    expect(t.faults.responseMinutes).toEqual({ 1: 15, 2: 30, 3: 120, 4: 240, 5: 360 });
    expect(t.penalties).toMatchObject({
      faultServiceFen: '100000',
      otherCommitmentReading: '6.5',
      goLiveCounting: 'completed',
      dongleFen: '5000000',
    });
  });

  it('when one field of a section is overridden, then the rest of the section keeps its defaults', () => {
    const t = resolveTerms({ penalties: { otherCommitmentReading: '6.2.2' } });
    expect(t.penalties.otherCommitmentReading).toBe('6.2.2');
    expect(t.penalties.rectificationPerDayPercent).toBe('0.3');
  });

  // Issue 10 (kernel-rights item 5): the merge is deep; one key of a nested object keeps its siblings' defaults.
  it('when one back-dating window is overridden, then the other windows keep their defaults (care 168 h)', () => {
    const t = resolveTerms({ statedTimes: { backdateHours: { dongleDeclaration: 720 } } });
    expect(t.statedTimes).toEqual({
      ...defaultTerms().statedTimes,
      backdateHours: { ...defaultTerms().statedTimes.backdateHours, dongleDeclaration: 720 },
    });
    expect(t.statedTimes.backdateHours.careVisit).toBe(168);
    expect(mergeTerms({ statedTimes: { backdateHours: { dongleDeclaration: 720 } } })).toEqual(t);
  });
  it('when one level of the response deadlines is overridden, then the other levels keep theirs (4.9.4)', () => {
    expect(resolveTerms({ faults: { responseMinutes: { 1: 10 } } }).faults.responseMinutes).toEqual({
      1: 10,
      2: 30,
      3: 120,
      4: 240,
      5: 360,
    });
  });
  it('when a list is overridden, then it replaces the default list whole (arrays are not merged)', () => {
    expect(resolveTerms({ faults: { warningFractions: [0.9] } }).faults.warningFractions).toEqual([0.9]);
    expect(mergeDeep({ a: [1, 2, 3], b: { c: 1, d: 2 } }, { a: [4], b: { d: 5 } })).toEqual({
      a: [4],
      b: { c: 1, d: 5 },
    });
    expect(mergeDeep({ a: { b: 1 } }, { a: null })).toEqual({ a: null });
  });
  it('when stored terms are amended with one nested key, then the readings list every window with the amended one', () => {
    const stored = resolveTerms({ statedTimes: { backdateHours: { default: 12 } } });
    const amended = resolveTerms(mergeDeep(stored, { statedTimes: { backdateHours: { careVisit: 240 } } }));
    expect(amended.statedTimes.backdateHours).toMatchObject({ default: 12, careVisit: 240, careMailing: 168 });
    const windows = appliedReadings(amended).find((r) => r.parameter === 'statedTimes.backdateHours')!;
    expect(windows.value).toMatch(/careVisit[^,]*240/);
    expect(windows.value).toMatch(/careMailing[^,]*168/);
  });

  it.each<[string, TermsOverrides, string, string | undefined]>([
    [
      '6.5 max above 0.1%',
      { penalties: { otherCommitmentMaxPercent: '0.2' } },
      'penalties.otherCommitmentMaxPercent',
      '6.5',
    ],
    [
      '6.5 min below 0.01%',
      { penalties: { otherCommitmentMinPercent: '0.001' } },
      'penalties.otherCommitmentMinPercent',
      '6.5',
    ],
    ['a negative onsite duration', { faults: { onsiteHours: -1 } }, 'faults.onsiteHours', '4.9'],
    ['a level of zero minutes', { faults: { responseMinutes: { 3: 0 } } }, 'faults.responseMinutes.3', '4.9'],
    ['warnings not ascending', { faults: { warningFractions: [0.8, 0.5] } }, 'faults.warningFractions', '4.9.4'],
    ['a warning at 100%', { faults: { warningFractions: [1] } }, 'faults.warningFractions.0', '4.9'],
    ['a fractional fen', { penalties: { dongleFen: '50.5' } }, 'penalties.dongleFen', '6'],
    ['an extension over one month', { goLive: { maxExtensionMonths: 2 } }, 'goLive.maxExtensionMonths', '6.3'],
    ['an unknown reading', { penalties: { goLiveCounting: 'partial' as never } }, 'penalties.goLiveCounting', '6'],
    ['a zero threshold', { thresholds: { lossPercent: '0' } }, 'thresholds.lossPercent', '6.3'],
  ])('when the overrides have %s, then a ValidationError names %p', (_label, overrides, field, clause) => {
    expect(() => resolveTerms(overrides)).toThrow(ValidationError);
    expect(() => resolveTerms(overrides)).toThrow(expect.objectContaining({ field, clause }));
  });

  it.each<[string, TermsOverrides]>([
    ['no overrides', {}],
    ['one field of a section', { penalties: { otherCommitmentReading: '6.2.2' } }],
    [
      'a whole resolved set of terms (as stored)',
      resolveTerms({ faults: { onsiteClock: 'response', warningFractions: [0.25] } }),
    ],
  ])(
    'when stored terms with %s are merged for a workflow, then they equal the validated resolution',
    (_label, overrides) => {
      expect(mergeTerms(overrides)).toEqual(resolveTerms(overrides));
    },
  );

  it('when an unknown field is given, then it is rejected', () => {
    expect(() => resolveTerms({ faults: { surprise: 1 } as never })).toThrow(ValidationError);
  });

  it('when readings are listed, then each names its clause and the reading applied', () => {
    const r = appliedReadings(defaultTerms());
    expect(r.map((x) => [x.parameter, x.clause, x.value])).toEqual([
      ['penalties.otherCommitmentReading', '6.2.2/6.5', '6.5'],
      ['penalties.goLiveCounting', '6.3', 'completed'],
      ['faults.onsiteClock', '4.9.2', 'report'],
      ['faults.analysisDocumentHours', '4.9.2', '24'],
      ['recurring.customerCareVisitsPerQuarter', '4.1', '1'],
      ['recurring.remediationDays', '4.6', '30'],
      [
        'statedTimes.backdateHours',
        '4.9',
        'default: 24 h, acceptanceDecision: 168 h, acceptanceSubmission: 24 h, careMailing: 168 h, careVisit: 168 h',
      ],
      ['statedTimes.toleranceSeconds', '4.9', '120'],
      ['statedTimes.contestHours', '4.9', '72'],
      ['cycles.quarters', '4.1/4.3', 'contract-quarters'],
      ['cycles.extensionQuarters', '3/4.3', 'due-at-full-quarter'],
    ]);
    expect(r.every((x) => x.reading.length > 20)).toBe(true);
  });
});
