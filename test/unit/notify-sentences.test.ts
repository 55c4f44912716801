import { renderMessage } from '../../src/notify/messages';
import type { OutboxMessage } from '../../src/notify/model';
import { contextOf } from '../../src/notify/router';
import { TOPIC_ROUTES } from '../../src/notify/topic-catalogue';

// Issue 13: every topic says in Chinese (English per recipient) what happened, what is due by
// when under which clause, with +08:00 times and a link to its case. The subject of an outbox
// row is English for logs; a Chinese reader must never get it.
const T = '2026-03-31T16:00:00.000Z'; // 2026-04-01 00:00 in Shanghai
const T8 = '2026-04-01 00:00 +08:00';
const fault = { caseId: 'fault:C-1:7', level: 1, title: 'HIS 无法登录' };
const insp = { workflowId: 'inspection:C-1:1Q2', contractYear: 1, quarter: 2 };
const care = { workflowId: 'care:C-1:1Q2', contractYear: 1, quarter: 2 };
const acc = { workflowId: 'acceptance:C-1:2' };
const svc = { caseId: 'service:C-1:dict', requestId: 'dict', clause: '4.7', title: '数据库字典' };
const lic = { caseId: 'service:C-1:db', requestId: 'db', clause: '4.4', title: '许可证', licenceName: '数据库许可' };
const SVC_LINK = '/contracts/C-1/service-requests/dict';
const LIC_LINK = '/contracts/C-1/service-requests/db';
const SUBJECT = 'ENGLISH SUBJECT FOR LOGS';
const BASE = 'https://weibao.example.cn';

