import { defaultTerms, mergeTerms } from '../../../src/domain/terms';
import { codeOf, factRecorder } from '../../helpers/rules';
import {
  isBreached,
  missingReportProposal,
  nextRemediationMs,
  remediationDeadlineMs,
  remediationDue,
  reportJudgement,
  reportOverdue,
  resolvedStatus,
  visibility,
} from '../../../src/workflows/cycles/inspection-duties';
import type { InspectionState, ReportArgs } from '../../../src/workflows/cycles/inspection-messages';
import { apply, check, retime, type InspectionAction } from '../../../src/workflows/cycles/inspection-rules';
import { initialState } from '../../../src/workflows/cycles/inspection-state';

// Issue 10 item 1: a quarterly inspection's deadlines (4.3 report, 4.6 remediation) are pure
// functions of the facts' stated times, the terms and the clock; each is driven across its due time.
const MS = 1;
const HOUR = 3_600_000;
const START = Date.parse('2026-01-01T00:00:00+08:00');
const DUE = Date.parse('2026-04-01T00:00:00+08:00'); // 24:00 of the quarter's last day (4.3)
const terms = mergeTerms({ recurring: { remediationDays: 10 } });
const vendor = { name: 'eng-li', role: 'vendor-engineer' };
const nurse = { name: 'op-wang', role: 'hospital-operator' };
const report = (severity: 'low' | 'high'): ReportArgs => ({
  actor: vendor,
  inspectionDate: '2026-03-20',
  engineer: 'eng-li',
  findings: [{ title: 'TLS 1.0 enabled', severity }],
  recommendations: ['disable TLS 1.0'],
  documentRef: 'dms://reports/q1.pdf',
  sha256: 'a'.repeat(64),
});
const state = (o: Partial<InspectionState> = {}): InspectionState => ({
  ...initialState({ contractId: 'C-1', year: 1, quarter: 1 }),
  periodStart: '2026-01-01',
  dueAt: new Date(DUE).toISOString(),
  ...o,
});
const record = factRecorder();
const code = codeOf;
/** An inspection whose report (one finding of the severity) was acknowledged at ackMs. */
function acknowledged(severity: 'low' | 'high', ackMs: number): InspectionState {
  const s = state();
  apply(s, { action: 'report', args: report(severity) }, { occurredAt: DUE - HOUR }, record, terms);
  apply(s, { action: 'ack', args: { actor: nurse } }, { occurredAt: ackMs }, record, terms);
  return s;
}

describe('inspection report (4.3, 6.2.1): judged on the report’s stated time', () => {
  it('when no report is in, then it is not overdue 1 ms before the due time and overdue at it', () => {
    expect(reportOverdue(state(), DUE, DUE - MS)).toBe(false);
    expect(reportOverdue(state(), DUE, DUE)).toBe(true);
    expect(reportOverdue(state({ report: report('low') }), DUE, DUE + HOUR)).toBe(false);
  });
  it('when a report is stated 1 ms before the due time, then it is on time; at the due time it is late by 0 and charged', () => {
    expect(reportJudgement(DUE - MS, DUE, false)).toEqual({ lateByMs: null, effect: null });
    expect(reportJudgement(DUE, DUE, false)).toEqual({ lateByMs: 0, effect: 'propose' });
    expect(reportJudgement(DUE + 2 * HOUR, DUE, false)).toEqual({ lateByMs: 2 * HOUR, effect: 'propose' });
  });
  it('when the timer charged a missing report and one stated before the due time is typed in later, then the charge is withdrawn', () => {
    expect(reportJudgement(DUE - MS, DUE, true)).toEqual({ lateByMs: null, effect: 'withdraw' });
    expect(reportJudgement(DUE + MS, DUE, true)).toEqual({ lateByMs: MS, effect: null });
  });
  it('when a report is missing, then the 6.2.1 sum of the terms is proposed at the due time', () => {
    const p = missingReportProposal(state(), defaultTerms(), 3);
    expect(p).toMatchObject({ clause: '6.2.1', termsVersion: 3, amountFen: '100000', occurredAt: state().dueAt });
    expect(p.fact).toContain('contract year 1 quarter 1');
  });
  it('when the report is in, then the hospital is awaited; before, the vendor by the due time', () => {
    expect(visibility(state(), DUE)).toEqual({
      status: 'open',
      awaiting: 'vendor',
      breached: false,
      nextDeadlineMs: DUE,
    });
    const s = state();
    apply(s, { action: 'report', args: report('low') }, { occurredAt: DUE - HOUR }, record, terms);
    expect(visibility(s, DUE)).toMatchObject({ status: 'submitted', awaiting: 'hospital' });
  });
});

