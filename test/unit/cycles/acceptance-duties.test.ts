import { defaultTerms } from '../../../src/domain/terms';
import { codeOf, factRecorder } from '../../helpers/rules';
import {
  failExtension,
  nextReadInMs,
  passExtension,
  passRecord,
  paymentOnPass,
  visibility,
  yearEnded,
  yearSpan,
} from '../../../src/workflows/cycles/acceptance-duties';
import type { AcceptanceState, DecisionInput } from '../../../src/workflows/cycles/acceptance-messages';
import { apply, check, initialState, type AcceptanceAction } from '../../../src/workflows/cycles/acceptance-rules';

// Issue 10 item 1: a yearly acceptance's duties (3, 8, 10) are pure functions of the calendar
// with its clause-3 extensions, the decision's stated time, the fees and the confirmed
// deductions; each is driven across its instant. Onboarding calls the same functions.
const MS = 1;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SIGNED = Date.parse('2025-01-15T10:00:00+08:00');
const END = Date.parse('2026-01-15T10:00:00+08:00'); // year 1 ends at the signing's anniversary
const terms = defaultTerms();
const vendor = { name: 'eng-li', role: 'vendor-engineer' };
const approver = { name: 'dir-zhao', role: 'hospital-approver' };
const nurse = { name: 'op-wang', role: 'hospital-operator' };
const pass: DecisionInput = { actor: approver, outcome: 'pass', hospitalSignatory: 'Zhao', vendorSignatory: 'Li' };
const fail: DecisionInput = { actor: approver, outcome: 'fail', reasons: ['uptime report missing'] };
const state = (o: Partial<AcceptanceState> = {}): AcceptanceState => ({ ...initialState('C-1', 1), ...o });
const record = factRecorder();
const code = codeOf;

describe("the year's end (clause 3): submission opens when the contract year has ended", () => {
  const y1 = yearSpan(SIGNED, 1, []);

  it('when year 1 runs from the signing, then it ends at its anniversary: not ended 1 ms before, ended at it', () => {
    expect(y1).toMatchObject({ yearStart: '2025-01-15', yearEnd: '2026-01-15', startMs: SIGNED, endMs: END });
    expect(yearEnded(y1, END - MS)).toBe(false);
    expect(yearEnded(y1, END)).toBe(true);
    expect(nextReadInMs(y1, END - 5 * DAY)).toBe(5 * DAY);
    expect(nextReadInMs(y1, END - 90 * DAY)).toBe(30 * DAY); // read again at most every 30 days
  });
  it('when year 1 failed and is extended, then it never ends until the pass, and year 2 has not started', () => {
    const open = [{ contractYear: 1, untilMs: null }];
    expect(yearEnded(yearSpan(SIGNED, 1, open), END + 100 * DAY)).toBe(false);
    expect(nextReadInMs(yearSpan(SIGNED, 1, open), END)).toBe(DAY);
    expect(yearSpan(SIGNED, 2, open)).toEqual({ yearStart: null, yearEnd: null, startMs: 0, endMs: 0 });
  });
  it('when year 1 passed on 1 March after a fail, then year 2 counts from the pass', () => {
    const passed = Date.parse('2026-03-01T12:00:00+08:00');
    const y2 = yearSpan(SIGNED, 2, [{ contractYear: 1, untilMs: passed }]);
    expect(y2).toMatchObject({ yearStart: '2026-03-01', yearEnd: '2027-03-01', startMs: passed });
  });
  it('when the year is awaited, then nothing is awaited of a party and the next instant is its end', () => {
    expect(visibility(state(), y1)).toEqual({
      status: 'waiting-year-end',
      awaiting: 'none',
      breached: false,
      nextDeadlineMs: END,
    });
    expect(visibility(state({ status: 'awaiting-submission' }), y1)).toMatchObject({
      awaiting: 'vendor',
      nextDeadlineMs: null,
    });
  });
});