// topic -> [body, Chinese phrases the text must hold, link path, English phrase]
const CASES: Record<string, [Record<string, unknown>, string[], string, string]> = {
  'fault.reported': [
    { ...fault, reportedAt: T, reporter: '护士李', channel: 'phone' },
    [`医院于 ${T8} 报告了1 级故障「HIS 无法登录」`, '第 4.9.4 条'],
    '/faults/fault%3AC-1%3A7',
    'reported',
  ],
  'fault.warning': [
    { ...fault, deadline: 'response', clause: '4.9.4', dueAt: T, fraction: 0.5 },
    ['已用去 50%', `响应截止 ${T8}（第 4.9.4 条）`],
    '/faults/fault%3AC-1%3A7',
    '50% of the response deadline',
  ],
  'fault.breach': [
    { ...fault, deadline: 'onsite', clause: '4.9.2', dueAt: T, lateByMs: 60_000, penalty: { amountFen: '100000' } },
    ['期限已违约', `工程师到场截止 ${T8}（第 4.9.2 条）`, '1000.00 元'],
    '/faults/fault%3AC-1%3A7',
    'breached',
  ],
  'fault.exclusion': [
    { ...fault, cause: 'network', evidence: ['日志'] },
    ['主张免责（网络原因）', '第 4.9.2 条'],
    '/faults/fault%3AC-1%3A7',
    'exclusion',
  ],
  'fault.analysis-submitted': [
    { ...fault, reference: 'doc_x@1', submission: 1, submittedAt: T },
    [`${T8} 提交了`, '故障分析说明文档', '第 4.9.2 条'],
    '/faults/fault%3AC-1%3A7',
    'fault analysis document',
  ],
  'fault.analysis-reviewed': [
    {
      ...fault,
      decision: 'rejected',
      reason: '缺少根因',
      submission: 1,
      dueAt: T,
      deadline: 'analysis',
      clause: '4.9.2',
    },
    ['驳回', '理由：缺少根因', `截止 ${T8}（第 4.9.2 条）`],
    '/faults/fault%3AC-1%3A7',
    'rejected',
  ],
  'fault.resolved': [
    { ...fault, summary: '重启后恢复', resolvedAt: T },
    [`${T8} 将`, '已解决：重启后恢复', '确认修复', '第 4.9.2 条'],
    '/faults/fault%3AC-1%3A7',
    'resolved',
  ],
  'fault.reopened': [
    { ...fault, reason: '问题复现', round: 2, dueAt: T, clause: '4.9.2', deadline: 'onsite:2' },
    ['重新打开', '问题复现', `到场截止 ${T8}`, '第 4.9.2 条'],
    '/faults/fault%3AC-1%3A7',
    'reopened',
  ],
  'fault.stated-time': [
    { ...fault, factSeq: 3, type: 'case.responded', occurredAt: T, recordedAt: T, statedBy: 'vendor', contestUntil: T },
    ['供应商声明', `发生于 ${T8}`, `在 ${T8} 前提出`, '第 6 条'],
    '/faults/fault%3AC-1%3A7',
    'may contest',
  ],
  'fault.time-contested': [
    { ...fault, factSeq: 3, statedAt: T, proposedAt: T, reason: '日志显示更晚' },
    ['提出异议', `声明 ${T8}`, '医院审批人裁定', '第 6 条'],
    '/faults/fault%3AC-1%3A7',
    'contested',
  ],
  'fault.time-decided': [
    { ...fault, factSeq: 3, decision: 'stated', effectiveAt: T, reason: '证据充分' },
    ['已裁定', `采纳声明的时间 ${T8}`],
    '/faults/fault%3AC-1%3A7',
    'decided',
  ],
  'fault.breach-superseded': [
    // the why as the workflow writes it (src/workflows/fault/judge.ts), read back in Chinese (failed before: the English came through)
    { ...fault, deadline: 'response', why: "fulfilled in time by the fact's own time" },
    ['违约记录已被事实取代（响应）：已按事实本身的时间按时履行。', '已撤回'],
    '/faults/fault%3AC-1%3A7',
    'superseded',
  ],
  'penalty.proposed': [
    { ...fault, amountFen: '100000', clause: '6.2.1', status: 'proposed' },
    ['违约金 1000.00 元（第 6.2.1 条）', '待医院审批人确认'],
    '/faults/fault%3AC-1%3A7',
    'Penalty of CNY 1000.00',
  ],
  'penalty.disputed': [
    { amountFen: '100000', clause: '6.2.1', status: 'disputed', reason: '已按时响应' },
    ['被提出异议', '理由：已按时响应'],
    '/contracts/C-1',
    'disputed',
  ],
  'penalty.decided': [
    { amountFen: '100000', clause: '6.2.1', status: 'confirmed' },
    ['已确认'],
    '/contracts/C-1',
    'confirmed',
  ],
  'inspection.due': [
    { ...insp, dueAt: T, clause: '4.3' },
    ['第 1 合同年度第 2 季度巡检已开始', `截止 ${T8}（第 4.3 条）`],
    '/contracts/C-1/inspections/1Q2',
    'quarterly inspection',
  ],
  'inspection.report-submitted': [
    { ...insp, dueAt: T, submittedAt: T, clause: '4.3' },
    [`${T8} 提交了第 1 合同年度第 2 季度巡检的巡检报告`, '第 4.3 条'],
    '/contracts/C-1/inspections/1Q2',
    'submitted the report',
  ],
  'inspection.changes-requested': [
    { ...insp, clause: '4.3' },
    ['要求修改', '第 4.3 条'],
    '/contracts/C-1/inspections/1Q2',
    'requests changes',
  ],
  'inspection.overdue': [
    { ...insp, dueAt: T },
    ['巡检报告已逾期', `截止 ${T8}`, '第 6.2.1 条', '第 4.3 条'],
    '/contracts/C-1/inspections/1Q2',
    'overdue',
  ],
  'inspection.remediation-overdue': [
    { ...insp, item: { id: 'R2', deadline: T }, clause: '4.6' },
    ['整改项「R2」已逾期', `截止 ${T8}`, '第 4.6 条'],
    '/contracts/C-1/inspections/1Q2',
    'Remediation item R2',
  ],
  'care.due': [
    { ...care, dueAt: T, requiredVisits: 1, clause: '4.1' },
    ['客户关怀已开始', '回访 1 次', `${T8} 前`, '第 4.1 条'],
    '/contracts/C-1/care-periods/1Q2',
    'return visit',
  ],
  'care.missed': [
    { ...care, visits: 0, required: 1 },
    ['未完成', '第 6.2.1 条', '第 4.1 条'],
    '/contracts/C-1/care-periods/1Q2',
    'missed',
  ],
  'staff.change-requested': [
    { requestId: 'SC-1', effectiveDate: '2026-05-01', clause: '4.2' },
    ['人员变更 SC-1', '生效日期 2026-05-01', '第 4.2 条'],
    '/contracts/C-1',
    'staff change SC-1',
  ],
  'staff.change-decided': [
    { requestId: 'SC-1', outcome: 'approved' },
    ['人员变更 SC-1 已批准', '第 4.2 条'],
    '/contracts/C-1',
    'approved',
  ],
  'staff.unannounced': [
    { requestId: 'SC-2', effectiveDate: '2026-05-01' },
    ['未经通知的人员变更 SC-2', '第 6.7 条'],
    '/contracts/C-1',
    'unannounced',
  ],
  'service.raised': [
    { ...svc, dueDate: '2026-05-01' },
    ['医院提出了服务请求「数据库字典」', '第 4.7 条', '2026-05-01'],
    SVC_LINK,
    'raised service request',
  ],
  'service.licence-registered': [
    { ...lic, dueDate: '2026-06-30' },
    ['许可证「数据库许可」已登记', '2026-06-30', '第 4.4 条'],
    LIC_LINK,
    'is registered',
  ],
  'service.due-date-proposed': [
    { ...svc, dueDate: '2026-05-08', proposedBy: 'vendor' },
    ['供应商为服务请求「数据库字典」', '2026-05-08', '第 4.7 条'],
    SVC_LINK,
    'proposes 2026-05-08',
  ],
  'service.due-date-agreed': [
    { ...svc, dueDate: '2026-05-08' },
    ['完成日期已商定：2026-05-08', '第 4.7 条'],
    SVC_LINK,
    'is agreed',
  ],
  'service.acknowledged': [{ ...svc }, ['供应商已受理', '第 4.7 条'], SVC_LINK, 'acknowledged'],
  'service.delivered': [{ ...svc, delivery: 2 }, ['第 2 次', '请验收或退回', '第 4.7 条'], SVC_LINK, 'delivery 2'],
  'service.delivery-reviewed': [
    { ...svc, decision: 'sent-back', reason: '缺少表说明' },
    ['退回', '理由：缺少表说明', '第 4.7 条'],
    SVC_LINK,
    'sent back',
  ],
  'service.large-change-claimed': [
    { ...svc, clause: '5.4', title: '新报表', reason: '40 人天' },
    ['较大修改：40 人天', '第 5.4 条'],
    SVC_LINK,
    'large change',
  ],
  'service.large-change-decided': [
    { ...svc, clause: '5.4', title: '新报表', outcome: 'agreed' },
    ['移出免费范围', '第 5.4 条'],
    SVC_LINK,
    'leaves the free scope',
  ],
  'service.licence-expiring': [
    { ...lic, dueDate: '2026-06-30' },
    ['将于 2026-06-30 到期', '第 4.4 条'],
    LIC_LINK,
    'expires on 2026-06-30',
  ],
  'service.licence-lapsed': [
    { ...lic, dueAt: T, pricedUnder: '6.5' },
    [`已于 ${T8} 过期未续`, '第 4.4 条', '第 6.5 条'],
    LIC_LINK,
    'lapsed',
  ],
  'service.breach': [
    { ...svc, dueAt: T, pricedUnder: '6.2.2' },
    [`截止 ${T8}`, '第 4.7 条', '第 6.2.2 条'],
    SVC_LINK,
    'not delivered and accepted',
  ],
  'acceptance.open': [
    { ...acc },
    ['第 2 合同年度验收已开始', '验收材料', '第 3 条'],
    '/contracts/C-1/acceptances/2',
    'acceptance package',
  ],
  'acceptance.submitted': [
    { ...acc, round: 1, submittedAt: T },
    [`${T8} 提交了第 2 合同年度验收的验收材料`, '第 3、8 条'],
    '/contracts/C-1/acceptances/2',
    'passes or fails',
  ],
  'acceptance.passed': [
    { ...acc, amountFen: '12345600' },
    ['已通过', '医院 2 份、供应商 1 份', '123456.00 元', '第 10 条'],
    '/contracts/C-1/acceptances/2',
    'passed',
  ],
  'acceptance.failed': [
    { ...acc, reasons: ['巡检报告缺失'] },
    ['未通过：巡检报告缺失', '第 3 条'],
    '/contracts/C-1/acceptances/2',
    'failed',
  ],
  'payment.released': [
    {
      paymentId: 'pay_1',
      contractYear: 2,
      feeFen: '4000000',
      deductionsFen: '100000',
      amountFen: '3900000',
      releasedAt: T,
      clause: '10',
    },
    ['第 2 合同年度付款已放行：39000.00 元', '扣除已确认违约金 1000.00 元', '第 10 条'],
    '/contracts/C-1',
    'released',
  ],
  'rights-event': [
    {
      right: 'breach-terminate-refund',
      clause: '6.3',
      numbers: {
        confirmedFen: '30864198',
        contractAmountFen: '123456789',
        thresholdPercent: 20,
        comparison: 'reaching',
      },
    },
    ['已确认扣款累计 308641.98 元', '达到 20%', '医院可以认定供应商违约', '第 6.3 条'],
    '/contracts/C-1',
    'may exercise',
  ],
  'rights-withdrawn': [
    {
      rightsEventKey: 'C-1:dongle:deadline-missed',
      cause: `superseded by fact 5: the removal was declared before ${T} (4.10)`,
      withdrawnAt: T,
    },
    ['权利事件 C-1:dongle:deadline-missed 已撤回', T8, `原因：被事实 5 取代：解除已在 ${T8} 前声明（4.10）`],
    '/contracts/C-1',
    'withdrawn',
  ],
  'rectification.plan-missed': [
    { caseId: 'rectification:C-1', lastDay: '2026-01-12' },
    ['整改计划未在期限内提交', '2026-01-12', '第 6.3 条'],
    '/contracts/C-1',
    'not delivered',
  ],
  'rectification.contract-ended': [
    { caseId: 'rectification:C-1', items: [] },
    ['合同结束', '第 6.3 条'],
    '/contracts/C-1',
    'closed',
  ],
  'dongle.exempt': [
    { caseId: 'dongle:C-1', findingId: 'F1', reason: '医院更换服务器未提前一周通知' },
    ['第 6.6 条例外豁免', '医院更换服务器'],
    '/contracts/C-1',
    'exempt',
  ],
};

