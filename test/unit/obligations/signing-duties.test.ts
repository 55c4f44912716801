import { ApplicationFailure } from '@temporalio/common';
import { defaultTerms } from '../../../src/domain';
import { shippedCalendar } from '../../../src/domain/calendar';
import { rectificationRightsAtMs } from '../../../src/domain/obligations';
import { deadlineVerdict, removalDeadline, visibility } from '../../../src/workflows/obligations/dongle-duties';
import { apply, check, type DongleAction } from '../../../src/workflows/obligations/dongle-rules';
import type { DongleState } from '../../../src/workflows/obligations/dongle-messages';
import { planDeadline, planVerdict } from '../../../src/workflows/obligations/rectification-duties';
import { rightsVerdict } from '../../../src/workflows/obligations/rectification-rights';
import { initialRectificationState } from '../../../src/workflows/obligations/rectification-rules';
import type { RectificationItem } from '../../../src/workflows/obligations/rectification-messages';
import type { RectificationState } from '../../../src/workflows/obligations/rectification-messages';
import { closedBeforeEffect, flagsAtEffect } from '../../../src/workflows/obligations/staff-change-duties';
import { check as checkStaff } from '../../../src/workflows/obligations/staff-change-rules';
import type { StaffChangeState } from '../../../src/workflows/obligations/staff-change-messages';
import type { Fact } from '../../../src/workflows/kernel/facts';

// Issue 10 item 1: the signing obligations' deadlines are pure functions of the facts' stated
// times, the terms and the calendar; each is driven here across its due time.
const terms = defaultTerms();
const SIGNED = Date.parse('2026-03-02T10:00:00+08:00'); // a Monday
const MS = 1;
const iso = (ms: number) => new Date(ms).toISOString();
const vendor = { name: 'wang', role: 'vendor-engineer' };
const hospital = { name: 'li', role: 'hospital-operator' };

function dongle(): DongleState {
  return {
    contractId: 'C-1',
    deadline: removalDeadline(shippedCalendar(), SIGNED, terms),
    declarations: [],
    deadlineMissed: false,
    findings: [],
    contractEnded: null,
    stated: [],
    history: [],
  };
}
const facts: Fact[] = [];
const record = (type: string, detail: Record<string, unknown>, clause: string, time: { occurredAt: number }) => {
  const f = { seq: facts.length + 1, type, detail, clause, occurredAt: time.occurredAt, recordedAt: time.occurredAt };
  facts.push(f as unknown as Fact);
  return f as unknown as Fact;
};
/** The code a rule refuses with (details of the ApplicationFailure), or 'ok'. */
const code = (fn: () => void): string => {
  try {
    fn();
  } catch (e) {
    return ((e as ApplicationFailure).details?.[0] as { code: string }).code;
  }
  return 'ok';
};

describe('dongle removal (4.10): judged on the declaration’s stated time', () => {
  const s0 = dongle();
  const due = Date.parse(s0.deadline.deadlineAt);

  it('when the 7 working days run from Monday 2 March, then the deadline is the end of Wednesday 11 March', () => {
    expect(s0.deadline.lastDay).toBe('2026-03-11');
    expect(s0.deadline.provisional).toBe(false);
  });
  it('when nothing is declared, then the deadline is unchanged 1 ms before it and missed at it', () => {
    expect(deadlineVerdict(dongle(), due - MS)).toBe('unchanged');
    expect(deadlineVerdict(dongle(), due)).toBe('missed');
    expect(visibility(dongle(), due - MS).nextDeadlineMs).toBe(due);
  });
  it('when a declaration stated 1 ms before the deadline is typed in after it, then the missed deadline is superseded', () => {
    const s = { ...dongle(), deadlineMissed: true };
    apply(
      s,
      { action: 'declare', args: { actor: vendor, removed: [], statement: 'all locks removed' } },
      { occurredAt: due - MS },
      record,
    );
    expect(deadlineVerdict(s, due + 86_400_000)).toBe('superseded');
  });
  it('when the declaration is stated at the deadline itself, then it is late', () => {
    const s = dongle();
    apply(
      s,
      { action: 'declare', args: { actor: vendor, removed: [], statement: 'all locks removed' } },
      { occurredAt: due },
      record,
    );
    expect(deadlineVerdict(s, due)).toBe('missed');
  });
  it('when the hospital rejects the only declaration, then it does not count as in time', () => {
    const s = dongle();
    apply(
      s,
      { action: 'declare', args: { actor: vendor, removed: [], statement: 'all locks removed' } },
      { occurredAt: due - 1000 },
      record,
    );
    apply(s, { action: 'verify', args: { actor: hospital, accepted: false } }, { occurredAt: due - 500 }, record);
    expect(deadlineVerdict(s, due)).toBe('missed');
    expect(s.findings).toHaveLength(0); // rejected within the 7 days: no 6.6 finding yet
  });
  it('when the caller is not of the right party or the statement is empty, then check names the rule', () => {
    const s = dongle();
    const declare = (actor: typeof vendor, statement: string): DongleAction => ({
      action: 'declare',
      args: { actor, removed: [], statement },
    });
    expect(code(() => check(s, declare(hospital, 'all locks removed'), terms, SIGNED, SIGNED + 1000))).toBe(
      'FORBIDDEN',
    );
    expect(code(() => check(s, declare(vendor, 'short'), terms, SIGNED, SIGNED + 1000))).toBe('STATEMENT_REQUIRED');
    expect(
      code(() =>
        check(
          { ...s, deadline: { ...s.deadline, lastDay: '' } },
          declare(vendor, 'all locks removed'),
          terms,
          SIGNED,
          SIGNED,
        ),
      ),
    ).toBe('NOT_READY');
    expect(
      code(() =>
        check(s, { action: 'verify', args: { actor: hospital, accepted: true } }, terms, SIGNED, SIGNED + 1000),
      ),
    ).toBe('NOTHING_TO_VERIFY');
  });
});

