import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { SA } from '../../src/temporal/search-attributes';
import { byId, HOUR, MIN, startHarness, statuses, type Harness } from './fault-harness';

// Clause 4.9: every deadline of every level driven past on the time-skipping server.
let h: Harness;
beforeAll(async () => {
  h = await startHarness('life');
});
afterAll(async () => {
  await h?.stop();
});

const failureOf = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (err as WorkflowUpdateFailedError).cause as ApplicationFailure;
  return { type: cause.type, code: (cause.details?.[0] as { code: string }).code, message: cause.message };
};

describe('level 1 lifecycle', () => {
  it('when every level-1 obligation is met in time, then all deadlines are met, no penalty is proposed and the case completes', async () => {
    const c = await h.report(1);
    expect(statuses(await c.state())).toEqual({
      response: 'pending',
      analysis: 'pending',
      onsite: 'pending',
      replacement: 'pending',
    });
    await h.env.sleep(5 * MIN);
    await c.act('respond', { engineer: 'Wang', how: 'remote' });
    await c.act('investigate', {});
    await h.env.sleep(2 * HOUR);
    await c.act('submitAnalysis', { reference: 'doc://fa-1', checksum: 'sha256:abc123' });
    await h.env.sleep(8 * HOUR); // 10 h: on-site warnings at 6 h (50%) and 9.6 h (80%) have gone out
    await c.act('onsiteArrived', { engineer: 'Wang' });
    await c.act('replacementProvided', { description: 'spare server' });
    await c.act('resolve', { summary: 'restarted the cluster' });
    await c.act('confirmFix', {});
    const s = await c.handle.result();
    expect(statuses(s)).toEqual({ response: 'met', analysis: 'met', onsite: 'met', replacement: 'met' });
    expect(s.status).toBe('closed');
    expect(s.termsVersion).toBe(7);
    expect(h.calls.propose.filter((p) => p.caseId === c.id)).toHaveLength(0);
    const warnings = h.calls.notify
      .filter((n) => n.key.startsWith(`${c.id}:`) && n.topic === 'fault.warning')
      .map((n) => n.key.slice(c.id.length + 1));
    expect(warnings.sort()).toEqual(['onsite-warn-1', 'onsite-warn-2']); // at 6 h and 9.6 h; replacement's first is at 12 h
    const recorded = h.calls.records.filter((b) => b.caseId === c.id).flatMap((b) => b.facts.map((f) => f.seq));
    expect(recorded).toEqual(s.timeline.map((f: { seq: number }) => f.seq)); // every fact written once, in order
  });

  it('when nobody acts on a level-1 fault, then response (15 min), on-site (12 h), analysis and replacement (24 h) are each breached with a 6.2.1 penalty', async () => {
    const c = await h.report(1);
    await h.env.sleep(14 * MIN);
    expect(byId(await c.state(), 'response').status).toBe('pending');
    await h.env.sleep(2 * MIN);
    let s = await c.state();
    expect(byId(s, 'response').status).toBe('breached');
    expect(byId(s, 'response').lateByMs).toBeLessThan(1_000); // the durable timer fires at the due time
    await h.env.sleep(25 * HOUR);
    s = await c.state();
    expect(statuses(s)).toEqual({
      response: 'breached',
      analysis: 'breached',
      onsite: 'breached',
      replacement: 'breached',
    });
    const mine = h.calls.propose.filter((p) => p.caseId === c.id);
    expect(mine.map((p) => p.key).sort()).toEqual(
      ['analysis', 'onsite', 'replacement', 'response'].map((k) => `${c.id}:${k}-breach`),
    );
    expect(mine[0]).toMatchObject({ clause: '6.2.1', amountFen: '100000', termsVersion: 7, held: false });
    expect(h.calls.notify.filter((n) => n.topic === 'fault.breach' && n.key.startsWith(`${c.id}:`))).toHaveLength(4);

    // A late action is accepted and recorded with its lateness; the breach stays.
    await c.act('respond', { engineer: 'Wang', how: 'phone' });
    s = await c.state();
    expect(byId(s, 'response').status).toBe('breached');
    expect(s.timeline.at(-1)).toMatchObject({ type: 'case.responded', detail: { onTime: false } });
    expect((s.timeline.at(-1)!.detail as { lateByMs: number }).lateByMs).toBeGreaterThan(24 * HOUR);
    await c.act('submitAnalysis', { reference: 'doc://late', checksum: 'sha256:1' });
    expect(byId(await c.state(), 'analysis')).toMatchObject({ status: 'breached' });
    expect(h.calls.propose.filter((p) => p.caseId === c.id)).toHaveLength(4);
  });
});

