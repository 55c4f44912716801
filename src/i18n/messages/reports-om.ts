// The yearly O&M record's texts (src/reports/om-record.ts; clause 3 with 4.1-4.9, 6.3 and the
// service requests of 4.4-5.4). Shape: src/i18n/report-text.ts.
import { tx, type Texts } from '../report-text';

export const OM_TEXT = {
  title: tx('运维记录（第{year}合同年）', 'O&M record (contract year {year})'),
  file: tx('运维记录-{id}-第{year}合同年', 'om-record-{id}-year{year}'),
  faults: tx('故障', 'Faults'),
  faultsLine: tx(
    '{total} 起（响应达标 {met} 起，超时 {late} 起，未到期 {open} 起；重新定级 {regraded} 起，重开 {reopened} 起，除外认可 {excluded} 起）',
    '{total} (response met {met}, late {late}, not due {open}; re-graded {regraded}, reopened {reopened}, exclusions accepted {excluded})',
  ),
  inspections: tx('季度巡检', 'Quarterly inspections'),
  inspectionsLine: tx('{done} / {all} 份报告已提交（条款 4.3）', '{done} / {all} reports submitted (clause 4.3)'),
  care: tx('客户回访', 'Customer care'),
  careLine: tx('{count} 次记录（条款 4.1）', '{count} logged (clause 4.1)'),
  staff: tx('人员变更', 'Staff changes'),
  staffLine: tx('{count} 项（条款 4.2）', '{count} (clause 4.2)'),
  rectification: tx('整改', 'Remediation'),
  rectificationLine: tx(
    '{remediation} 项巡检整改，整改计划 {items} 项，{entries} 条整改违约金（条款 4.6、6.3）',
    '{remediation} inspection remediations, {items} plan items, {entries} rectification penalties (clauses 4.6, 6.3)',
  ),
  service: tx('服务请求', 'Service requests'),
  serviceLine: tx(
    '{count} 项（逾期 {late} 项；条款 4.4-5.4，违约金按 6.5/6.2.2）',
    '{count} ({late} late; clauses 4.4-5.4, penalties under 6.5/6.2.2)',
  ),
  documents: tx('文档', 'Documents'),
  documentsLine: tx(
    '{count} 份（最新版本及其 sha256 见文档清单）',
    '{count} (latest versions with their sha256 in the document list)',
  ),
  faultsHeading: tx('故障记录（条款 4.9）', 'Faults (clause 4.9)'),
  faultsNote: tx(
    '共 {total} 起，本表列出 {listed} 起（按报告时间）',
    '{total} in all, {listed} listed here (by report time)',
  ),
  nextPage: tx('；下一页：{next}', '; next page: {next}'),
  regradedNote: tx('重新定级', 're-graded'),
  reopenedNote: tx('重开', 'reopened'),
  exclusionNote: tx('除外:{status}', 'exclusion: {status}'),
  levelsHeading: tx('故障分级统计（条款 4.9.3、4.9.4）', 'Faults per level (clauses 4.9.3, 4.9.4)'),
  inspectionsHeading: tx('季度巡检（条款 4.3）', 'Quarterly inspections (clause 4.3)'),
  remediationHeading: tx('整改（条款 4.6）', 'Remediation (clause 4.6)'),
  planHeading: tx('整改计划（条款 6.3）', 'Rectification plan (clause 6.3)'),
  careHeading: tx('客户回访（条款 4.1）', 'Customer care (clause 4.1)'),
  visit: tx('回访', 'visit'),
  mailing: tx('资料邮寄', 'mailing'),
  staffHeading: tx('人员变更（条款 4.2）', 'Staff changes (clause 4.2)'),
  staffChange: tx('撤出 {removed}；新增 {added}', 'leaving {removed}; joining {added}'),
  serviceHeading: tx('服务请求（条款 4.4-5.4）', 'Service requests (clauses 4.4-5.4)'),
  serviceBreach: tx('逾期（第 {clause} 条）', 'late (clause {clause})'),
  documentsHeading: tx('文档清单', 'Documents'),
  accepted: tx('已认可', 'accepted'),
  rejected: tx('已退回', 'returned'),
};

/** A service request's status (src/workflows/service/messages.ts) as the record prints it. */
export const SERVICE_STATUS: Record<string, Texts> = {
  'awaiting-due-date': tx('待商定日期', 'awaiting a due date'),
  open: tx('待受理', 'awaiting acknowledgement'),
  acknowledged: tx('已受理', 'acknowledged'),
  'in-progress': tx('处理中', 'in progress'),
  delivered: tx('已交付待验收', 'delivered, awaiting acceptance'),
  accepted: tx('已验收', 'accepted'),
  'out-of-free-scope': tx('较大修改，另行约定', 'large change, agreed separately'),
  'contract-ended': tx('合同结束', 'contract ended'),
};
