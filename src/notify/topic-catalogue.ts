// The catalogue of notification topics (data, as src/i18n/messages): each topic's audience and
// its name in Chinese and English. The topics are the outbox's (grep `topic:` in src); how a
// topic is routed, with its family, fallback and overrides, is in topics.ts.
import type { Audience } from './model';

export type Route = { audience: Audience[]; zh: string; en: string };

export const TOPIC_ROUTES: Record<string, Route> = {
  // Faults (4.9): a new fault is the on-duty engineers' move at once (4.9.4).
  'fault.reported': { audience: ['vendor.on-duty'], zh: '新故障报告', en: 'New fault reported' },
  // Warnings and breaches follow the contract's escalation chain (routing.ts), not this list.
  'fault.warning': { audience: ['vendor.on-duty'], zh: '期限预警', en: 'Deadline warning' },
  'fault.breach': { audience: ['vendor.on-duty'], zh: '期限已违约', en: 'Deadline breached' },
  // The hospital decides an exclusion (4.9.2) and reviews what the vendor submits.
  'fault.exclusion': {
    audience: ['hospital.operator', 'hospital.approver'],
    zh: '供应商主张免责',
    en: 'Exclusion claimed',
  },
  'fault.analysis-submitted': {
    audience: ['hospital.operator'],
    zh: '故障分析报告待审阅',
    en: 'Fault analysis submitted for review',
  },
  'fault.analysis-reviewed': {
    audience: ['vendor.on-duty', 'vendor.lead'],
    zh: '故障分析报告已审阅',
    en: 'Fault analysis reviewed',
  },
  'fault.resolved': {
    audience: ['hospital.operator'],
    zh: '故障已解决，待医院确认',
    en: "Fault resolved, awaiting the hospital's confirmation",
  },
  'fault.reopened': { audience: ['vendor.on-duty', 'vendor.lead'], zh: '故障被重新打开', en: 'Fault reopened' },
  // A time stated for an earlier instant: the other party may contest it (body.party names who stated it).
  'fault.stated-time': {
    audience: ['hospital.operator', 'vendor.lead'],
    zh: '对方声明了较早的时间，可提出异议',
    en: 'An earlier time was stated; you may contest it',
  },
  'fault.time-contested': {
    audience: ['hospital.approver', 'vendor.lead'],
    zh: '时间异议待医院审批人裁定',
    en: 'A stated time is contested; the hospital approver decides',
  },
  'fault.time-decided': {
    audience: ['vendor.lead', 'hospital.operator'],
    zh: '时间异议已裁定',
    en: 'Time contest decided',
  },
  'fault.breach-superseded': {
    audience: ['vendor.lead', 'vendor.manager', 'hospital.approver'],
    zh: '违约被事实取代，违约金撤回',
    en: 'Breach superseded by the facts; penalty withdrawn',
  },
  // Penalties (6.2): the approver confirms or waives; a dispute goes back to the approver.
  'penalty.proposed': { audience: ['hospital.approver'], zh: '违约金待确认', en: 'Penalty proposed' },
  'penalty.disputed': { audience: ['hospital.approver'], zh: '违约金被提出异议', en: 'Penalty disputed' },
  'penalty.decided': { audience: ['vendor.manager', 'hospital.finance'], zh: '违约金已裁定', en: 'Penalty decided' },
  // Inspections (4.3) and customer care (4.1): the vendor's lead plans them; overdue tells the hospital.
  'inspection.due': { audience: ['vendor.lead'], zh: '季度巡检即将到期', en: 'Quarterly inspection due' },
  'inspection.report-submitted': {
    audience: ['hospital.operator'],
    zh: '巡检报告待确认',
    en: 'Inspection report submitted for review',
  },
  'inspection.changes-requested': {
    audience: ['vendor.lead'],
    zh: '巡检报告需修改',
    en: 'Inspection report: changes requested',
  },
  'inspection.overdue': {
    audience: ['vendor.lead', 'vendor.manager', 'hospital.operator'],
    zh: '季度巡检报告逾期',
    en: 'Inspection report overdue',
  },
  'inspection.remediation-overdue': {
    audience: ['vendor.lead', 'hospital.operator'],
    zh: '巡检整改逾期',
    en: 'Remediation overdue',
  },
  'care.due': { audience: ['vendor.lead'], zh: '客户关怀即将到期', en: 'Customer care due' },
  'care.missed': {
    audience: ['vendor.lead', 'vendor.manager', 'hospital.operator'],
    zh: '客户关怀未完成',
    en: 'Customer care missed',
  },
  // Staff changes (4.2, 6.7): the approver decides in writing; the vendor learns the decision.
  'staff.change-requested': {
    audience: ['hospital.approver'],
    zh: '人员变更待审批',
    en: 'Staff change awaits approval',
  },
  'staff.change-decided': {
    audience: ['vendor.lead', 'vendor.manager'],
    zh: '人员变更已审批',
    en: 'Staff change decided',
  },
  'staff.unannounced': {
    audience: ['vendor.manager', 'hospital.approver'],
    zh: '未经通知的人员变更',
    en: 'Unannounced staff change',
  },
  // Acceptance (clause 3, 8) and payment (clause 10).
  'acceptance.open': {
    audience: ['vendor.lead', 'hospital.operator'],
    zh: '年度验收开始，供应商提交验收材料',
    en: 'Yearly acceptance open',
  },
  'acceptance.submitted': { audience: ['hospital.approver'], zh: '验收材料待审', en: 'Acceptance package submitted' },
  'acceptance.passed': {
    audience: ['vendor.lead', 'vendor.manager', 'hospital.approver', 'hospital.finance'],
    zh: '年度验收通过',
    en: 'Acceptance passed',
  },
  'acceptance.failed': {
    audience: ['vendor.lead', 'vendor.manager', 'hospital.approver'],
    zh: '年度验收未通过，整改开始',
    en: 'Acceptance failed',
  },
  'payment.released': { audience: ['hospital.finance', 'vendor.manager'], zh: '付款已放行', en: 'Payment released' },
  // Rights of the hospital (6.3/6.4/6.5): the approver and finance act on them.
  'rights-event': {
    audience: ['hospital.approver', 'hospital.finance'],
    zh: '医院权利事件',
    en: 'Hospital rights event',
  },
  'rights-withdrawn': {
    audience: ['hospital.approver', 'hospital.finance'],
    zh: '医院权利事件已撤回',
    en: 'Hospital rights event withdrawn',
  },
  'rectification.plan-missed': {
    audience: ['vendor.lead', 'vendor.manager', 'hospital.approver'],
    zh: '整改计划逾期',
    en: 'Rectification plan missed',
  },
  'rectification.contract-ended': {
    audience: ['vendor.lead', 'hospital.approver'],
    zh: '合同结束，整改关闭',
    en: 'Rectification closed at contract end',
  },
  // Service requests (issue 18, 4.4-5.4): each step tells the party whose move it is now.
  'service.raised': { audience: ['vendor.lead'], zh: '新服务请求', en: 'New service request' },
  'service.licence-registered': {
    audience: ['vendor.lead', 'hospital.operator'],
    zh: '许可证到期日已登记',
    en: 'Licence expiry registered',
  },
  'service.due-date-proposed': {
    audience: ['vendor.lead', 'hospital.operator'],
    zh: '服务请求完成日期待确认',
    en: 'Due date proposed',
  },
  'service.due-date-agreed': {
    audience: ['vendor.lead', 'hospital.operator'],
    zh: '服务请求完成日期已商定',
    en: 'Due date agreed',
  },
  'service.acknowledged': { audience: ['hospital.operator'], zh: '供应商已受理服务请求', en: 'Request acknowledged' },
  'service.delivered': {
    audience: ['hospital.operator'],
    zh: '服务请求已交付，待医院验收',
    en: 'Delivered for review',
  },
  'service.delivery-reviewed': {
    audience: ['vendor.lead'],
    zh: '服务交付已审阅',
    en: 'Delivery reviewed',
  },
  'service.large-change-claimed': {
    audience: ['hospital.approver'],
    zh: '供应商主张属较大个性化修改',
    en: 'Large change claimed',
  },
  'service.large-change-decided': {
    audience: ['vendor.lead', 'vendor.manager'],
    zh: '较大修改主张已裁定',
    en: 'Large-change claim decided',
  },
  'service.licence-expiring': {
    audience: ['vendor.lead', 'hospital.operator'],
    zh: '许可证即将到期',
    en: 'Licence expiring',
  },
  'service.licence-lapsed': {
    audience: ['vendor.lead', 'vendor.manager', 'hospital.approver'],
    zh: '许可证已过期',
    en: 'Licence lapsed',
  },
  'service.breach': {
    audience: ['vendor.lead', 'vendor.manager', 'hospital.approver'],
    zh: '服务请求逾期',
    en: 'Service request overdue',
  },
  'dongle.exempt': {
    audience: ['vendor.lead', 'hospital.operator'],
    zh: '加密锁限制豁免',
    en: 'Restriction exempt (6.6)',
  },
};
