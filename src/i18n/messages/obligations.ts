// Messages of the signing obligations (6.3 rectification and go-live, 4.10 dongle), staff
// changes (4.2, 6.7), the cycles (4.3 inspections, 3/8 acceptance) and the documents a case
// cites (4.9.2, 4.3, 8). Shape: src/i18n/catalogue.ts.
import type { MessageEntry } from '../catalogue';

const LOADING = (what: string, whatZh: string, terms: string, termsZh: string, clause: string): MessageEntry => ({
  code: 'NOT_READY',
  clause,
  en: `the ${what} is still loading its ${terms}; retry shortly (clause ${clause})`,
  zh: `该${whatZh}仍在加载其${termsZh}，请稍后重试（第 ${clause} 条）`,
});

export const OBLIGATION_MESSAGES: MessageEntry[] = [
  LOADING('change', '变更', 'terms and calendar', '条款和日历', '4.2'),
  LOADING('obligation', '义务', 'terms and calendar', '条款和日历', '4.10'),
  LOADING('obligation', '义务', 'terms and calendar', '条款和日历', '6.3'),
  LOADING('obligation', '义务', 'terms', '条款', '6.3'),
  {
    code: 'NOT_READY',
    en: '{what} is still loading its terms and calendar; retry shortly (clause {clause})',
    zh: '{what}仍在加载其条款和日历，请稍后重试（第 {clause} 条）',
  },
  {
    code: 'CONTRACT_ENDED',
    clause: '3',
    en: 'the contract ended on {at}; nothing more is recorded on this obligation (clause 3)',
    zh: '合同已于 {at} 终止；该义务不再记录任何内容（第 3 条）',
  },
  {
    code: 'OBLIGATION_CLOSED',
    clause: '3',
    en: 'the contract ended on {at} (clause 3); nothing more is recorded on this obligation',
    zh: '合同已于 {at} 终止（第 3 条）；该义务不再记录任何内容',
  },
  {
    code: 'OBLIGATION_CLOSED',
    clause: '3',
    en: 'an amendment removed the go-live date (clause 3); nothing more is recorded on this obligation',
    zh: '合同修订已取消上线日期（第 3 条）；该义务不再记录任何内容',
  },
  // rectification plan (6.3)
  {
    code: 'PLAN_EMPTY',
    clause: '6.3',
    en: 'a rectification plan needs at least one item; list "no problems found" as an exempt item (clause 6.3)',
    zh: '整改计划至少需要一项；如未发现问题，请将“未发现问题”列为豁免项（第 6.3 条）',
  },
  {
    code: 'INVALID_ITEM_ID',
    clause: '6.3',
    en: '{field}.itemId must be 1-40 letters, digits, _ . -',
    zh: '{field}.itemId 必须是 1-40 个字母、数字或 _ . - 字符',
  },
  { code: 'DUPLICATE_ITEM', clause: '6.3', en: 'item {itemId} is listed twice', zh: '整改项 {itemId} 被列出两次' },
  {
    code: 'ITEM_NEEDS_DUE_OR_EXEMPTION',
    clause: '6.3',
    en: 'item {itemId} needs exactly one of a due date or an architecture exemption (clause 6.3)',
    zh: '整改项 {itemId} 须且只能有截止日期或架构豁免之一（第 6.3 条）',
  },
  {
    code: 'DUE_DATE_PAST',
    clause: '6.3',
    en: 'item {itemId}: the due date must be after the day the plan is submitted (clause 6.3)',
    zh: '整改项 {itemId}：截止日期必须晚于计划提交当日（第 6.3 条）',
  },
  {
    code: 'EXEMPTION_NEEDS_EXPLANATION',
    clause: '6.3',
    en: 'item {itemId}: an architecture exemption needs an explanation (clause 6.3)',
    zh: '整改项 {itemId}：架构豁免须附说明（第 6.3 条）',
  },
  {
    code: 'UNKNOWN_ITEM',
    clause: '6.3',
    en: 'plan item {itemId} does not exist (clause 6.3)',
    zh: '整改计划项 {itemId} 不存在（第 6.3 条）',
  },
  {
    code: 'PLAN_ALREADY_SUBMITTED',
    clause: '6.3',
    en: 'the plan was already submitted; revise rejected items instead (clause 6.3)',
    zh: '整改计划已提交；请修订被驳回的整改项（第 6.3 条）',
  },
  {
    code: 'NO_DECISIONS',
    clause: '6.3',
    en: 'name at least one item to accept or reject (clause 6.3)',
    zh: '请至少指明一个要接受或驳回的整改项（第 6.3 条）',
  },
  {
    code: 'ITEM_NOT_AWAITING_REVIEW',
    clause: '6.3',
    en: 'item {itemId} is {status}, not awaiting review (clause 6.3)',
    zh: '整改项 {itemId} {status}，不在待审核状态（第 6.3 条）',
  },
  {
    code: 'ITEM_NOT_REJECTED',
    clause: '6.3',
    en: 'only a rejected item can be revised; {itemId} is {status} (clause 6.3)',
    zh: '只有被驳回的整改项才能修订；{itemId} {status}（第 6.3 条）',
  },
  {
    code: 'ITEM_NOT_OPEN',
    clause: '6.3',
    en: 'item {itemId} is {status}, not open (clause 6.3)',
    zh: '整改项 {itemId} {status}，不是未完成状态（第 6.3 条）',
  },
  {
    code: 'ITEM_NOT_REPORTED_DONE',
    clause: '6.3',
    en: 'item {itemId} is {status}, not reported done (clause 6.3)',
    zh: '整改项 {itemId} {status}，尚未报告完成（第 6.3 条）',
  },
  {
    code: 'NO_UNPRICED_PLAN_BREACH',
    clause: '6.5',
    en: "there is no late plan awaiting the approver's rate (clause 6.5)",
    zh: '没有等待审批人确定比例的逾期计划（第 6.5 条）',
  },
  // go-live (6.3)
  {
    code: 'ALREADY_LIVE',
    clause: '6.3',
    en: 'the system is already live (clause 6.3)',
    zh: '系统已经上线（第 6.3 条）',
  },
  {
    code: 'ALREADY_LIVE',
    clause: '6.3',
    en: 'go-live was already recorded (clause 6.3)',
    zh: '上线已记录（第 6.3 条）',
  },
  {
    code: 'EXTENSION_ALREADY_REQUESTED',
    clause: '6.3',
    en: 'the contract allows one written extension request only (clause 6.3)',
    zh: '合同只允许一次书面延期申请（第 6.3 条）',
  },
  {
    code: 'EXTENSION_TOO_LATE',
    clause: '6.3',
    en: 'a go-live penalty period has already been charged; an extension can no longer be requested (clause 6.3)',
    zh: '已计收上线逾期违约金，不能再申请延期（第 6.3 条）',
  },
  {
    code: 'EXTENSION_NEEDS_REASON',
    clause: '6.3',
    en: 'a written extension request states its reason (clause 6.3)',
    zh: '书面延期申请须写明理由（第 6.3 条）',
  },
  {
    code: 'EXTENSION_NOT_LATER',
    clause: '6.3',
    en: 'the extended go-live date must be after {date} (clause 6.3)',
    zh: '延期后的上线日期必须晚于 {date}（第 6.3 条）',
  },
  {
    code: 'EXTENSION_TOO_LONG',
    clause: '6.3',
    en: 'go-live may be extended by at most {months} month(s) (clause 6.3), got {value}',
    zh: '上线最多可延期 {months} 个月（第 6.3 条），实际为 {value}',
  },
  {
    code: 'EXTENSION_TOO_LONG',
    clause: '6.3',
    en: 'go-live may be extended by at most {months} month(s), to {date} (clause 6.3)',
    zh: '上线最多可延期 {months} 个月，即至 {date}（第 6.3 条）',
  },
  {
    code: 'NO_PENDING_EXTENSION',
    clause: '6.3',
    en: 'there is no pending extension request (clause 6.3)',
    zh: '没有待决的延期申请（第 6.3 条）',
  },
  // dongle and restrictions (4.10, 6.6)
  {
    code: 'ALREADY_DECLARED',
    clause: '4.10',
    en: 'the removal was already declared and verified (clause 4.10)',
    zh: '解除已声明并已核实（第 4.10 条）',
  },
  {
    code: 'ALREADY_DECLARED',
    clause: '4.10',
    en: 'the removal was already declared and awaits verification (clause 4.10)',
    zh: '解除已声明，正等待核实（第 4.10 条）',
  },
  {
    code: 'STATEMENT_REQUIRED',
    clause: '4.10',
    en: 'the declaration states that every dongle, encryption, time lock and licence code restricting normal operation is removed (clause 4.10)',
    zh: '声明须说明所有限制正常使用的加密狗、加密、时间锁和许可证代码均已解除（第 4.10 条）',
  },
  {
    code: 'NOTHING_TO_VERIFY',
    clause: '4.10',
    en: 'there is no declaration awaiting verification (clause 4.10)',
    zh: '没有等待核实的声明（第 4.10 条）',
  },
  {
    code: 'FINDING_EXISTS',
    clause: '6.6',
    en: 'finding {findingId} is already recorded (clause 6.6)',
    zh: '发现 {findingId} 已记录（第 6.6 条）',
  },
  // staff (4.2, 6.7)
  { code: 'UNKNOWN_ENGINEER', clause: '4.2', en: 'engineer {id} is not on the register', zh: '工程师 {id} 不在名册上' },
  {
    code: 'DUPLICATE_ENGINEER',
    clause: '4.2',
    en: 'engineer {id} is already on the register',
    zh: '工程师 {id} 已在名册上',
  },
  {
    code: 'DUPLICATE_ENGINEER',
    clause: '4.2',
    en: 'engineer id {id} was already used on this contract or by a pending change',
    zh: '工程师编号 {id} 已在本合同或待处理的变更中使用',
  },
  {
    code: 'ENGINEER_CHANGE_PENDING',
    clause: '4.2',
    en: 'engineer {id} is already removed by pending change {changeId} effective {date} (clause 4.2)',
    zh: '工程师 {id} 已由待处理的变更 {changeId} 移除，自 {date} 生效（第 4.2 条）',
  },
  {
    code: 'NO_QUALIFIED_ENGINEER',
    clause: '4.2',
    en: 'the contract must always have at least one fixed maintenance engineer with {years} or more years on the product (clause 4.2)',
    zh: '合同须始终至少有一名在该产品上有 {years} 年及以上经验的固定维护工程师（第 4.2 条）',
  },
  {
    code: 'NO_QUALIFIED_ENGINEER',
    clause: '4.2',
    en: 'from {date} this change, together with pending change(s) {changes}, would leave no fixed maintenance engineer with {years} or more years on the product (clause 4.2)',
    zh: '自 {date} 起，此变更连同待处理的变更 {changes} 将导致没有在该产品上有 {years} 年及以上经验的固定维护工程师（第 4.2 条）',
  },
  {
    code: 'NO_QUALIFIED_ENGINEER',
    clause: '4.2',
    en: 'from {date} this change would leave no fixed maintenance engineer with {years} or more years on the product (clause 4.2)',
    zh: '自 {date} 起，此变更将导致没有在该产品上有 {years} 年及以上经验的固定维护工程师（第 4.2 条）',
  },
  {
    code: 'REGISTER_EXISTS',
    clause: '6.7',
    en: 'the register is already recorded; engineers change only through a staff change request (clauses 4.2, 6.7)',
    zh: '名册已记录；工程师只能通过人员变更申请调整（第 4.2、6.7 条）',
  },
  {
    code: 'NOT_A_REQUEST',
    clause: '6.7',
    en: 'an unannounced change cannot be approved after the fact (clause 6.7)',
    zh: '未经申请的变更不能事后批准（第 6.7 条）',
  },
  {
    code: 'ALREADY_DECIDED',
    clause: '4.2',
    en: 'the change was already {status} (clause 4.2)',
    zh: '该变更已{status}（第 4.2 条）',
  },
  {
    code: 'CHANGE_CLOSED',
    clause: '4.2',
    en: 'the change is {state} (clause 4.2)',
    zh: '该变更已结束（{state}）（第 4.2 条）',
  },
  {
    code: 'CHANGE_CLOSED',
    clause: '4.2',
    en: 'only a pending change request can be withdrawn (clause 4.2)',
    zh: '只有待处理的变更申请才能撤回（第 4.2 条）',
  },
  // inspections (4.3, 4.6) and acceptance (3, 8)
  {
    code: 'REPORT_NOT_EXPECTED',
    clause: '4.3',
    en: 'the report of {period} is {status}; a new report is accepted only when open, overdue or after a request for changes (4.3)',
    zh: '{period} 的巡检报告{status}；只有在未完成、已逾期或被要求修改后才接受新报告（4.3）',
  },
  {
    code: 'REPORT_NOT_SUBMITTED',
    clause: '4.3',
    en: 'the report of {period} is {status}; only a submitted report can be acknowledged or sent back (4.3)',
    zh: '{period} 的巡检报告{status}；只有已提交的报告才能确认或退回（4.3）',
  },
  {
    code: 'ALREADY_RESOLVED',
    clause: '4.6',
    en: 'remediation item {itemId} is already resolved (4.6)',
    zh: '整改项 {itemId} 已解决（4.6）',
  },
  {
    code: 'ACCEPTANCE_NOT_OPEN',
    clause: '3',
    en: "acceptance of year {year} is {status}; the vendor submits after the year's end or after a fail (clause 3)",
    zh: '第 {year} 年度验收{status}；供应商须在年度结束后或验收不通过后提交（第 3 条）',
  },
  {
    code: 'ACCEPTANCE_NOT_SUBMITTED',
    clause: '8',
    en: 'acceptance of year {year} is {status}; only a submitted package is decided (clause 8)',
    zh: '第 {year} 年度验收{status}；只有已提交的验收材料才能裁定（第 8 条）',
  },
  // documents a case cites
  {
    code: 'FORBIDDEN',
    en: 'a {kind} ({kindZh}, clause {clause}) is filed by {roles}, not {role}',
    zh: '{kindZh}（{kind}，第 {clause} 条）应由{roles}提交，不能由{role}提交',
  },
  {
    code: 'FORBIDDEN',
    en: 'a {kind} filed by the {party} side is reviewed by the other side, not by {role}',
    zh: '{party}提交的 {kind} 须由另一方审核，不能由{role}审核',
  },
  {
    code: 'INVALID_INPUT',
    en: 'subject: {subject} names contract {named}, not {contractId}',
    zh: 'subject：{subject} 指向合同 {named}，而不是 {contractId}',
  },
  {
    code: 'UNKNOWN_DOCUMENT',
    caseClause: true,
    en: '{field}: {ref} is not a stored document of contract {contractId}',
    zh: '{field}：{ref} 不是合同 {contractId} 已存储的文档',
  },
  {
    code: 'WRONG_DOCUMENT_KIND',
    en: '{field}: {ref} is a {found}, not a {kind} (clause {clause})',
    zh: '{field}：{ref} 是 {found}，而不是 {kind}（第 {clause} 条）',
  },
  {
    code: 'DOCUMENT_HASH_MISMATCH',
    caseClause: true,
    en: 'sha256: {ref} has sha256 {found}, not {given}',
    zh: 'sha256：{ref} 的 sha256 为 {found}，而不是 {given}',
  },
];
