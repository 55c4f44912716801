// Issue 15: what the Temporal Web UI shows of a case (src/workflows/kernel/summary.ts,
// src/temporal/case-summaries.ts): Chinese, Beijing time, no free text in a search attribute.
import { defaultTerms, faultDeadlines } from '../../src/domain';
import {
  caseStartMetadata,
  faultStartMetadata,
  launcherStartMetadata,
  periodStartMetadata,
  serviceAbout,
} from '../../src/temporal/case-summaries';
import searchAttributeTypes from '../../src/temporal/search-attributes.json';
import { caseDetails, caseSummary, isOverdue, SUMMARY_MAX } from '../../src/workflows/kernel/summary';
import type { FaultCaseInput } from '../../src/workflows/fault/messages';

// 2026-12-02 02:00 in Beijing (18:00 UTC the day before).
const REPORTED = Date.parse('2026-12-02T02:00:00+08:00');
const input: FaultCaseInput = {
  caseId: 'fault:C-2026-001:7',
  contractId: 'C-2026-001',
  caseNo: 7,
  level: 1,
  title: '全院 OA 无法登录',
  description: '登录页报 502',
  channel: 'phone',
  affectsOperations: true,
  reporter: '李护士',
  reportedAtMs: REPORTED,
  reportedBy: { name: 'nurse.li', role: 'hospital-operator' },
};

describe('fault start', () => {
  const deadlines = faultDeadlines(REPORTED, 1, true, defaultTerms());
  const meta = faultStartMetadata(input, deadlines);

  it('when a level-1 fault is reported at 02:00 Beijing, then its summary reads level, title and the 15-minute response deadline at +08:00', () => {
    expect(meta.staticSummary).toBe('一级故障 · 全院 OA 无法登录 · 响应截止 02:15');
  });

  it('when the details are read, then every deadline of 4.9 is listed with its clause and full Beijing time', () => {
    expect(meta.staticDetails).toContain('报告：2026-12-02 02:00 +08:00，报告人 李护士');
    expect(meta.staticDetails).toContain('响应截止：2026-12-02 02:15 +08:00（第 4.9.4 条）');
    for (const d of deadlines) expect(meta.staticDetails).toContain(`（第 ${d.clause} 条）`);
  });

  it('when the list line is made, then it carries no title (search attributes are not encrypted)', () => {
    expect(meta.listLine).toBe('一级故障 · fault:C-2026-001:7 · 已报告 · 截止 12-02 02:15');
    expect(meta.listLine).not.toContain(input.title);
  });

  it('when the deadline falls on another Beijing day than the report, then the summary names the day', () => {
    const late = faultStartMetadata({ ...input, reportedAtMs: Date.parse('2026-12-02T23:50:00+08:00') }, [
      { kind: 'response', dueMs: Date.parse('2026-12-03T00:05:00+08:00'), clause: '4.9.4', warnAtMs: [] },
    ]);
    expect(late.staticSummary).toBe('一级故障 · 全院 OA 无法登录 · 响应截止 12-03 00:05');
  });
});