describe('remediation (4.6): high findings due remediationDays after the acknowledgement as stated', () => {
  const ackMs = Date.parse('2026-04-03T15:00:00+08:00');
  const deadline = Date.parse('2026-04-14T00:00:00+08:00'); // 10 days on: the end of 13 April

  it('when acknowledged on 3 April with 10 remediation days, then each high finding is due at 24:00 of 13 April', () => {
    expect(remediationDeadlineMs(ackMs, terms)).toBe(deadline);
    const s = acknowledged('high', ackMs);
    expect(s.remediation).toEqual([
      { id: 'R1', finding: 'TLS 1.0 enabled', deadline: new Date(deadline).toISOString(), status: 'open' },
    ]);
    expect(acknowledged('low', ackMs).remediation).toEqual([]);
  });
  it('when the terms name no remediation days, then the default of 30 applies', () => {
    expect(remediationDeadlineMs(ackMs, defaultTerms())).toBe(Date.parse('2026-05-04T00:00:00+08:00'));
  });
  it('when an item is open, then it is not due at its deadline (a resolution then is on time) and due 1 ms after it', () => {
    const s = acknowledged('high', ackMs);
    expect(nextRemediationMs(s)).toBe(deadline);
    expect(remediationDue(s, deadline)).toEqual([]);
    expect(remediationDue(s, deadline + MS).map((r) => r.id)).toEqual(['R1']);
  });
  it('when a resolution is stated at the deadline it is on time; 1 ms after, it is late and the case breached', () => {
    const item = acknowledged('high', ackMs).remediation[0]!;
    expect(resolvedStatus(item, deadline)).toBe('resolved');
    expect(resolvedStatus(item, deadline + MS)).toBe('overdue-resolved');
    const s = acknowledged('high', ackMs);
    const f = apply(
      s,
      { action: 'resolve', args: { actor: vendor, itemId: 'R1' } },
      { occurredAt: deadline + MS },
      record,
      terms,
    );
    expect([s.remediation[0]!.status, isBreached(s, false)]).toEqual(['overdue-resolved', true]);
    retime(s, f, deadline - HOUR); // a contest decided for an earlier time
    expect([s.remediation[0]!.status, isBreached(s, false)]).toEqual(['resolved', false]);
  });
});

describe('inspection rules: who records what, when', () => {
  const now = DUE + HOUR;
  const submitted = () => {
    const s = state();
    apply(s, { action: 'report', args: report('high') }, { occurredAt: DUE - HOUR }, record, terms);
    return s;
  };
  const act = (a: InspectionAction, s = state(), at = now) => code(() => check(s, a, terms, START, at));

  it('when the vendor reports an open quarter it is taken; a hospital operator is refused; a second report is not expected', () => {
    expect(act({ action: 'report', args: report('low') })).toBe('ok');
    expect(act({ action: 'report', args: { ...report('low'), actor: nurse } })).toBe('FORBIDDEN');
    expect(act({ action: 'report', args: report('low') }, submitted())).toBe('REPORT_NOT_EXPECTED');
    expect(act({ action: 'report', args: { ...report('low'), sha256: 'x' } })).toBe('INVALID_INPUT');
  });
  it('when a report states a time before the quarter began, then it is refused (BEFORE_OBLIGATION)', () => {
    const early = { action: 'report' as const, args: { ...report('low'), occurredAtMs: START - MS } };
    expect(act(early, state(), START + HOUR)).toBe('BEFORE_OBLIGATION');
  });
  it('when the hospital acknowledges, then only a submitted report; a request for changes names a reason', () => {
    expect(act({ action: 'ack', args: { actor: nurse } })).toBe('REPORT_NOT_SUBMITTED');
    expect(act({ action: 'ack', args: { actor: nurse } }, submitted())).toBe('ok');
    expect(act({ action: 'ack', args: { actor: vendor } }, submitted())).toBe('FORBIDDEN');
    expect(act({ action: 'changes', args: { actor: nurse, reasons: [] } }, submitted())).toBe('INVALID_INPUT');
  });
  it('when an item is resolved, then a second resolution is refused (ALREADY_RESOLVED) and an unknown item names itemId', () => {
    const s = acknowledged('high', Date.parse('2026-04-03T15:00:00+08:00'));
    const resolve = { action: 'resolve' as const, args: { actor: vendor, itemId: 'R1' } };
    expect(act(resolve, s)).toBe('ok');
    apply(s, resolve, { occurredAt: now }, record, terms);
    expect(act(resolve, s)).toBe('ALREADY_RESOLVED');
    expect(act({ action: 'resolve', args: { actor: vendor, itemId: 'R9' } }, s)).toBe('INVALID_INPUT');
  });
});
