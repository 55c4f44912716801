// The penalty statement's texts (src/reports/statement.ts; clauses 6 and 10). Shape:
// src/i18n/report-text.ts. Amounts are yuan with two decimals in both languages.
import { tx } from '../report-text';

export const STATEMENT_TEXT = {
  title: tx('违约金结算单（第{year}合同年）', 'Penalty statement (contract year {year})'),
  file: tx('违约金结算单-{id}-第{year}合同年', 'penalty-statement-{id}-year{year}'),
  untilAccepted: tx('（验收通过前延续）', '(runs until the acceptance passes)'),
  amount: tx('合同金额', 'Contract amount'),
  yearConfirmed: tx('本年已确认扣款', 'Deductions confirmed this year'),
  throughConfirmed: tx('累计已确认扣款', 'Deductions confirmed to date'),
  through: tx('{amount}（截至第{year}合同年）', '{amount} (through contract year {year})'),
  threshold: tx('阈值 {clause}（{percent}%）', 'Threshold {clause} ({percent} %)'),
  right: tx('阈值 {clause}：{description}', 'Threshold {clause}: {description}'),
  reached: tx('{limit}，已达到', '{limit}, reached'),
  headroom: tx('{limit}，尚余 {headroom}', '{limit}, {headroom} to go'),
  paymentLabel: tx('应付款（条款 10）', 'Payment due (clause 10)'),
  payment: tx(
    '第{next}年年费 {fee} − 本年扣款 {deductions} = {due}',
    'year {next} fee {fee} − deductions of this year {deductions} = {due}',
  ),
  uncovered: tx('；未抵扣 {uncovered}', '; not covered {uncovered}'),
  lastYear: tx(
    '第{year}合同年为最后一年，扣款 {deductions} 另行结算',
    'contract year {year} is the last; its deductions of {deductions} are settled separately',
  ),
  entriesHeading: tx('违约金明细（按条款）', 'Penalty entries (by clause)'),
  byClauseHeading: tx('按条款汇总', 'Totals by clause'),
  byClauseNote: tx(
    '已确认 = confirmed 与争议维持（decided-upheld），含冲正（负数）条目；阈值按整个合同累计已确认扣款计算（条款 6.3、6.4/6.5）',
    'confirmed = confirmed and upheld on dispute (decided-upheld), compensating (negative) entries included; the thresholds count the confirmed deductions of the whole contract to date (clauses 6.3, 6.4/6.5)',
  ),
};