describe('the other families', () => {
  it('when a service request starts with its title and clause, then summary and details name them, the list line does not', () => {
    const m = caseStartMetadata('service', 'service:C-1:r1', 'C-1', { title: '打印机驱动升级', clause: '4.4' });
    expect(m.staticSummary).toBe('服务请求 · 打印机驱动升级 · 合同 C-1');
    expect(m.staticDetails).toContain('依据：第 4.4 条');
    expect(m.listLine).toBe('服务请求 · service:C-1:r1 · 待启动');
  });

  it('when a service request or a licence starts, then its summary names the clause, the title and the due date', () => {
    const raised = {
      contractId: 'C-1',
      requestId: 'r1',
      clause: '4.7' as const,
      origin: 'raised' as const,
      title: '数据库字典',
      description: '交付数据库字典',
      documents: [],
      raisedAt: '2026-12-01T00:00:00Z',
      raisedBy: { name: '李', role: 'hospital-operator' },
    };
    const summary = (i: Parameters<typeof serviceAbout>[0]) =>
      caseStartMetadata('service', 'service:C-1:r1', 'C-1', serviceAbout(i)).staticSummary;
    expect(summary({ ...raised, proposedDueDate: '2026-12-31' })).toBe(
      '服务请求 · 第 4.7 条 · 数据库字典 · 拟截止 2026-12-31',
    );
    expect(summary(raised)).toBe('服务请求 · 第 4.7 条 · 数据库字典');
    expect(
      summary({ ...raised, clause: '4.4', title: '中间件许可', licence: { name: '中间件', expiresOn: '2027-06-30' } }),
    ).toBe('服务请求 · 第 4.4 条 · 中间件许可 · 截止 2027-06-30');
    expect(caseStartMetadata('service', 'service:C-1:r1', 'C-1', serviceAbout(raised)).staticDetails).toContain(
      '依据：第 4.7 条',
    );
  });

  it.each([
    ['dongle', '加密锁解除 · 合同 C-1', '4.10'],
    ['rectification', '签约整改 · 合同 C-1', '6.3'],
    ['golive', '系统上线 · 合同 C-1', '6.3'],
    ['staff', '人员变更 · 合同 C-1', '4.2'],
  ])('when a %s case starts, then its summary is %s and its details cite clause %s', (kind, summary, clause) => {
    const m = caseStartMetadata(kind, `${kind}:C-1`, 'C-1');
    expect(m.staticSummary).toBe(summary);
    expect(m.staticDetails).toContain(`依据：第 ${clause} 条`);
  });

  it('when the launcher starts a period, then the period is named in Chinese', () => {
    expect(periodStartMetadata('inspection:C-1:2Q3', 'C-1').staticSummary).toBe(
      '季度巡检 · 第 2 合同年第 3 季度 · 合同 C-1',
    );
    expect(periodStartMetadata('acceptance:C-1:1', 'C-1').staticSummary).toBe('年度验收 · 第 1 合同年 · 合同 C-1');
    expect(launcherStartMetadata('reconcile', 'C-1').staticSummary).toBe('周期启动 · 每日补齐周期（3） · 合同 C-1');
  });
});

describe('overdue (WeibaoOverdue: the store has no now())', () => {
  const now = Date.parse('2026-12-02T10:00:00+08:00');
  it.each([
    [
      'a next deadline in the past, someone awaited',
      { status: 'open', awaiting: 'vendor', nextDeadlineMs: now - 1 },
      true,
    ],
    ['a next deadline exactly now', { status: 'open', awaiting: 'vendor', nextDeadlineMs: now }, true],
    ['a next deadline ahead', { status: 'open', awaiting: 'vendor', nextDeadlineMs: now + 1 }, false],
    [
      'a late status with its next deadline moved on',
      { status: 'late', awaiting: 'vendor', nextDeadlineMs: now + 9 },
      true,
    ],
    ['a missed dongle deadline', { status: 'deadline-missed', awaiting: 'vendor', nextDeadlineMs: null }, true],
    ['an overdue inspection the hospital must read', { status: 'overdue', awaiting: 'hospital' }, true],
    ['a finished case with a past deadline', { status: 'closed', awaiting: 'none', nextDeadlineMs: now - 1 }, false],
    ['no deadline', { status: 'open', awaiting: 'vendor', nextDeadlineMs: null }, false],
  ] as const)('when %s, then overdue is %s', (_what, line, expected) => {
    expect(isOverdue(line, now)).toBe(expected);
  });

  it('when a case is overdue and breached, then its list line and details say so in Chinese', () => {
    const line = {
      caseId: 'inspection:C-1:1Q2',
      contractId: 'C-1',
      kind: 'inspection',
      status: 'overdue',
      awaiting: 'vendor',
      breached: true,
      overdue: true,
      nextDeadlineMs: Date.parse('2026-06-30T23:59:59+08:00'),
    };
    expect(caseSummary(line)).toBe('季度巡检 · inspection:C-1:1Q2 · 已逾期 · 截止 06-30 23:59 · 已违约');
    const details = caseDetails({ ...line, title: '不应出现在列表中' });
    expect(details).toContain('下一期限：2026-06-30 23:59 +08:00');
    expect(details).toContain('逾期：是　违约：是');
    expect(details).toContain('标题：不应出现在列表中');
  });
});

describe('the list line in production visibility (PostgreSQL)', () => {
  it('when a search attribute is registered, then none is Text: PostgreSQL parses Text as tsvector and a case id like fault:C-1:7 failed every visibility write', () => {
    const types = Object.values(searchAttributeTypes);
    expect(types).not.toContain('Text');
    expect(searchAttributeTypes.WeibaoSummary).toBe('Keyword');
  });

  it('when a case id is very long, then its list line still fits a Keyword column (255 characters)', () => {
    const line = caseSummary({
      caseId: `service:C-2026-001:${'x'.repeat(300)}`,
      contractId: 'C-2026-001',
      kind: 'service',
      status: 'open',
    });
    expect(line.length).toBe(SUMMARY_MAX);
    expect(line.startsWith('服务请求 · service:C-2026-001:x')).toBe(true);
  });
});
