// The names of the deadlines the queue and the case pages show (issue 16 item 5), in Chinese
// and English: every duty of the families' duty tables (the *_DUTIES of src/workflows, whose
// `duty` is the English key) and the fault clocks of 4.9.2/4.9.4. The API answers both
// languages beside the key, so the console's zh-CN / en switch needs no second request and keeps
// no copy of its own. test/unit/duty-names.test.ts checks that every duty of every table has one.
import type { FaultDeadlineKind } from '../domain/faults';
import type { Locale } from './locale';

export type DutyNames = Record<Locale, string>;
const n = (zh: string, en: string): DutyNames => ({ 'zh-CN': zh, en });

export const DUTY_NAMES: Record<string, Record<string, DutyNames>> = {
  fault: {
    response: n('响应', 'response'),
    analysis: n('提交故障分析说明', 'fault analysis document'),
    onsite: n('工程师到场', 'engineer on site'),
    replacement: n('提供替代设备/软件', 'replacement provided'),
  } satisfies Record<FaultDeadlineKind, DutyNames>,
  inspection: {
    'quarterly inspection report': n('季度巡检报告', 'quarterly inspection report'),
    'remediation of high-severity findings': n('高风险问题整改', 'remediation of high-severity findings'),
  },
  care: { 'return visits': n('客户关怀回访', 'return visits') },
  acceptance: {
    submission: n('提交年度验收材料', 'acceptance package submission'),
    decision: n('年度验收结论', 'acceptance decision'),
    "the failed year's extension": n('未通过年度的顺延', "the failed year's extension"),
    'payment gating': n('付款以验收为前提', 'payment gated on acceptance'),
  },
  rectification: {
    plan: n('提交系统检查与整改计划', 'system check and rectification plan'),
    item: n('整改条目完成', 'plan item done'),
    'item 30 days late': n('整改条目逾期30天', 'plan item 30 days late'),
  },
  golive: { 'go-live': n('系统上线', 'go-live') },
  dongle: {
    removal: n('解除加密狗/锁', 'dongle and lock removal'),
    'no restriction found later': n('此后未发现限制', 'no restriction found later'),
  },
  staff: {
    notice: n('人员变更提前通知', 'staff-change notice'),
    'written approval': n('人员变更书面审批', 'written approval of the change'),
    'no unannounced change': n('不得擅自变更驻场人员', 'no unannounced change'),
  },
  // A service request's deadline is its delivery by the agreed due date (4.4-5.4); its key is the request's title.
  service: { delivery: n('按约定完成日期交付', 'delivery by the agreed due date') },
};

/** The names of a family's deadline (the key itself in both languages when it has none). */
export function dutyNames(family: string, duty: string): DutyNames {
  return DUTY_NAMES[family]?.[family === 'service' ? 'delivery' : duty] ?? n(duty, duty);
}
