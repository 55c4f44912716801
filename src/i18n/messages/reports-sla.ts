// The SLA report's texts (src/reports/sla.ts; clauses 4.9.2-4.9.4). Shape: src/i18n/report-text.ts.
import { tx } from '../report-text';

export const SLA_TEXT = {
  title: tx('SLA 达标报告（第{year}合同年，按{by}）', 'SLA compliance report (contract year {year}, by {by})'),
  file: tx('SLA达标报告-{id}-第{year}合同年-按{byWord}', 'sla-{id}-year{year}-{by}'),
  running: tx('（合同年未结束，截至生成时间）', ' (the contract year runs on; as of generation time)'),
  basisLabel: tx('统计口径', 'Counting'),
  basis: tx(
    '故障按报告时间归入期间，按当前（重新定级后）等级统计；条款 4.9.2、4.9.3、4.9.4',
    'a case counts in the period of its report time, at its current (re-graded) level; clauses 4.9.2, 4.9.3, 4.9.4',
  ),
  heading: tx('各期间、各等级达标情况', 'Compliance per period and level'),
};

/** How the figures are counted: the JSON's `readings` and the table's notes. */
export const SLA_READINGS = [
  tx(
    '故障计入其报告时间所在期间，按当前等级统计（重新定级后，4.9.3；重新定级另行计数）',
    'a case counts in the period of its report time and at its current level (after any re-grade, 4.9.3; the re-grade is counted)',
  ),
  tx(
    '期限按生成时的事实判定：达标 = 在期限内完成，超时 = 逾期完成或逾期仍未完成；因及时解决而取消的到场 / 替代期限不计（4.9.2）',
    'a deadline is judged from its facts at generation time: met = done by its due, breached = done late or still undone past its due; on-site / replacement deadlines cancelled by a timely resolution do not count (4.9.2)',
  ),
  tx(
    '响应时间 = 首次响应 - 报告（4.9.4）；中位数与 P90 按已响应案件线性插值（percentile_cont）',
    'response time = first response - report (4.9.4); median and p90 by linear interpolation (percentile_cont) over the responded cases',
  ),
  tx(
    '重开的案件只计一次；其重新起算的到场 / 替代期限（4.9.2）各自计数',
    'a reopened case counts once; its restarted on-site / replacement clocks (4.9.2) each count',
  ),
];