describe('response deadlines by level (4.9.4)', () => {
  it.each([
    [2, 30],
    [3, 120],
    [4, 240],
    [5, 360],
  ] as const)('when a level-%i fault gets no response, then it is breached at %i minutes', async (level, minutes) => {
    const c = await h.report(level);
    await h.env.sleep((minutes - 1) * MIN);
    expect(byId(await c.state(), 'response').status).toBe('pending');
    await h.env.sleep(2 * MIN);
    expect(byId(await c.state(), 'response').status).toBe('breached');
    expect(h.calls.propose.find((p) => p.key === `${c.id}:response-breach`)).toBeTruthy();
  });

  it('when a level-3 fault is answered in time, then the response is met and it has no analysis or on-site deadlines', async () => {
    const c = await h.report(3);
    await h.env.sleep(100 * MIN);
    await c.act('respond', { engineer: 'Wang', how: 'wechat' });
    const s = await c.state();
    expect(statuses(s)).toEqual({ response: 'met' });
    expect(h.calls.notify.filter((n) => n.key === `${c.id}:response-warn-2`)).toHaveLength(1); // 80% of 2 h = 96 min
  });

  it('when a level-2 fault responded in time misses the analysis document, then only the analysis is breached', async () => {
    const c = await h.report(2);
    await h.env.sleep(20 * MIN);
    await c.act('respond', { engineer: 'Wang', how: 'onsite' });
    await h.env.sleep(11 * HOUR);
    await c.act('onsiteArrived', { engineer: 'Wang' });
    await h.env.sleep(10 * HOUR);
    await c.act('replacementProvided', { description: 'patched build 2.1.3' });
    await h.env.sleep(4 * HOUR);
    expect(statuses(await c.state())).toEqual({
      response: 'met',
      analysis: 'breached',
      onsite: 'met',
      replacement: 'met',
    });
  });

  it('when a level-3 fault affects operations and stays unresolved, then the 12 h on-site and 24 h replacement are breached', async () => {
    const c = await h.report(3, { affectsOperations: true });
    await h.env.sleep(30 * MIN);
    await c.act('respond', { engineer: 'Wang', how: 'phone' });
    await h.env.sleep(13 * HOUR);
    expect(statuses(await c.state())).toMatchObject({ onsite: 'breached', replacement: 'pending' });
    await c.act('onsiteArrived', { engineer: 'Wang' }); // late, recorded
    await h.env.sleep(12 * HOUR);
    const s = await c.state();
    expect(statuses(s)).toEqual({ response: 'met', onsite: 'breached', replacement: 'breached' });
    expect(byId(s, 'onsite').doneAtMs).toBeDefined();
  });

  it('when a fault is resolved within 12 h, then the on-site and replacement deadlines are cancelled, not breached', async () => {
    const c = await h.report(2);
    await h.env.sleep(10 * MIN);
    await c.act('respond', { engineer: 'Wang', how: 'remote' });
    await c.act('resolve', { summary: 'config rollback' });
    await h.env.sleep(30 * HOUR);
    expect(statuses(await c.state())).toEqual({
      response: 'met',
      analysis: 'breached',
      onsite: 'cancelled',
      replacement: 'cancelled',
    });
  });
});

