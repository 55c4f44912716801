// Messages of the cases: update validators and handlers of every family (src/workflows), the
// stated times and their contests (kernel), and the documents a case cites. Shape:
// src/i18n/catalogue.ts. The workflow raises the English; the API writes the Chinese.
import type { MessageEntry } from '../catalogue';

export const CASE_MESSAGES: MessageEntry[] = [
  // who may act (fault: 4.9; others: their clause)
  {
    code: 'FORBIDDEN',
    en: '{action} is for {roles}; {role} may not do it (clause {clause})',
    zh: '{action}应由{roles}执行；{role}不能执行（第 {clause} 条）',
  },
  { code: 'FORBIDDEN', en: '{what} is for {roles} (clause {clause})', zh: '{what}应由{roles}执行（第 {clause} 条）' },
  {
    code: 'FORBIDDEN',
    en: '{what} is for {roles} (clause {clause}); got {role}',
    zh: '{what}应由{roles}执行（第 {clause} 条）；当前为{role}',
  },
  {
    code: 'FORBIDDEN',
    clause: '6',
    en: 'a contested time is decided by the hospital-approver (clause 6)',
    zh: '有异议的时间由院方审批人裁定（第 6 条）',
  },
  // input of an action
  { code: 'INVALID_INPUT', en: '{field} is required', zh: '{field} 为必填项' },
  { code: 'INVALID_INPUT', en: 'reason is required', zh: 'reason（理由）为必填项' },
  { code: 'INVALID_INPUT', en: 'decision must be stated or contested', zh: 'decision 必须是 stated 或 contested' },
  { code: 'INVALID_INPUT', en: 'decision must be accept or reject', zh: 'decision 必须是 accept 或 reject' },
  {
    code: 'INVALID_INPUT',
    en: 'proposedAt must be an instant not in the future',
    zh: 'proposedAt 必须是不晚于当前的时刻',
  },
  {
    code: 'INVALID_INPUT',
    clause: '4.9.3',
    en: 'level must be one of 1-5 (clause 4.9.3)',
    zh: 'level 必须是 1-5 之一（第 4.9.3 条）',
  },
  {
    code: 'INVALID_FAULT_LEVEL',
    clause: '4.9.3',
    en: '{field} must be one of 1-5 (clause 4.9.3), got {value}',
    zh: '{field} 必须是 1-5 之一（第 4.9.3 条），实际为 {value}',
  },
  {
    code: 'INVALID_INPUT',
    en: 'reportedAt: a fault cannot be reported in the future',
    zh: 'reportedAt：不能报告发生在将来的故障',
  },
  {
    code: 'INVALID_INPUT',
    clause: '4.9.2',
    en: 'a rejection names its reason, so the vendor can resubmit (clause 4.9.2)',
    zh: '驳回须写明理由，以便供应商重新提交（第 4.9.2 条）',
  },
  {
    code: 'INVALID_INPUT',
    clause: '4.3',
    en: 'sha256 must be 64 lowercase hex characters of the report document',
    zh: 'sha256 必须是巡检报告文档的 64 位小写十六进制摘要',
  },
  {
    code: 'INVALID_INPUT',
    clause: '4.3',
    en: 'each finding needs a severity low|medium|high',
    zh: '每条发现须有严重程度 low|medium|high',
  },
  {
    code: 'INVALID_INPUT',
    clause: '4.3',
    en: 'a request for changes names at least one reason',
    zh: '要求修改须至少写明一条理由',
  },
  {
    code: 'INVALID_INPUT',
    clause: '4.6',
    en: 'no remediation item {itemId} in {period}',
    zh: '{period} 没有整改项 {itemId}',
  },
  {
    code: 'INVALID_INPUT',
    en: "contract year {year} has no quarter {quarter} on the contract's calendar ({clause}, clause 3)",
    zh: '按合同日历，第 {year} 合同年度没有第 {quarter} 季度（{clause}，第 3 条）',
  },
  {
    code: 'INVALID_INPUT',
    clause: '3',
    en: 'a failed acceptance names its reasons (clause 3)',
    zh: '验收不通过须写明理由（第 3 条）',
  },
  {
    code: 'INVALID_INPUT',
    clause: '8',
    en: 'a pass is recorded on the form signed and sealed by both sides (clause 8)',
    zh: '验收通过须以双方签字盖章的验收单记录（第 8 条）',
  },
  {
    code: 'INVALID_INPUT',
    en: 'shifts.{index}.endsAt must be after startsAt',
    zh: 'shifts.{index}.endsAt 必须晚于 startsAt',
  },
  {
    code: 'NOT_A_VENDOR_ENGINEER',
    en: 'shifts.{index}.personId: {personId} is not a vendor engineer of this contract (add them under /notify/people first)',
    zh: 'shifts.{index}.personId：{personId} 不是本合同的供应商工程师（请先在 /notify/people 中添加）',
  },
  // service requests (issue 18: 4.4-4.7, 4.12, 5.x)
  { code: 'INVALID_INPUT', en: '{field} is required (clause {clause})', zh: '{field} 为必填项（第 {clause} 条）' },
  { code: 'INVALID_INPUT', en: 'dueDate is required (YYYY-MM-DD)', zh: 'dueDate 为必填项（YYYY-MM-DD）' },
  {
    code: 'INVALID_INPUT',
    en: 'dueDate {date} is not after today (clause {clause})',
    zh: 'dueDate {date} 不晚于今天（第 {clause} 条）',
  },
  { code: 'INVALID_INPUT', en: 'proposedDueDate {date} is not after today', zh: 'proposedDueDate {date} 不晚于今天' },
  {
    code: 'INVALID_INPUT',
    en: 'a delivery carries its evidence as stored documents (clause {clause})',
    zh: '交付须附证据（已存储的文档，第 {clause} 条）',
  },
  {
    code: 'INVALID_INPUT',
    en: 'evidence.{index}.documentRef must be <documentId>@<version> of a stored document (clause {clause})',
    zh: 'evidence.{index}.documentRef 必须是已存储文档的 <documentId>@<version>（第 {clause} 条）',
  },
  {
    code: 'INVALID_INPUT',
    en: 'evidence.{index}.sha256 must be 64 hex characters (clause {clause})',
    zh: 'evidence.{index}.sha256 必须是 64 位十六进制字符（第 {clause} 条）',
  },
  {
    code: 'INVALID_INPUT',
    clause: '4.4',
    en: 'a licence renewal names its new expiry date (clause 4.4)',
    zh: '授权续期须写明新的到期日期（第 4.4 条）',
  },
  {
    code: 'INVALID_INPUT',
    clause: '4.4',
    en: 'renewedUntil must be after {date} (clause 4.4)',
    zh: 'renewedUntil 必须晚于 {date}（第 4.4 条）',
  },
  { code: 'INVALID_INPUT', en: 'decision must be accept or send-back', zh: 'decision 必须是 accept 或 send-back' },
  { code: 'INVALID_INPUT', en: 'decision must be agree or contest', zh: 'decision 必须是 agree 或 contest' },
  {
    code: 'NOT_READY',
    en: 'the request is still loading its terms; retry shortly',
    zh: '该服务请求仍在加载其条款，请稍后重试',
  },
  // stated times and their contests (kernel; terms statedTimes)
  {
    code: 'INVALID_INPUT',
    en: 'occurredAt must be an instant (ISO 8601 with offset)',
    zh: 'occurredAt 必须是带时区偏移的 ISO 8601 时刻',
  },
  {
    code: 'INVALID_INPUT',
    en: 'occurredAt {at} is in the future (clock tolerance {seconds} s)',
    zh: 'occurredAt {at} 晚于当前时间（时钟容差 {seconds} 秒）',
  },
  {
    code: 'BACKDATE_WINDOW',
    en: 'a {kind} may be stated at most {hours} h back (terms statedTimes.backdateHours.{term}); {at} is earlier',
    zh: '{kind} 最多可向前补记 {hours} 小时（条款 statedTimes.backdateHours.{term}）；{at} 已超出',
  },
  {
    code: 'BACKDATE_WINDOW',
    en: 'reportedAt: a fault may be reported at most {hours} h back (terms statedTimes.backdateHours.report)',
    zh: 'reportedAt：故障最多可向前补报 {hours} 小时（条款 statedTimes.backdateHours.report）',
  },
  {
    code: 'BEFORE_REPORT',
    en: 'occurredAt {at} is before the fault was reported ({reportedAt})',
    zh: 'occurredAt {at} 早于故障报告时间（{reportedAt}）',
  },
  {
    code: 'BEFORE_OBLIGATION',
    en: 'occurredAt {at} is before this obligation began ({start}) (clause {clause})',
    zh: 'occurredAt {at} 早于该义务开始的时间（{start}）（第 {clause} 条）',
  },
  {
    code: 'BEFORE_CONTRACT_TERM',
    clause: '3',
    en: 'reportedAt is before the contract was signed',
    zh: 'reportedAt 早于合同签订时间',
  },
  {
    code: 'NOT_STATED',
    en: "only a time stated by a party for an earlier instant (or on the other's behalf) can be contested",
    zh: '只有一方补记的较早时间（或代另一方记录的时间）才能提出异议',
  },
  {
    code: 'CONTEST_OWN_STATEMENT',
    en: 'a time stated by the {party} is contested by the {other}',
    zh: '{party}陈述的时间应由{other}提出异议',
  },
  {
    code: 'CONTEST_WINDOW_CLOSED',
    en: 'the window to contest fact {seq} closed at {at} (terms statedTimes.contestHours = {hours})',
    zh: '对事实 {seq} 提出异议的期限已于 {at} 截止（条款 statedTimes.contestHours = {hours}）',
  },
  {
    code: 'ALREADY_CONTESTED',
    en: 'the time of fact {seq} is already contested',
    zh: '事实 {seq} 的时间已有异议',
  },
  {
    code: 'NOT_CONTESTED',
    en: 'the time of fact {seq} is not under an open contest',
    zh: '事实 {seq} 的时间没有未决的异议',
  },
  // the fault case (4.9)
  { code: 'ALREADY_RESPONDED', clause: '4.9.4', en: 'the vendor already responded to {id}', zh: '供应商已响应 {id}' },
  {
    code: 'NOT_RESPONDED',
    en: 'investigation starts after the response and before resolution; the case is {status}',
    zh: '调查须在响应之后、解决之前开始；案件当前{status}',
  },
  {
    code: 'NOT_AWAITING_INVESTIGATION',
    en: 'investigation starts after the response and before resolution; the case is {status}',
    zh: '调查须在响应之后、解决之前开始；案件当前{status}',
  },
  {
    code: 'NOT_RESPONDED',
    en: '{action} is recorded while the fault is being worked on; the case is {status}',
    zh: '{action}须在故障处理期间记录；案件当前{status}',
  },
  {
    code: 'CASE_NOT_OPEN',
    en: '{action} is recorded while the fault is being worked on; the case is {status}',
    zh: '{action}须在故障处理期间记录；案件当前{status}',
  },
  {
    code: 'NOT_RESPONDED',
    en: 'only a responded, open case can be resolved; the case is {status}',
    zh: '只有已响应且未关闭的案件才能解决；案件当前{status}',
  },
  {
    code: 'CASE_NOT_OPEN',
    en: 'only a responded, open case can be resolved; the case is {status}',
    zh: '只有已响应且未关闭的案件才能解决；案件当前{status}',
  },
  {
    code: 'NOT_RESPONDED',
    clause: '4.9.2',
    en: 'the vendor must respond before submitting the analysis document',
    zh: '供应商须先响应，才能提交故障分析文档',
  },
  {
    code: 'ALREADY_RECORDED',
    en: '{action} was already recorded for this resolution round',
    zh: '本轮处理已记录过{action}',
  },
  {
    code: 'NOT_RESOLVED',
    en: 'the hospital confirms or reopens a resolved case; the case is {status}',
    zh: '院方只能确认或重新打开已解决的案件；案件当前{status}',
  },
  { code: 'CASE_CLOSED', en: 'a closed case cannot be re-graded', zh: '已关闭的案件不能调整等级' },
  { code: 'CASE_CLOSED', en: 'an exclusion is claimed before the case is closed', zh: '免责须在案件关闭前申请' },
  { code: 'SAME_LEVEL', en: 'the case is already level {level}', zh: '案件已是 {level} 级' },
  {
    code: 'EXCLUSION_OPEN',
    clause: '4.9.2',
    en: 'an exclusion claim is already open on this case',
    zh: '本案件已有未裁定的免责申请',
  },
  {
    code: 'EXCLUSION_ACCEPTED',
    clause: '4.9.2',
    en: 'an exclusion was already accepted for this case',
    zh: '本案件的免责申请已被接受',
  },
  {
    code: 'EVIDENCE_REQUIRED',
    clause: '4.9.2',
    en: 'an exclusion claim needs evidence the hospital can see and contest',
    zh: '免责申请须附院方可查看并可提出异议的证据',
  },
  {
    code: 'NO_OPEN_EXCLUSION',
    clause: '4.9.2',
    en: 'there is no open exclusion claim to decide',
    zh: '没有待裁定的免责申请',
  },
  {
    code: 'ANALYSIS_NOT_REQUIRED',
    clause: '4.9.2',
    en: 'a fault analysis document is required for levels 1-2 only; the case is level {level}',
    zh: '仅一、二级故障需要故障分析说明文档；本案件为 {level} 级',
  },
  {
    code: 'ANALYSIS_ALREADY_SUBMITTED',
    clause: '4.9.2',
    en: "the fault analysis document was already submitted and awaits the hospital's review",
    zh: '故障分析说明文档已提交，正等待院方审核',
  },
  {
    code: 'ANALYSIS_ALREADY_SUBMITTED',
    clause: '4.9.2',
    en: 'the hospital already accepted the fault analysis document',
    zh: '院方已接受故障分析说明文档',
  },
  {
    code: 'NO_ANALYSIS_TO_REVIEW',
    clause: '4.9.2',
    en: "the fault analysis document was already {status}; a rejected one is answered by the vendor's resubmission",
    zh: '故障分析说明文档{status}；被驳回的文档由供应商重新提交',
  },
  {
    code: 'NO_ANALYSIS_TO_REVIEW',
    clause: '4.9.2',
    en: 'no fault analysis document has been submitted',
    zh: '尚未提交故障分析说明文档',
  },
];