const msg = (topic: string, body: Record<string, unknown>): OutboxMessage => ({
  key: `k:${topic}`,
  topic,
  contractId: 'C-1',
  subject: SUBJECT,
  body,
  createdAtMs: Date.parse(T),
});

describe('the text of every topic', () => {
  it('when the topic table changes, then every topic has a case here (a new topic needs its sentence and its test)', () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(TOPIC_ROUTES).sort());
  });
  it.each(Object.entries(CASES))(
    'when %s is rendered, then the Chinese text says what happened, the clause and +08:00 times, with the link; English for English readers',
    (topic, [body, phrases, path, english]) => {
      const m = msg(topic, body);
      const ctx = contextOf(m, undefined, BASE);
      const zh = renderMessage(m, ctx, 'zh-CN');
      for (const p of phrases) expect(zh.text).toContain(p);
      expect(zh.text).not.toContain(SUBJECT);
      expect(zh.text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/); // never a raw ISO instant
      expect(zh.text).toContain(`查看：${BASE}${path}`);
      expect(zh.title.startsWith('【维保】')).toBe(true);
      const en = renderMessage(m, ctx, 'en');
      expect(en.text).toContain(english);
      expect(en.text).toContain(`Open: ${BASE}${path}`);
    },
  );
  it("when an obligation's stated time is announced, then it says the same in its family's words and links to the contract", () => {
    const m = msg('go-live.stated-time', {
      caseId: 'go-live:C-1',
      factSeq: 2,
      type: 'live',
      occurredAt: T,
      recordedAt: T,
      statedBy: 'vendor',
      contestUntil: T,
    });
    const zh = renderMessage(m, contextOf(m, undefined, BASE), 'zh-CN');
    expect(zh.text).toContain(`供应商声明系统上线的「live」发生于 ${T8}`);
    expect(zh.text).toContain(`查看：${BASE}/contracts/C-1`);
  });
});