describe('re-grade and reopen', () => {
  it('when a level-3 fault is re-graded to level 1 after 20 min, then the 15 min response deadline is breached at once and levels 1-2 deadlines apply', async () => {
    const c = await h.report(3);
    await h.env.sleep(20 * MIN);
    await c.act('regrade', { level: 1, reason: 'all wards affected' });
    const s = await c.state();
    expect(s.level).toBe(1);
    expect(byId(s, 'response')).toMatchObject({ status: 'breached' });
    expect(byId(s, 'response').lateByMs).toBeGreaterThanOrEqual(5 * MIN);
    expect(statuses(s)).toMatchObject({ analysis: 'pending', onsite: 'pending', replacement: 'pending' });
    expect(s.timeline.find((f) => f.type === 'case.regraded')).toMatchObject({
      detail: { from: 3, to: 1 },
      recordedBy: { role: 'hospital-approver' },
      clause: '4.9.3',
    });
  });

  it('when a level-1 fault is re-graded to level 4, then pending deadlines move or are cancelled, and the change is recorded', async () => {
    const c = await h.report(1);
    await h.env.sleep(5 * MIN);
    await c.act('regrade', { level: 4, reason: 'only the database link' });
    const s = await c.state();
    expect(byId(s, 'response').dueMs).toBe(s.reportedAtMs + 240 * MIN);
    expect(statuses(s)).toMatchObject({ response: 'pending', analysis: 'cancelled' });
    expect(s.timeline.some((f) => f.type === 'deadline.moved')).toBe(true);
  });

  it('when the hospital reopens a resolved fault, then the 12 h / 24 h clocks restart from the reopening and a second breach is keyed :2', async () => {
    const c = await h.report(2);
    await h.env.sleep(10 * MIN);
    await c.act('respond', { engineer: 'Wang', how: 'remote' });
    await c.act('submitAnalysis', { reference: 'doc://fa', checksum: 'sha256:ff' });
    await c.act('resolve', { summary: 'fixed' });
    await h.env.sleep(1 * HOUR);
    await c.act('reopen', { reason: 'the fault came back' });
    let s = await c.state();
    expect(byId(s, 'onsite:2')).toMatchObject({ status: 'pending', dueMs: s.timeline.at(-1)!.occurredAt + 12 * HOUR });
    await h.env.sleep(13 * HOUR);
    s = await c.state();
    expect(byId(s, 'onsite:2').status).toBe('breached');
    expect(h.calls.propose.map((p) => p.key)).toContain(`${c.id}:onsite-breach:2`);
    await c.act('resolve', { summary: 'fixed for good' });
    await c.act('confirmFix', {}, 'hospital-approver');
    expect((await c.handle.result()).status).toBe('closed');
  });
});

describe('exclusions (4.9.2)', () => {
  it('when the hospital accepts an exclusion claim, then the case penalties are held, then waived, and later breaches propose nothing', async () => {
    const c = await h.report(3, { affectsOperations: true });
    await h.env.sleep(3 * HOUR); // response breached at 2 h
    await c.act('respond', { engineer: 'Wang', how: 'phone' });
    await c.act('claimExclusion', {
      cause: 'network',
      evidence: ['switch log 03:12'],
      explanation: 'core switch down',
    });
    expect(h.calls.hold.filter((x) => x.caseId === c.id)).toEqual([expect.objectContaining({ held: true })]);
    await c.act('decideExclusion', { decision: 'accept', reason: 'switch logs confirm it' });
    expect(h.calls.waive.filter((x) => x.caseId === c.id)).toHaveLength(1);
    await h.env.sleep(22 * HOUR); // on-site and replacement pass
    const s = await c.state();
    expect(statuses(s)).toMatchObject({ onsite: 'breached', replacement: 'breached' });
    expect(h.calls.propose.filter((p) => p.caseId === c.id).map((p) => p.key)).toEqual([`${c.id}:response-breach`]);
    expect(s.penalties.every((p) => p.waived)).toBe(true);
  });

  it('when the hospital rejects an exclusion claim, then a breach during the claim is proposed held and the penalties stand once released', async () => {
    const d = await h.report(4);
    await d.act('claimExclusion', { cause: 'hardware', evidence: ['disk SMART report'], explanation: 'disk failure' });
    await h.env.sleep(5 * HOUR);
    expect(h.calls.propose.find((p) => p.key === `${d.id}:response-breach`)).toMatchObject({ held: true });
    await d.act('decideExclusion', { decision: 'reject', reason: 'the disk is the vendor-supplied appliance' });
    expect(h.calls.hold.filter((x) => x.caseId === d.id).map((x) => x.held)).toEqual([true, false]);
    expect(h.calls.waive.filter((x) => x.caseId === d.id)).toHaveLength(0);
    expect((await d.state()).exclusions[0]).toMatchObject({ status: 'rejected' });
  });
});

describe('validators', () => {
  it('when the caller has the wrong role or the case is in the wrong state, then the update is refused before it reaches history', async () => {
    const c = await h.report(4);
    expect(await failureOf(c.act('respond', { engineer: 'x', how: 'phone' }, 'hospital-operator'))).toMatchObject({
      type: 'Forbidden',
    });
    expect(await failureOf(c.act('resolve', { summary: 'x' }))).toMatchObject({
      type: 'RuleViolation',
      code: 'NOT_RESPONDED',
    });
    await c.act('respond', { engineer: 'Wang', how: 'phone' });
    expect(await failureOf(c.act('respond', { engineer: 'Wang', how: 'phone' }))).toMatchObject({
      code: 'ALREADY_RESPONDED',
    });
    expect(await failureOf(c.act('submitAnalysis', { reference: 'r', checksum: 'c' }))).toMatchObject({
      code: 'ANALYSIS_NOT_REQUIRED',
    });
    expect(await failureOf(c.act('confirmFix', {}))).toMatchObject({ code: 'NOT_RESOLVED' });
    expect(await failureOf(c.act('decideExclusion', { decision: 'accept', reason: 'r' }))).toMatchObject({
      code: 'NO_OPEN_EXCLUSION',
    });
    const s = await c.state();
    expect(s.timeline.filter((f) => f.type === 'case.responded')).toHaveLength(1);
  });
});

