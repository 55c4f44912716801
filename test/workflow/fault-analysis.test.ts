import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import { byId, HOUR, MIN, startHarness, type Harness } from './fault-harness';

// Clause 4.9.2: the fault analysis document of levels 1-2 is reviewed by the hospital inside the
// case; the analysis deadline (24 h, terms faults.analysisDocumentHours) is judged on the
// submission the hospital accepts. Time driven past the deadline on the time-skipping server.
let h: Harness;
beforeAll(async () => {
  h = await startHarness('analysis');
});
afterAll(async () => {
  await h?.stop();
});

const codeOf = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  return ((err as WorkflowUpdateFailedError).cause as ApplicationFailure).details?.[0] as {
    code: string;
    field?: string;
  };
};
const notices = (id: string, topic: string) => h.calls.notify.filter((n) => n.caseId === id && n.topic === topic);

describe('the hospital reviews the fault analysis (4.9.2)', () => {
  it('when the hospital accepts an analysis submitted in time, then the analysis deadline is met and each side was told of its move', async () => {
    const c = await h.report(1);
    await c.act('respond', { engineer: 'Wang', how: 'remote' });
    await h.env.sleep(2 * HOUR);
    await c.act('submitAnalysis', { reference: 'doc_0123456789abcdef0123456789abcdef@1', checksum: 'sha256:abcdef01' });
    expect(notices(c.id, 'fault.analysis-submitted')).toHaveLength(1);
    expect(notices(c.id, 'fault.analysis-submitted')[0]).toMatchObject({
      recipients: 'hospital',
      body: { submission: 1, clause: '4.9.2' },
    });
    await h.env.sleep(30 * HOUR); // reviewed after the due time: the submission's own time counts
    await c.act('reviewAnalysis', { decision: 'accept' });
    const s = await c.state();
    expect(byId(s, 'analysis').status).toBe('met');
    expect(s.analysis).toMatchObject({ status: 'accepted', submission: 1 });
    expect(s.timeline.at(-1)).toMatchObject({ type: 'analysis.accepted', clause: '4.9.2' });
    expect(notices(c.id, 'fault.analysis-reviewed')[0]).toMatchObject({
      recipients: 'vendor',
      body: { decision: 'accepted' },
    });
    expect(h.calls.propose.filter((p) => p.key === `${c.id}:analysis-breach`)).toHaveLength(0);
    expect((await codeOf(c.act('reviewAnalysis', { decision: 'reject', reason: 'again' }))).code).toBe(
      'NO_ANALYSIS_TO_REVIEW',
    );
    expect((await codeOf(c.act('submitAnalysis', { reference: 'doc://v2', checksum: 'sha256:abcdef02' }))).code).toBe(
      'ANALYSIS_ALREADY_SUBMITTED',
    );
  });

  it('when the hospital rejects the analysis before the due time and the vendor resubmits in time, then the deadline is met on the accepted resubmission', async () => {
    const c = await h.report(2);
    await c.act('respond', { engineer: 'Wang', how: 'remote' });
    await c.act('submitAnalysis', { reference: 'doc://fa-1', checksum: 'sha256:0a0a0a0a' });
    expect((await codeOf(c.act('submitAnalysis', { reference: 'doc://fa-2', checksum: 'sha256:0b0b0b0b' }))).code).toBe(
      'ANALYSIS_ALREADY_SUBMITTED',
    );
    expect((await codeOf(c.act('reviewAnalysis', { decision: 'reject' }))).field).toBe('reason');
    expect((await codeOf(c.act('reviewAnalysis', { decision: 'accept' }, 'vendor-engineer'))).code).toBe('FORBIDDEN');
    await c.act('reviewAnalysis', { decision: 'reject', reason: '缺少根因分析' });
    let s = await c.state();
    expect(byId(s, 'analysis').status).toBe('pending'); // a rejected submission counts for nothing
    expect(notices(c.id, 'fault.analysis-reviewed')[0]).toMatchObject({
      body: { decision: 'rejected', reason: '缺少根因分析', deadline: 'analysis' },
    });
    await h.env.sleep(10 * HOUR);
    await c.act('submitAnalysis', { reference: 'doc://fa-2', checksum: 'sha256:0b0b0b0b' });
    await c.act('reviewAnalysis', { decision: 'accept' }, 'hospital-approver');
    await h.env.sleep(20 * HOUR); // past the 24 h due time: nothing more happens
    s = await c.state();
    expect(byId(s, 'analysis').status).toBe('met');
    expect(s.timeline.find((f) => f.type === 'analysis.submitted' && f.detail.submission === 2)?.detail).toMatchObject({
      resubmits: expect.any(Number),
      onTime: true,
    });
    expect(h.calls.propose.filter((p) => p.key === `${c.id}:analysis-breach`)).toHaveLength(0);
  });

  it('when an on-time analysis is rejected after the due time, then the analysis is breached at once with a 6.2.1 penalty, and a late resubmission keeps it breached', async () => {
    const c = await h.report(1);
    await c.act('respond', { engineer: 'Wang', how: 'remote' });
    await c.act('submitAnalysis', { reference: 'doc://fa-1', checksum: 'sha256:0c0c0c0c' });
    await h.env.sleep(25 * HOUR);
    expect(byId(await c.state(), 'analysis').status).toBe('met');
    await c.act('reviewAnalysis', { decision: 'reject', reason: 'not the analysis of this fault' });
    let s = await c.state();
    expect(byId(s, 'analysis').status).toBe('breached');
    expect(h.calls.propose.filter((p) => p.key === `${c.id}:analysis-breach`)).toEqual([
      expect.objectContaining({ clause: '6.2.1', amountFen: '100000' }),
    ]);
    await h.env.sleep(MIN);
    await c.act('submitAnalysis', { reference: 'doc://fa-2', checksum: 'sha256:0d0d0d0d' });
    await c.act('reviewAnalysis', { decision: 'accept' });
    s = await c.state();
    expect(byId(s, 'analysis').status).toBe('breached');
    expect(h.calls.propose.filter((p) => p.key.startsWith(`${c.id}:analysis-breach`))).toHaveLength(1); // one breach, one penalty
  });

  it('when the vendor resolves the fault, then the hospital operator is told to confirm or reopen', async () => {
    const c = await h.report(3);
    await c.act('respond', { engineer: 'Wang', how: 'remote' });
    await c.act('resolve', { summary: '重启服务后恢复' });
    expect(notices(c.id, 'fault.resolved')).toEqual([
      expect.objectContaining({
        recipients: 'hospital',
        body: expect.objectContaining({ summary: '重启服务后恢复', clause: '4.9.2' }),
      }),
    ]);
  });
});