describe("a withdrawn penalty's reason in the recipient language (issue 15)", () => {
  it('when a penalty is withdrawn because its fault breach was superseded, then a Chinese reader reads the reason in Chinese', () => {
    // failed before: 理由：breach of response (clause 4.9.4) superseded: ...
    const reason = "breach of response (clause 4.9.4) superseded: fulfilled in time by the fact's own time (fact 5)";
    const m = msg('penalty.decided', { ...fault, amountFen: '100000', clause: '6.2.1', status: 'withdrawn', reason });
    const ctx = contextOf(m, undefined, BASE);
    expect(renderMessage(m, ctx, 'zh-CN').text).toContain(
      '理由：响应时限（条款 4.9.4）的超时被取代：已按事实本身的时间按时履行（事实 5）',
    );
    expect(renderMessage(m, ctx, 'en').text).toContain(`Reason: ${reason}`);
  });
});

describe('the basis of a payment notice in the recipient language (issue 15 item 5)', () => {
  const body = {
    paymentId: 'pay_1',
    contractYear: 2,
    feeFen: '4000000',
    deductionsFen: '100000',
    amountFen: '3900000',
    basis: 'clause 10: yearly fee CNY 40,000.00 less confirmed deductions CNY 1,000.00 (clause 6)',
    releasedAt: T,
    clause: '10',
  };
  const render = (b: Record<string, unknown>, lang: 'zh-CN' | 'en') => {
    const m = msg('payment.released', b);
    return renderMessage(m, contextOf(m, undefined, BASE), lang).text;
  };
  it('when the notice carries the basis template (460_payment_notice_basis.sql), then each reader gets it in their language', () => {
    const keyed = { ...body, basisKey: 'payment.10', basisParams: { feeFen: '4000000', deductionsFen: '100000' } };
    expect(render(keyed, 'zh-CN')).toContain('依据：条款 10：年费 40,000.00 元 扣除已确认扣款 1,000.00 元（条款 6）。');
    expect(render(keyed, 'en')).toContain(
      'Basis: clause 10: yearly fee CNY 40,000.00 less confirmed deductions CNY 1,000.00 (clause 6).',
    );
  });
  it('when an older notice carries only the English basis, then a Chinese reader gets it in Chinese too', () => {
    expect(render(body, 'zh-CN')).toContain('依据：条款 10：年费 40,000.00 元 扣除已确认扣款 1,000.00 元（条款 6）。');
    expect(render({ ...body, basis: 'typed by finance' }, 'zh-CN')).toContain('依据：typed by finance。');
  });
});