describe('start', () => {
  const { EventType } = temporal.api.enums.v1;
  /** Event types the first workflow task produced (after its WorkflowTaskCompleted, up to the next task). */
  const firstTaskCommands = async (c: Awaited<ReturnType<Harness['report']>>) => {
    const events = (await c.handle.fetchHistory()).events ?? [];
    const done = events.findIndex((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
    const next = events.findIndex((e, i) => i > done && e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED);
    return events.slice(done + 1, next < 0 ? undefined : next).map((e) => EventType[e.eventType!]);
  };

  it('when a case starts as the API starts it, then it loads no terms and its first task upserts no search attribute; the Web UI sees the reported case', async () => {
    const c = await h.report(3);
    expect(h.calls.termsAt.filter((t) => t.contractId === 'C-life')).toHaveLength(0);
    expect((await c.state()).termsVersion).toBe(7);
    expect(await firstTaskCommands(c)).toEqual(['EVENT_TYPE_MARKER_RECORDED', 'EVENT_TYPE_TIMER_STARTED']); // the record, the wake timer
    const sa = (await c.handle.describe()).typedSearchAttributes;
    expect([sa.get(SA.status), sa.get(SA.level), sa.get(SA.breached), sa.get(SA.awaiting)]).toEqual([
      'reported',
      3,
      false,
      'vendor',
    ]);
    expect(sa.get(SA.nextDeadline)?.getTime()).toBe(byId(await c.state(), 'response').dueMs);
  });

  it('when a case starts as cases did before the intake passed the terms, then it loads its terms at the report and upserts its attributes once', async () => {
    const before = h.calls.termsAt.length;
    const c = await h.report(3, {}, { legacy: true });
    expect(h.calls.termsAt.slice(before)).toEqual([{ contractId: 'C-life', atMs: (await c.state()).reportedAtMs }]);
    expect(await firstTaskCommands(c)).toEqual([
      'EVENT_TYPE_MARKER_RECORDED',
      'EVENT_TYPE_MARKER_RECORDED',
      'EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES',
      'EVENT_TYPE_TIMER_STARTED',
    ]);
    const sa = (await c.handle.describe()).typedSearchAttributes;
    expect([sa.get(SA.status), sa.get(SA.kind), sa.get(SA.nextDeadline)?.getTime()]).toEqual([
      'reported',
      'fault',
      byId(await c.state(), 'response').dueMs,
    ]);
  });

  it('when the start attributes differ from the case (a late report already breached), then the first task upserts them', async () => {
    const c = await h.report(1, { reportedAtMs: (await h.env.currentTimeMs()) - 20 * MIN });
    expect(await firstTaskCommands(c)).toContain('EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES');
    expect((await c.handle.describe()).typedSearchAttributes.get(SA.breached)).toBe(true);
  });
});

describe('continue-as-new', () => {
  it('when the history passes the cap, then the case continues as new with its state and still fires its deadlines', async () => {
    const c = await h.report(2, { maxHistoryEvents: 30 });
    const firstRun = (await c.handle.describe()).runId;
    await h.env.sleep(10 * MIN);
    await c.act('respond', { engineer: 'Wang', how: 'remote' });
    await c.act('investigate', {});
    await c.act('submitAnalysis', { reference: 'doc://fa-9', checksum: 'sha256:09' });
    await h.env.sleep(13 * HOUR);
    const s = await c.state();
    expect(s.continuedAsNew).toBeGreaterThan(0);
    expect((await c.handle.describe()).runId).not.toBe(firstRun);
    expect(statuses(s)).toMatchObject({ response: 'met', analysis: 'met', onsite: 'breached', replacement: 'pending' });
    expect(s.timeline[0]!.type).toBe('case.reported');
    await c.act('resolve', { summary: 'fixed' });
    await c.act('confirmFix', {});
    const done = await c.handle.result();
    expect(done.status).toBe('closed');
    const seqs = h.calls.records.filter((b) => b.caseId === c.id).flatMap((b) => b.facts.map((f) => f.seq));
    expect(seqs).toEqual(done.timeline.map((f: { seq: number }) => f.seq)); // nothing lost or written twice across runs
  });
});
