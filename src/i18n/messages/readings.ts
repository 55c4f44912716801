// The open readings of the contract (clauses.md: "the platform must not guess silently") in
// both languages (issue 15): what the contract record's `readings` and the records citing a
// reading say. Rendered by src/domain/readings.ts (`{name}` marks a value of the terms); the
// English is word for word the sentence served before the Chinese existed, and is what
// workflow histories and stored rows carry (src/i18n/readings.ts reads those back).
import { tx } from '../report-text';

export const READING_TEXT = {
  'otherCommitment.6.5': tx(
    '6.2.2 与 6.5 都对“其他服务承诺”定价；适用 6.5：由院方审批人按造成的损失在合同金额的 {minPercent}%～{maxPercent}% 内选定比例',
    '6.2.2 and 6.5 both price "other service commitments"; applied 6.5: a rate chosen by the hospital\'s approver by the loss caused, within {minPercent}%..{maxPercent}% of the contract amount',
  ),
  'otherCommitment.6.2.2': tx(
    '6.2.2 与 6.5 都对“其他服务承诺”定价；适用 6.2.2：每次固定为合同金额的 {fixedPercent}%',
    '6.2.2 and 6.5 both price "other service commitments"; applied 6.2.2: a fixed {fixedPercent}% of the contract amount per occurrence',
  ),
  'goLive.completed': tx(
    '6.3“每超期{periodDays}天”理解为延期后每满 {periodDays} 天计一个期间（逾期第 1～{lastFreeDay} 天：不计；第 {periodDays} 天：一个期间）',
    '6.3 "每超期{periodDays}天" read as each COMPLETED {periodDays}-day period after the extension (days 1-{lastFreeDay} late: none; day {periodDays}: one period)',
  ),
  'goLive.started': tx(
    '6.3“每超期{periodDays}天”理解为延期后每开始一个 {periodDays} 天期间即计一个期间（逾期第 1 天：一个期间）',
    '6.3 "每超期{periodDays}天" read as each STARTED {periodDays}-day period after the extension (day 1 late: one period)',
  ),
  'onsiteClock.report': tx(
    '4.9.2：12 小时到场与 24 小时更换的时限自故障报告时起算',
    '4.9.2: the 12 h on-site and 24 h replacement deadlines run from the fault report',
  ),
  'onsiteClock.response': tx(
    '4.9.2：12 小时到场与 24 小时更换的时限自供应商响应时起算',
    "4.9.2: the 12 h on-site and 24 h replacement deadlines run from the vendor's response",
  ),
  analysisDocument: tx(
    '4.9.2 要求一、二级故障提交故障分析文档，但未规定期限；适用：报告后 {hours} 小时内提交',
    '4.9.2 requires a fault analysis document for levels 1-2 but names no deadline; applied: due {hours} h after the report',
  ),
  customerCare: tx(
    '4.1 要求“定期”回访但未规定频次；适用：每个日历季度 {visits} 次，与 4.3 巡检一样在季度最后一天前完成',
    '4.1 asks for "定期" (periodic) return visits without a frequency; applied: {visits} per calendar quarter, due by the quarter\'s last day like the 4.3 inspection',
  ),
  remediation: tx(
    '4.6 要求“及时”整改安全问题但未规定期限；适用：巡检发现的高危问题在院方确认报告后 {days} 个自然日内整改，截至北京时间 24:00',
    '4.6 asks to remediate security findings "promptly" without a deadline; applied: a high-severity inspection finding is due {days} calendar days after the hospital acknowledges the report, ending 24:00 Asia/Shanghai',
  ),
  'statedTimes.backdate': tx(
    '一方可陈述某事实发生在记录之前，最长不超过此时长（{windows}）；更早的予以拒绝并说明规则',
    'a party may state that a fact happened up to this long before it is recorded ({windows}); earlier is refused naming the rule',
  ),
  'statedTimes.tolerance': tx(
    '陈述时间早于记录时间不超过 {seconds} 秒的，按记录时间计（时钟容差）；更早的标记为该方陈述',
    'a stated time within {seconds} s before the recording counts as the recording time (clock tolerance); earlier is marked as stated by that party',
  ),
  'statedTimes.contest': tx(
    '另一方可在记录后 {hours} 小时内对所陈述的较早时间提出异议；由院方审批人裁定（同第 6 条有争议的罚款），时限按裁定的时间判断',
    "the other party may contest a stated earlier time within {hours} h of its recording; the hospital's approver decides, as for a disputed penalty (clause 6), and the deadline is judged on the decided time",
  ),
  quarters: tx(
    '4.1/4.3“每季度”理解为合同季度：自签约日起每 3 个月为一季；在季度最后一天 24:00（北京时间）前完成',
    '4.1/4.3 "every quarter" read as contract quarters: 3-month steps from the signing date; due at 24:00 of the quarter\'s last day (Asia/Shanghai)',
  ),
  extensionQuarters: tx(
    '3/4.3：因验收未通过而延长的年度，其季度在通过时结束（下一年度自此开始），但仍在满 3 个月时到期',
    '3/4.3: a quarter of a year extended by a failed acceptance ends at the pass (the next year starts then) but stays due at the end of its full 3 months',
  ),
  // a fault's deadlines name the reading they were computed by (src/domain/faults.ts)
  'deadline.analysis': tx(
    '分析文档的截止时间是合同参数（4.9.2 未规定）',
    'analysis document due time is a contract parameter (4.9.2 names none)',
  ),
  'deadline.onsite.report': tx(
    '12 小时 / 24 小时自故障报告时起算（4.9.2 的开放解读）',
    '12 h / 24 h counted from the report (open reading of 4.9.2)',
  ),
  'deadline.onsite.response': tx(
    '12 小时 / 24 小时自供应商响应时起算（4.9.2 的开放解读）',
    '12 h / 24 h counted from the response (open reading of 4.9.2)',
  ),
};

export type ReadingKey = keyof typeof READING_TEXT;