describe('decision (8), extension (3) and payment (10)', () => {
  it('when a fail is recorded, then the round opens and the year is extended until a pass (an open extension)', () => {
    const s = state({ status: 'submitted' });
    apply(s, { action: 'decide', args: fail }, { occurredAt: END + DAY }, record);
    expect([s.status, s.round, s.decisions[0]!.outcome]).toEqual(['failed', 1, 'fail']);
    expect(visibility(s, yearSpan(SIGNED, 1, []))).toMatchObject({ breached: true, awaiting: 'vendor' });
    expect(failExtension('acceptance:C-1:1', s, 'dir-zhao', fail.reasons!)).toMatchObject({
      key: 'acceptance:C-1:1:extended',
      contractYear: 1,
      untilAt: null,
    });
  });
  it('when a pass follows a fail, then the extension closes at the passing time; a first-round pass closes none', () => {
    const at = new Date(END + 40 * DAY).toISOString();
    expect(passExtension('acceptance:C-1:1', state({ round: 1 }), 'dir-zhao', at)).toMatchObject({
      key: 'acceptance:C-1:1:passed',
      untilAt: at,
    });
    expect(passExtension('acceptance:C-1:1', state(), 'dir-zhao', at)).toBeUndefined();
  });
  it('when a pass is recorded, then its form carries both signatories and the decision’s stated time', () => {
    const s = state({ status: 'submitted' });
    apply(s, { action: 'decide', args: pass }, { occurredAt: END + DAY }, record);
    expect(s.decisions[0]).toMatchObject({ outcome: 'pass', at: new Date(END + DAY).toISOString() });
    expect(s.status).toBe('submitted'); // passed once its record and payment are written
    expect(passRecord('acceptance:C-1:1', s, pass, s.decisions[0]!.at)).toMatchObject({
      year: 1,
      passedAt: s.decisions[0]!.at,
      hospitalSignatory: 'Zhao',
      vendorSignatory: 'Li',
      decidedBy: 'dir-zhao',
    });
  });
  it('when year 1 passes, then year 2 is paid its fee less the deductions confirmed in year 1, never below zero', () => {
    const base = { contractId: 'C-1', year: 1, termYears: 3, yearlyFeesFen: ['100000000', '90000000', '80000000'] };
    const p = paymentOnPass({ ...base, confirmedFen: '200000', passedAt: '2026-01-20T02:00:00.000Z' });
    expect(p).toMatchObject({ year: 2, feeFen: '90000000', deductionsFen: '200000', amountFen: '89800000' });
    expect(paymentOnPass({ ...base, confirmedFen: '95000000', passedAt: 'x' })?.amountFen).toBe('0');
    expect(paymentOnPass({ ...base, year: 3, confirmedFen: '0', passedAt: 'x' })).toBeUndefined(); // no year 4
  });
});

describe('acceptance rules: who records what, when', () => {
  const now = END + 2 * HOUR;
  const act = (a: AcceptanceAction, s: AcceptanceState, deciding = false, at = now) =>
    code(() => check(s, a, terms, END, at, deciding));
  const submit = (o = {}): AcceptanceAction => ({ action: 'submit', args: { actor: vendor, ...o } });

  it('when the year has not ended, then the vendor cannot submit; after it (or a fail) it can; the hospital cannot', () => {
    expect(act(submit(), state())).toBe('ACCEPTANCE_NOT_OPEN');
    expect(act(submit(), state({ status: 'awaiting-submission' }))).toBe('ok');
    expect(act(submit(), state({ status: 'failed' }))).toBe('ok');
    expect(act({ action: 'submit', args: { actor: nurse } }, state({ status: 'failed' }))).toBe('FORBIDDEN');
  });
  it('when a submission states a time before the year ended, or beyond its 24 h window, then it is refused', () => {
    const open = state({ status: 'awaiting-submission' });
    expect(act(submit({ occurredAtMs: END - MS }), open)).toBe('BEFORE_OBLIGATION');
    const later = END + 30 * HOUR;
    expect(act(submit({ occurredAtMs: later - 24 * HOUR }), open, false, later)).toBe('ok');
    expect(act(submit({ occurredAtMs: later - 24 * HOUR - MS }), open, false, later)).toBe('BACKDATE_WINDOW');
  });
  it('when a package is submitted, then only the approver decides, once at a time, a fail with reasons and a pass signed by both', () => {
    const s = state({ status: 'submitted' });
    expect(act({ action: 'decide', args: pass }, s)).toBe('ok');
    expect(act({ action: 'decide', args: { ...pass, actor: nurse } }, s)).toBe('FORBIDDEN');
    expect(act({ action: 'decide', args: pass }, s, true)).toBe('ACCEPTANCE_NOT_SUBMITTED');
    expect(act({ action: 'decide', args: pass }, state({ status: 'awaiting-submission' }))).toBe(
      'ACCEPTANCE_NOT_SUBMITTED',
    );
    expect(act({ action: 'decide', args: { ...fail, reasons: [] } }, s)).toBe('INVALID_INPUT');
    expect(act({ action: 'decide', args: { ...pass, vendorSignatory: undefined } }, s)).toBe('INVALID_INPUT');
  });
});