describe('rectification plan (6.3): judged on the plan’s stated time', () => {
  const base = (): RectificationState => ({
    ...initialRectificationState({ contractId: 'C-1', signedAt: new Date(SIGNED).toISOString() }),
    termsVersion: 1,
    planDeadline: planDeadline(shippedCalendar(), SIGNED, terms),
  });
  const due = Date.parse(base().planDeadline.deadlineAt);
  const plan = (late: boolean) => ({ submittedAt: '', by: 'wang', late, systemCheck: 'ok', problems: [] });

  it('when no plan arrives, then the deadline is unchanged 1 ms before it and missed at it', () => {
    expect(planVerdict(base(), due - MS)).toBe('unchanged');
    expect(planVerdict(base(), due)).toBe('missed');
  });
  it('when a plan stated in time meets a recorded breach, then the breach is superseded; a late plan is missed', () => {
    const breach = { at: '', clause: '6.2.2', reading: '', priced: true };
    expect(planVerdict({ ...base(), plan: plan(false), planBreach: breach }, due + 1)).toBe('superseded');
    expect(planVerdict({ ...base(), plan: plan(true) }, due)).toBe('missed');
  });
  const item = (o: Partial<RectificationItem> = {}): RectificationItem => ({
    itemId: 'I1',
    description: 'x',
    dueDate: '2026-04-01',
    status: 'open',
    daysLate: 0,
    penaltyFen: '0',
    rightsEventRaised: false,
    ...o,
  });
  const mark = rectificationRightsAtMs('2026-04-01', terms);
  it('when an open item passes its 30-day mark, then its terminate rights event is due at that instant, not 1 ms before', () => {
    expect(rightsVerdict(item(), mark - MS, terms)).toBe('unchanged');
    expect(rightsVerdict(item(), mark, terms)).toBe('raise');
    expect(rightsVerdict(item({ rightsEventRaised: true }), mark + 5 * 86_400_000, terms)).toBe('unchanged');
  });
  it.each<[string, Partial<RectificationItem>, string]>([
    [
      'claimed done 1 ms before the mark, not yet confirmed',
      { status: 'done-claimed', doneClaimedAt: iso(mark - MS) },
      'unchanged',
    ],
    ['confirmed done 1 ms before the mark', { status: 'done', doneClaimedAt: iso(mark - MS) }, 'withdraw'],
    ['confirmed done at the mark', { status: 'done', doneClaimedAt: iso(mark) }, 'unchanged'],
    ['refused and open again', { status: 'open' }, 'unchanged'],
  ])('when the raised right meets an item %s, then the verdict is %s (6.3)', (_label, o, verdict) => {
    expect(rightsVerdict(item({ rightsEventRaised: true, ...o }), mark + 2 * 3_600_000, terms)).toBe(verdict);
  });
  it('when a decided time moves a confirmed completion past the mark after a withdrawal, then the right is raised again', () => {
    const it = item({ status: 'done', doneClaimedAt: iso(mark + 3_600_000), rightsWithdrawn: ['k'] });
    expect(rightsVerdict(it, mark + 7_200_000, terms)).toBe('raise');
    expect(rightsVerdict({ ...it, doneClaimedAt: iso(mark - 3_600_000) }, mark + 7_200_000, terms)).toBe('unchanged');
  });
});

describe('engineer change (4.2, 6.7): notice and written approval at the effective date', () => {
  const change = (o: Partial<StaffChangeState> = {}): StaffChangeState => ({
    contractId: 'C-1',
    requestId: 'R1',
    kind: 'requested',
    requestedAt: new Date(SIGNED).toISOString(),
    requestedBy: 'wang',
    effectiveDate: '2026-03-20',
    remove: ['E1'],
    add: [],
    reason: 'r',
    persons: 1,
    notice: { ok: true, workingDays: 13, required: 7, provisional: false, provisionalYears: [] },
    decision: null,
    withdrawn: false,
    outcome: 'pending',
    contractEnded: null,
    penaltyFen: null,
    flagReasons: [],
    stated: [],
    history: [],
    ...o,
  });
  const approver = { name: 'zhao', role: 'hospital-approver' };
  const effective = Date.parse('2026-03-20T00:00:00+08:00');

  it('when approved with notice, then nothing is flagged; without approval or notice, each reason is named', () => {
    expect(flagsAtEffect(change({ decision: { approved: true, by: 'zhao', at: '' } }), 7)).toEqual([]);
    expect(flagsAtEffect(change(), 7)).toEqual([
      'no written approval by the hospital before the change took effect (4.2)',
    ]);
    expect(
      flagsAtEffect(
        change({ notice: { ok: false, workingDays: 3, required: 7, provisional: false, provisionalYears: [] } }),
        7,
      )[0],
    ).toMatch(/notice of 3 working day/);
  });
  it('when the approver decides 1 ms before the effective date, then it is accepted; at it, the change is closed', () => {
    const decide = { action: 'decide' as const, args: { actor: approver, approved: true } };
    expect(code(() => checkStaff(change(), decide, terms, effective - MS))).toBe('ok');
    expect(code(() => checkStaff(change(), decide, terms, effective))).toBe('CHANGE_CLOSED');
  });
  it('when refused or withdrawn, then the change closes before its effect', () => {
    expect(closedBeforeEffect(change({ decision: { approved: false, by: 'zhao', at: '' } }))).toBe('refused');
    expect(closedBeforeEffect(change({ withdrawn: true }))).toBe('withdrawn');
    expect(closedBeforeEffect(change())).toBeUndefined();
  });
});
