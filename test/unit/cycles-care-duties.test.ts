import { defaultTerms } from '../../src/domain';
import {
  careVisibility,
  countIn,
  lateLogsUntilMs,
  missedProposal,
  verdict,
} from '../../src/workflows/cycles/care-duties';
import { careCaseId, type CareLogEntry, type CareState } from '../../src/workflows/cycles/care-messages';
import { careLogStated, retime } from '../../src/workflows/cycles/care-rules';

// Issue 10 items 1-3 for customer care (4.1): the quarter's verdict is a pure function of the
// logs' effective times; each rule is driven across its instant.
const HOUR = 3_600_000;
const START = Date.parse('2026-01-01T00:00:00+08:00');
const END = Date.parse('2026-04-01T00:00:00+08:00'); // the quarter's due time (24:00 of its last day)
const vendor = { name: 'eng-li', role: 'vendor-engineer' };
const entry = (atMs: number, factSeq = 1): CareLogEntry => ({
  logId: `cl_${factSeq}`,
  kind: 'visit',
  statedAt: new Date(atMs).toISOString(),
  effectiveAt: new Date(atMs).toISOString(),
  recordedAt: new Date(atMs).toISOString(),
  loggedBy: 'eng-li',
  factSeq,
});
const codeOf = (fn: () => void): string => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return ((e as { details?: { code: string }[] }).details?.[0] ?? { code: String(e) }).code;
  }
};

describe('customer care quarter (4.1)', () => {
  it('when the due time has not come, then the quarter is open 1 ms before it and judged at it', () => {
    expect(verdict(0, 1, END - 1, END)).toBe('open');
    expect(verdict(0, 1, END, END)).toBe('missed');
    expect(verdict(1, 1, END, END)).toBe('kept');
  });
  it('when a visit is stated 1 ms before the due time, then it counts; at the due time it belongs to the next quarter', () => {
    expect(countIn([entry(END - 1)], START, END).visits).toBe(1);
    expect(countIn([entry(END)], START, END).visits).toBe(0);
  });
  it("when a contest is decided for the hospital's time after the quarter, then the visit stops counting", () => {
    const logs = [entry(END - HOUR, 7)];
    retime(logs, 7, END + 5 * HOUR);
    expect(countIn(logs, START, END).visits).toBe(0);
  });
  it('when the quarter is due, then a visit stated within it may still be logged for 168 h (statedTimes.backdateHours.careVisit)', () => {
    expect(lateLogsUntilMs(END, defaultTerms())).toBe(END + 168 * HOUR);
  });
  it('when a log is stated 168 h back it is the vendor’s claim; 1 ms further back it is refused (BACKDATE_WINDOW)', () => {
    const now = END + 10 * HOUR;
    expect(careLogStated(defaultTerms(), 'visit', vendor, now, now - 168 * HOUR)).toEqual({
      occurredAt: now - 168 * HOUR,
      statedBy: 'vendor',
    });
    expect(codeOf(() => careLogStated(defaultTerms(), 'visit', vendor, now, now - 168 * HOUR - 1))).toBe(
      'BACKDATE_WINDOW',
    );
    expect(careLogStated(defaultTerms(), 'mailing', vendor, now, undefined)).toEqual({ occurredAt: now });
  });
  const quarter = (over: Partial<CareState>): CareState => ({
    contractId: 'C-9',
    year: 2,
    quarter: 3,
    periodStart: '2026-01-01',
    dueAt: new Date(END).toISOString(),
    requiredVisits: 1,
    visits: 0,
    mailings: 0,
    status: 'open',
    breached: false,
    logs: [],
    stated: [],
    ...over,
  });
  it('when the quarter is open without its visits, then the vendor owes them by the due time; kept or missed awaits no one', () => {
    expect(careVisibility(quarter({}), END)).toEqual({
      status: 'open',
      breached: false,
      awaiting: 'vendor',
      nextDeadlineMs: END,
    });
    expect(careVisibility(quarter({ visits: 1 }), END).awaiting).toBe('none');
    expect(careVisibility(quarter({ status: 'missed', breached: true }), END)).toEqual({
      status: 'missed',
      breached: true,
      awaiting: 'none',
      nextDeadlineMs: null,
    });
  });
  it('when a quarter is missed, then the 6.2.1 sum is proposed at its due time, naming the quarter and the count', () => {
    const p = missedProposal(quarter({}), defaultTerms(), 4);
    expect(p).toMatchObject({ clause: '6.2.1', termsVersion: 4, amountFen: defaultTerms().penalties.faultServiceFen });
    expect(p.occurredAt).toBe(new Date(END).toISOString());
    expect(p.fact).toBe(
      `customer care (4.1): 0 of 1 return visit(s) logged in contract year 2 quarter 3 (by ${new Date(END).toISOString()})`,
    );
  });
  it('when the id of a quarter is asked, then it is care:<contract>:<year>Q<quarter> (the launcher and the API use it)', () => {
    expect(careCaseId('C-9', 2, 3)).toBe('care:C-9:2Q3');
  });
});
