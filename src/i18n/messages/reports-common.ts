// What every report page says around its figures (src/reports/render/pdf.ts, head.ts,
// periods.ts): the page header and footer, the record chains' names, period names, fault levels
// and the status words the reports print. Shape: src/i18n/report-text.ts. Instants stay
// Asia/Shanghai (+08:00) and amounts yuan with two decimals in both languages.
import { tx, type Texts } from '../report-text';

export const PAGE_TEXT = {
  contractLine: tx(
    '合同 {id} {name}　甲方 {hospital}　乙方 {vendor}',
    'Contract {id} {name} · hospital {hospital} · vendor {vendor}',
  ),
  periodLine: tx('期间 {period}　生成时间 {generatedAt}', 'Period {period} · generated {generatedAt}'),
  headLine: tx('记录链头 {line}', 'Record head {line}'),
  noChain: tx('（本平台尚无哈希链记录）', '(no hash-chained record on this platform yet)'),
  auditChain: tx('审计链', 'audit chain'),
  ledgerChain: tx('台账链', 'ledger chain'),
  footer: tx('第 {page} 页 / 共 {pages} 页', 'Page {page} of {pages}'),
  noRows: tx('（无记录）', '(none)'),
  seal: tx('盖章处', 'Seal'),
  none: tx('—', '—'),
  span: tx('{from} 至 {to}', '{from} to {to}'),
  yuan: tx('{amount} 元', 'CNY {amount}'),
  yes: tx('是', 'yes'),
  no: tx('否', 'no'),
  list: tx('、', ', '),
};

/** A period of a contract year (clause 3; quarters as 4.1/4.3 read them). */
export const PERIOD_TEXT = {
  year: tx('第{year}合同年', 'contract year {year}'),
  quarter: tx('第{year}合同年第{quarter}季度', 'contract year {year} Q{quarter}'),
  month: tx('{year}年{month}月', '{monthName} {year}'),
  byMonth: tx('月', 'month'),
  byQuarter: tx('季度', 'contract quarter'),
  byYear: tx('合同年', 'contract year'),
};
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** Fault levels of 4.9.3 as a report's level column prints them. */
export const LEVEL_TEXT = { all: tx('全部', 'all'), level: tx('{level}级', 'level {level}') };

/** A ledger entry's status (clause 6) as the statement and the ledger list explain it. */
export const LEDGER_STATUS: Record<string, Texts> = {
  confirmed: tx('已确认', 'confirmed'),
  'decided-upheld': tx('争议维持', 'upheld on dispute'),
  proposed: tx('待确认', 'awaiting confirmation'),
  released: tx('待确认（除外驳回）', 'awaiting confirmation (exclusion rejected)'),
  disputed: tx('争议中', 'disputed'),
  held: tx('暂停（除外申请）', 'held (exclusion claimed)'),
  waived: tx('已免除', 'waived'),
  'decided-waived': tx('争议免除', 'waived on dispute'),
  withdrawn: tx('已撤回', 'withdrawn'),
};

/** A fault case's status (4.9) as the fault list explains it; the list keeps the status key in its own column. */
export const FAULT_STATUS: Record<string, Texts> = {
  reported: tx('已报告，待响应', 'reported, awaiting the response'),
  responded: tx('已响应', 'responded'),
  investigating: tx('处理中', 'being investigated'),
  resolved: tx('已解决', 'resolved'),
  closed: tx('已关闭', 'closed'),
};

/** Whose move a fault case waits for (src/workflows/fault/duties.ts awaiting). */
export const AWAITING: Record<string, Texts> = {
  vendor: tx('供应商', 'vendor'),
  hospital: tx('院方', 'hospital'),
  none: tx('无', 'none'),
};

/** A deadline's verdict at generation time (4.9.2, 4.9.4). */
export const VERDICT: Record<string, Texts> = {
  met: tx('达标', 'met'),
  breached: tx('超时', 'late'),
  open: tx('未到期', 'not due'),
};

/** The headings of the lists exported as CSV (issue 14), also their file names. */
export const LIST_TEXT = {
  faults: tx('故障案件', 'fault cases'),
  faultsFile: tx('故障案件', 'faults'),
  ledger: tx('违约金台账', 'penalty ledger'),
  ledgerFile: tx('违约金台账', 'ledger'),
};
