// Issue 15 on the time-skipping server: a case keeps its Web UI line (WeibaoSummary), its
// current details (the SDK's __temporal_workflow_metadata query, what the UI's page reads) and
// WeibaoOverdue current as it moves; time is driven past each deadline.
import type { WorkflowHandle } from '@temporalio/client';
import { workflowMetadataQuery } from '@temporalio/workflow';
import { SA } from '../../src/temporal/search-attributes';
import { dongleStateQuery } from '../../src/workflows/obligations/dongle';
import { byId, MIN, startHarness as startFaultHarness, type Harness as FaultHarness } from './fault-harness';
import { HOUR, sleepUntil, startHarness as startObligationsHarness, until } from './obligations-harness';

const attributes = async (handle: WorkflowHandle) => (await handle.describe()).typedSearchAttributes;
const details = async (handle: WorkflowHandle) => (await handle.query(workflowMetadataQuery)).currentDetails ?? '';

describe('a fault case (4.9.4)', () => {
  let h: FaultHarness;
  beforeAll(async () => {
    h = await startFaultHarness('summaries');
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('when the response deadline passes unanswered, then the case turns overdue in its line, its details and WeibaoOverdue; a late response clears overdue, not the breach', async () => {
    const c = await h.report(1, { title: '全院 OA 无法登录' });
    const due = byId(await c.state(), 'response').dueMs;
    let sa = await attributes(c.handle);
    expect(sa.get(SA.summary)).toMatch(new RegExp(`^一级故障 · ${c.id} · 已报告 · 截止 \\d\\d-\\d\\d \\d\\d:\\d\\d$`));
    expect(sa.get(SA.overdue)).toBeUndefined(); // absent reads as false
    expect(await details(c.handle)).toContain('标题：全院 OA 无法登录');
    expect(await details(c.handle)).toContain('逾期：否');

    await h.env.sleep(due - (await h.env.currentTimeMs()) + MIN);
    await until(
      () => attributes(c.handle),
      (a) => a.get(SA.overdue) === true,
    );
    sa = await attributes(c.handle);
    expect(sa.get(SA.breached)).toBe(true);
    expect(sa.get(SA.summary)).toContain('· 已逾期 · 已违约');
    expect(sa.get(SA.summary)).not.toContain('全院 OA'); // no free text in a search attribute
    expect(await details(c.handle)).toContain('逾期：是　违约：是');

    await c.act('respond', { engineer: 'Wang', how: 'remote' });
    await until(
      () => attributes(c.handle),
      (a) => a.get(SA.overdue) === false,
    );
    sa = await attributes(c.handle);
    expect(sa.get(SA.breached)).toBe(true);
    expect(sa.get(SA.summary)).toContain('已响应');
    expect(sa.get(SA.summary)).not.toContain('已逾期');
  });
});

describe('a kernel case: the dongle declaration (4.10)', () => {
  let h: Awaited<ReturnType<typeof startObligationsHarness>>;
  beforeAll(async () => {
    h = await startObligationsHarness('summaries');
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('when 7 working days pass with nothing declared, then the case is overdue (deadline-missed) in WeibaoOverdue and its line', async () => {
    const contractId = 'C-sum-1';
    const handle = await h.env.client.workflow.start('dongleWorkflow', {
      taskQueue: h.taskQueue,
      workflowId: `dongle:${contractId}`,
      args: [{ contractId, signedAt: new Date(await h.env.currentTimeMs()).toISOString() }],
    });
    const s = await until(
      () => handle.query(dongleStateQuery),
      (x) => x.deadline.lastDay !== '',
    );
    const before = await until(
      () => attributes(handle),
      (a) => a.get(SA.summary) !== undefined,
    );
    expect(before.get(SA.summary)).toMatch(/^加密锁解除 · dongle:C-sum-1 · 待声明 · 截止 /);
    expect(before.get(SA.overdue)).toBeUndefined();

    await sleepUntil(h.env, Date.parse(s.deadline.deadlineAt) + HOUR);
    const after = await until(
      () => attributes(handle),
      (a) => a.get(SA.overdue) === true,
    );
    expect(after.get(SA.summary)).toBe('加密锁解除 · dongle:C-sum-1 · 已逾期 · 已违约');
    expect(await details(handle)).toContain('状态：已逾期（待供应商）');
  });
});
