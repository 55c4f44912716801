// The bases the platform writes on ledger entries (clause 6) and payment requests (clause 10),
// and the thresholds' descriptions (6.3, 6.4/6.5), in both languages (issue 15). Rendered by
// src/i18n/basis.ts: `{...Fen}` values are integer fen printed as money (CNY 1,000.00 /
// 1,000.00 元), every other value as it is (days, counts, rates such as 0.3%, entry ids).
// The English is the sentence the API answered before the Chinese existed.
import { tx } from '../report-text';

export const BASIS_TEXT = {
  'penalty.6.2.1': tx(
    '条款 6.2.1：未履行 4.1 或 4.9.2 的约定，每次 {amountFen}',
    'clause 6.2.1: a failure of 4.1 or 4.9.2 costs {amountFen} per occurrence',
  ),
  'penalty.6.2.2': tx(
    '条款 6.2.2：合同金额 {contractAmountFen} 的 {rate} = {amountFen}',
    'clause 6.2.2: {rate} of the contract amount {contractAmountFen} = {amountFen}',
  ),
  'penalty.6.5': tx(
    '条款 6.5：合同金额 {contractAmountFen} 的 {rate}（审批人在 {minRate}～{maxRate} 内选定的比例）= {amountFen}',
    "clause 6.5: {rate} (approver's rate within {minRate}..{maxRate}) of the contract amount {contractAmountFen} = {amountFen}",
  ),
  'penalty.6.3.rectification': tx(
    '条款 6.3：整改项逾期 {days} 天 × 每天合同金额 {contractAmountFen} 的 {rate} = {amountFen}',
    'clause 6.3: rectification item {days} day(s) late × {rate} per day of the contract amount {contractAmountFen} = {amountFen}',
  ),
  'penalty.6.3.go-live.completed': tx(
    '条款 6.3：延期后上线逾期 {daysLate} 天 = 满 {periodDays} 天的期间 {periods} 个 × 合同金额 {contractAmountFen} 的 {rate} = {amountFen}',
    'clause 6.3: go-live {daysLate} day(s) late after the extension = {periods} completed {periodDays}-day period(s) × {rate} of the contract amount {contractAmountFen} = {amountFen}',
  ),
  'penalty.6.3.go-live.started': tx(
    '条款 6.3：延期后上线逾期 {daysLate} 天 = 已开始的 {periodDays} 天期间 {periods} 个 × 合同金额 {contractAmountFen} 的 {rate} = {amountFen}',
    'clause 6.3: go-live {daysLate} day(s) late after the extension = {periods} started {periodDays}-day period(s) × {rate} of the contract amount {contractAmountFen} = {amountFen}',
  ),
  'penalty.6.3.go-live-period': tx(
    '条款 6.3：上线逾期第 {period} 个期间，按延期后逾期 {daysLate} 天计：每期合同金额 {contractAmountFen} 的 {rate}；{period} 个期间合计 {totalFen}（一次取整），本条 {amountFen}',
    'clause 6.3: go-live period {period}, charged at {daysLate} day(s) late after the extension: {rate} of the contract amount {contractAmountFen} per period; {period} period(s) = {totalFen} rounded once, this entry {amountFen}',
  ),
  'penalty.6.6': tx(
    '条款 6.6：设置限制正常运行的加密狗、时间锁或授权码，罚 {amountFen}；院方还可要求退还全部已付款项',
    'clause 6.6: a dongle, time lock or licence code restricting operation costs {amountFen}; the hospital may also demand all payments back',
  ),
  'penalty.6.7': tx(
    '条款 6.7：未提前 {noticeDays} 个工作日通知并经书面同意更换工程师 {persons} 人 × 每人每次 {perFen} = {amountFen}',
    "clause 6.7: {persons} engineer(s) changed without {noticeDays} working days' notice and written approval × {perFen} per person per time = {amountFen}",
  ),
  // A compensating entry (negative amount) of a correction or a withdrawal (clause 6, issue 10).
  'correction.withdrawal': tx('冲正 {entryId}，金额 {amountFen}', 'corrects {entryId} by {amountFen}'),
  'correction.entry': tx(
    '冲正 {entryId}（{entryFen}），金额 {amountFen}',
    'corrects {entryId} ({entryFen}) by {amountFen}',
  ),
  'payment.10.first-year': tx(
    '条款 10：第1年年费于合同签订后支付',
    'clause 10: the fee of year 1 is paid after signing',
  ),
  'payment.10': tx(
    '条款 10：年费 {feeFen} 扣除已确认扣款 {deductionsFen}（条款 6）',
    'clause 10: yearly fee {feeFen} less confirmed deductions {deductionsFen} (clause 6)',
  ),
  'payment.10.uncovered': tx(
    '条款 10：年费 {feeFen} 扣除已确认扣款 {deductionsFen}（条款 6）；超出年费的扣款 {uncoveredFen} 仍未结清',
    'clause 10: yearly fee {feeFen} less confirmed deductions {deductionsFen} (clause 6); {uncoveredFen} of deductions exceed the fee and remain open',
  ),
  // why a year's fee is not yet payable (src/domain/payments.ts paymentGate)
  'payment.10.gate': tx(
    '条款 10：第{year}合同年的年费仅在第{previousYear}合同年验收通过后支付',
    'clause 10: the fee of year {year} is paid only on the passing acceptance of year {previousYear}',
  ),
  'payment.10.last-year': tx(
    '条款 10：第{year}合同年为最后一年，其已确认扣款在后续年费之外另行结算',
    'clause 10: year {year} is the last contract year; its confirmed deductions are settled outside a later fee',
  ),
  // The rights of 6.3 and 6.4/6.5 (src/domain/thresholds.ts).
  'threshold.6.4/6.5': tx(
    '累计金额超过合同金额的 {percent}%：院方可解除合同并追回已付款项',
    'cumulative amounts over {percent}% of the contract amount: the hospital may terminate and recover payments',
  ),
  'threshold.6.3': tx(
    '扣款达到合同金额的 {percent}% 及以上：供应商违约；院方可解除合同并要求退还全部已付款项',
    'deductions reaching {percent}% of the contract amount: the vendor is in breach; the hospital may terminate and demand all payments back',
  ),
  'right.6.3.rectification': tx(
    '整改项逾期 {days} 天，超过 {limit} 天：院方可解除合同',
    'a rectification item {days} days late, more than {limit}: the hospital may terminate the contract',
  ),
  // the go-live workflow's advance event (src/domain/go-live.ts goLiveProposedBreachEvent): its note
  'right.6.3.go-live-pending': tx(
    '按条款 6.3 提议的上线扣款（{chargedFen}，{periods} 个期间）已达合同金额 {contractAmountFen} 的 {percent}%，尚未确认。经确认的扣款达到 {percent}% 时确立 6.3 的违约权利（解除合同并要求退还全部已付款项），作为权利事件 {eventKey} 记录一次',
    'go-live deductions PROPOSED under clause 6.3 ({chargedFen}, {periods} period(s)) reached {percent}% of the contract amount {contractAmountFen}; they are not yet confirmed. The breach right of 6.3 (terminate and demand all payments back) is established when CONFIRMED deductions reach {percent}%, recorded once as rights event {eventKey}',
  ),
};

export type BasisKey = keyof typeof BASIS_TEXT;
