// Messages of the record: lookups, contracts and their terms, the ledger, calendars, money,
// periods, documents and reports (src/services, src/domain, src/documents, src/reports, the
// routes' lookups). Shape: src/i18n/catalogue.ts.
import type { MessageEntry } from '../catalogue';

// Lookups: notFound(what) says "<what> not found".
const NOT_FOUND: [string, string][] = [
  ['contract {id}', '合同 {id}'],
  ['fault case {id}', '故障案件 {id}'],
  ['fault action {action}', '故障操作 {action}'],
  ['API key {id}', 'API 密钥 {id}'],
  ['{obligation} obligation of contract {id}', '合同 {id} 的 {obligation} 义务'],
  ['staff change {requestId} of contract {id}', '合同 {id} 的人员变更 {requestId}'],
  ['inspection {period} of contract {id}', '合同 {id} 的 {period} 巡检'],
  ['acceptance of year {year} of contract {id}', '合同 {id} 第 {year} 年度的验收'],
  ['payment {id}', '付款 {id}'],
  ['ledger entry {id}', '台账条目 {id}'],
  ['notification {key}', '通知 {key}'],
  ['change proposal {proposalId} of contract {id}', '合同 {id} 的变更提议 {proposalId}'],
  ['content of version {version} of document {id}', '文档 {id} 第 {version} 版的内容'],
  ['version {version} of document {id}', '文档 {id} 的第 {version} 版'],
  ['report {name} (reports: {reports})', '报告 {name}（可用报告：{reports}）'],
  ['service request {requestId} of contract {id}', '合同 {id} 的服务请求 {requestId}'],
  ['document {id}', '文档 {id}'],
  ['route {method} {path}', '路由 {method} {path}'],
  ['clause {id}', '条款 {id}'],
  ['person {id}', '人员 {id}'],
  ['case', '案件'],
  ['case {id}', '案件 {id}'],
  ['case {id} (a fault case is read at GET /faults/{caseId})', '案件 {id}（故障案件在 GET /faults/{caseId} 读取）'],
];

export const RECORD_MESSAGES: MessageEntry[] = [
  ...NOT_FOUND.map(([en, zh]) => ({
    code: 'NOT_FOUND',
    en: `${en} not found`,
    zh: `${zh}${zh.endsWith('}') ? ' ' : ''}不存在`,
  })),
  { code: 'CONTRACT_NOT_FOUND', en: 'contract {id} not found', zh: '合同 {id} 不存在' },
  { code: 'ENTRY_NOT_FOUND', clause: '6', en: 'ledger entry {id} not found', zh: '台账条目 {id} 不存在' },
  {
    code: 'CASE_CLOSED',
    en: '{what} is {how}; nothing more can be recorded on it (clause {clause})',
    zh: '{what}已{how}；不能再记录任何内容（第 {clause} 条）',
  },
  // contracts and terms (clauses 3, 6.3, 10)
  { code: 'CONTRACT_EXISTS', en: 'contract {id} exists', zh: '合同 {id} 已存在' },
  { code: 'CONTRACT_EXISTS', en: 'contract {id} exists with different data', zh: '合同 {id} 已存在且内容不同' },
  {
    code: 'CONTRACT_ENDED',
    clause: '3',
    en: 'contract {id} has ended (clause 3)',
    zh: '合同 {id} 已终止（第 3 条）',
  },
  {
    code: 'CONTRACT_ENDED',
    clause: '3',
    en: 'contract {id} has ended; it cannot be amended (clause 3)',
    zh: '合同 {id} 已终止，不能再修订（第 3 条）',
  },
  {
    code: 'CONTRACT_ENDED',
    clause: '3',
    en: 'contract {id} has ended; no fault can be reported on it',
    zh: '合同 {id} 已终止，不能再报告故障',
  },
  {
    code: 'GO_LIVE_MISMATCH',
    clause: '6.3',
    en: 'goLiveDate and terms.goLive.date differ (clause 6.3)',
    zh: 'goLiveDate 与 terms.goLive.date 不一致（第 6.3 条）',
  },
  {
    code: 'YEARLY_FEES_MISMATCH',
    clause: '10',
    en: 'yearlyFees must list one fee per contract year ({years}), got {count} (clause 10)',
    zh: 'yearlyFees 必须为每个合同年度列出一笔费用（{years} 年），实际为 {count} 笔（第 10 条）',
  },
  {
    code: 'YEARLY_FEES_MISMATCH',
    clause: '10',
    en: 'yearlyFees sum to {sum} fen but amountFen is {amount} (clause 10)',
    zh: 'yearlyFees 合计 {sum} 分，但 amountFen 为 {amount}（第 10 条）',
  },
  {
    code: 'EFFECTIVE_TOO_EARLY',
    clause: '3',
    en: "effectiveAt must be after version {version}'s effective time {at}; versions are never rewritten (clause 3)",
    zh: 'effectiveAt 必须晚于第 {version} 版的生效时间 {at}；已有版本不会被改写（第 3 条）',
  },
  {
    code: 'IDEMPOTENCY_KEY_REUSED',
    en: 'this Idempotency-Key was used for a different {what}',
    zh: '此 Idempotency-Key 已用于另一个不同的请求',
  },
  {
    code: 'INVALID_TERMS',
    en: '{field}: {detail} (clause {clause})',
    zh: '合同条款 {field}：{detail}（第 {clause} 条）',
  },
  { code: 'INVALID_TERMS', caseClause: true, en: '{field}: {detail}', zh: '合同条款 {field}：{detail}' },
  {
    code: 'UNKNOWN_TERMS_VERSION',
    clause: '3',
    en: 'contract {id} has no terms version {version}',
    zh: '合同 {id} 没有第 {version} 版条款',
  },
  {
    code: 'INVALID_INPUT',
    en: '{field}: an onboarded fact lies between the signing and now',
    zh: '{field}：接入的事实时间必须在签约与当前之间',
  },
  {
    code: 'INVALID_INPUT',
    clause: '4.10',
    en: '{field}: verified before it was declared',
    zh: '{field}：核实时间早于声明时间',
  },
  { code: 'INVALID_INPUT', en: '{field}: item ids are unique', zh: '{field}：整改项编号不能重复' },
  {
    code: 'INVALID_INPUT',
    clause: '10',
    en: "{field}: only year 1's payment (released at signing) is entered, once; a later year's is released by its acceptance",
    zh: '{field}：只能录入一次第 1 年度的付款（签约时放行）；以后年度的付款由其验收放行',
  },
  {
    code: 'INVALID_INPUT',
    en: '{field}: an item is done after the plan listed it',
    zh: '{field}：整改项的完成时间须晚于计划列出它的时间',
  },
  {
    code: 'INVALID_INPUT',
    en: '{field}: the contract names no go-live date (goLiveDate)',
    zh: '{field}：合同未约定上线日期（goLiveDate）',
  },
  {
    code: 'INVALID_INPUT',
    en: '{field}: the extended date must be after {date}',
    zh: '{field}：延期后的日期必须晚于 {date}',
  },
  {
    code: 'INVALID_INPUT',
    en: '{field}: go-live may be extended at most to {date}',
    zh: '{field}：上线最多可延期至 {date}',
  },
  { code: 'INVALID_INPUT', en: '{field}: decided before it was requested', zh: '{field}：裁定时间早于申请时间' },
  {
    code: 'INVALID_INPUT',
    en: '{field}: an extension is requested before the system is live',
    zh: '{field}：延期须在系统上线之前申请',
  },
  {
    code: 'INVALID_INPUT',
    en: '{field}: a go-live penalty period had already been charged: too late to extend',
    zh: '{field}：已计收上线逾期违约金，不能再延期',
  },
  // onboarding: years already accepted and payments after year 1 (3, 8, 10; src/api/onboarding-years.ts)
  ...(
    [
      [
        '{field}: years are entered in order from year 1; expected {year}',
        '{field}：年度须从第 1 年起依次录入；应为第 {year} 年',
      ],
      ['{field}: the term has {years} year(s)', '{field}：合同期限为 {years} 年'],
      [
        '{field}: year {prev} has not passed, so year {year} has not started',
        '{field}：第 {prev} 年未验收合格，第 {year} 年尚未开始',
      ],
      [
        '{field}: year {year} ends {at}: acceptance is held at its end',
        '{field}：第 {year} 年于 {at} 结束：验收在年度结束时进行',
      ],
      ['{field}: submitted before year {year} ended ({at})', '{field}：提交时间早于第 {year} 年结束（{at}）'],
      ['{field}: submitted again before the previous round was decided', '{field}：上一轮验收尚未裁定即再次提交'],
      ['{field}: decided before it was submitted', '{field}：裁定时间早于提交时间'],
      ['{field}: a passed year has no later round', '{field}：验收合格后不再有后续轮次'],
      ['{field}: a failed acceptance names its reasons', '{field}：验收不合格须写明原因'],
      [
        '{field}: a pass is recorded on the form signed and sealed by both sides',
        '{field}：验收合格须以双方签字盖章的验收单记录',
      ],
      ['{field}: each year is paid once', '{field}：每个年度只付款一次'],
      [
        '{field}: the fee of year {year} is released by the pass of year {prev}, which is not entered (onboarding.acceptances)',
        '{field}：第 {year} 年费用须在第 {prev} 年验收合格后支付，而该验收未录入（onboarding.acceptances）',
      ],
      [
        '{field}: paid before its release by the pass of year {prev} ({at})',
        '{field}：付款时间早于第 {prev} 年验收合格放款（{at}）',
      ],
    ] as const
  ).map(([en, zh]) => ({ code: 'INVALID_INPUT', en, zh })),
  // onboarding: the staff register and past staff changes (4.2, 6.7; src/api/onboarding-staff.ts)
  ...(
    [
      [
        '4.2',
        '{field}: the register needs a fixed engineer with 2 or more years on the product',
        '{field}：人员名册须有一名在本产品上工作满 2 年的固定工程师',
      ],
      [
        '4.2',
        '{field}: store the qualification document after the registration, then cite it',
        '{field}：请在合同登记后存入资质文件，再引用它',
      ],
      ['4.2', '{field}: engineer ids are unique', '{field}：工程师编号不得重复'],
      ['4.2', '{field}: request ids are unique', '{field}：变更请求编号不得重复'],
      ['4.2', '{field}: a change removes or adds at least one engineer', '{field}：一项变更至少调出或调入一名工程师'],
      ['4.2', '{field}: a change takes effect after the signing', '{field}：变更须在合同签订之后生效'],
      [
        '4.2',
        '{field}: engineer id {id} was already used on this contract',
        '{field}：工程师编号 {id} 已在本合同中使用过',
      ],
      [
        '6.7',
        '{field}: an unannounced change is reported, not decided or withdrawn',
        '{field}：未经申请的变更只能报告，不能审批或撤回',
      ],
      [
        '6.7',
        '{field}: an unannounced change is reported after it took effect',
        '{field}：未经申请的变更须在生效之后报告',
      ],
      ['4.2', '{field}: before the change was requested', '{field}：早于变更申请时间'],
      ['4.2', '{field}: the change took effect on {date}', '{field}：该变更已于 {date} 生效'],
      [
        '4.2',
        '{field}: a change is closed by its refusal or its withdrawal, whichever came first',
        '{field}：变更以拒绝或撤回中先发生者结束',
      ],
      [
        '4.2',
        '{field}: engineer {id} is not on the register on {date}',
        '{field}：{date} 时工程师 {id} 不在人员名册中',
      ],
      [
        '4.2',
        '{field}: the change leaves no fixed engineer with 2 or more years on the product',
        '{field}：该变更后名册中没有在本产品上工作满 2 年的固定工程师',
      ],
    ] as const
  ).map(([clause, en, zh]) => ({ code: 'INVALID_INPUT', clause, en, zh })),
  // onboarding: faults open at registration (4.9.x; src/api/onboarding-faults.ts)
  ...(
    [
      ['4.9', '{field}: fault ids are unique', '{field}：故障编号不得重复'],
      ['4.9.3', '{field}: level must be one of {levels}', '{field}：故障级别须为 {levels} 之一'],
      ['4.9.4', '{field}: the vendor responds after the fault was reported', '{field}：乙方响应须晚于故障报告时间'],
      ['4.9.2', '{field}: the vendor responds first (response)', '{field}：乙方须先响应（response）'],
      ['4.9.2', '{field}: recorded after the response', '{field}：须晚于响应时间'],
      [
        '4.9.2',
        '{field}: recorded while the fault is worked on, before its resolution',
        '{field}：须在故障处理期间、解决之前记录',
      ],
      [
        '4.9.2',
        "{field}: cite the analysis document by its archive reference: the contract's document store exists after the registration",
        '{field}：请以档案编号引用故障分析报告：合同的文件库在登记之后才存在',
      ],
      ['4.9.2', '{field}: reviewed before it was submitted', '{field}：早于提交时间审核'],
      ['4.9.2', '{field}: reopened before the resolution it reopens', '{field}：重新打开须晚于被重新打开的那次解决'],
      ['4.9.2', '{field}: recorded after the reopening its round began with', '{field}：须晚于本轮开始时的重新打开'],
      ['4.9.2', '{field}: decided before it was claimed', '{field}：早于申请时间作出决定'],
      ['6', '{field}: contested after the act it contests', '{field}：异议须晚于被异议的事实'],
      ['6', '{field}: decided after it was contested', '{field}：须晚于异议时间作出裁定'],
    ] as const
  ).map(([clause, en, zh]) => ({ code: 'INVALID_INPUT', clause, en, zh })),
  // onboarding: service requests open at registration (4.5-5.4; src/api/onboarding-services.ts), each its request's clause
  ...(
    [
      ['{field}: service request ids are unique', '{field}：服务请求编号不得重复'],
      ['{field}: recorded after the request was raised', '{field}：须晚于请求提出时间'],
      ['{field}: accepted after it was proposed', '{field}：须晚于提出该完成日期的时间接受'],
      [
        "{field}: cite the evidence by its archive reference: the contract's document store exists after the registration",
        '{field}：请以档案编号引用交付证据：合同的文件库在登记之后才存在',
      ],
      ['{field}: reviewed after it was delivered', '{field}：须晚于交付时间审核'],
      [
        '{field}: a request accepted before the registration is closed: only open requests are entered',
        '{field}：登记前已验收的请求已结束：只录入仍未结束的请求',
      ],
    ] as const
  ).map(([en, zh]) => ({ code: 'INVALID_INPUT', caseClause: true as const, en, zh })),
  ...(
    [
      ['5.4', '{field}: decided after it was claimed', '{field}：须晚于申请时间作出决定'],
      [
        '5.4',
        '{field}: a change agreed outside the free scope before the registration is closed: only open requests are entered',
        '{field}：登记前已商定为免费范围外的变更已结束：只录入仍未结束的请求',
      ],
    ] as const
  ).map(([clause, en, zh]) => ({ code: 'INVALID_INPUT', clause, en, zh })),
  // onboarding: quarters ended before the registration (4.1, 4.3, 4.6; src/api/onboarding-quarters.ts)
  ...(
    [
      [
        '3',
        '{field}: contract year {year} has no quarter {quarter} in the term',
        '{field}：合同期内第 {year} 合同年度没有第 {quarter} 季度',
      ],
      [
        '4.3',
        '{field}: quarter {period} has not ended: it runs live from the registration',
        '{field}：{period} 季度尚未结束：自登记起按实时流程进行',
      ],
      ['4.3', '{field}: quarter {period} is entered twice', '{field}：{period} 季度重复录入'],
      [
        '4.3',
        '{field}: quarter {period} is not entered; from the first entered quarter ({first}) every quarter that ended before the registration is entered, done or not',
        '{field}：{period} 季度未录入；自首个录入的季度（{first}）起，登记前已结束的每个季度都须录入（已完成或未完成）',
      ],
      [
        '4.1',
        '{field}: a visit or mailing of quarter {period} lies within it ({start} to {last})',
        '{field}：{period} 季度的回访或资料寄送须在该季度内（{start} 至 {last}）',
      ],
      [
        '4.3',
        '{field}: findings, an acknowledgement or remediation come with a delivered report (done: true)',
        '{field}：发现问题、确认与整改须随已提交的巡检报告录入（done: true）',
      ],
      [
        '4.3',
        '{field}: a done inspection names doneAt, inspectionDate, engineer and its report',
        '{field}：已完成的巡检须写明 doneAt、inspectionDate、engineer 及其报告',
      ],
      [
        '4.3',
        "{field}: cite the report by its archive reference: the contract's document store exists after the registration",
        '{field}：请以档案编号引用报告：合同的文件库在登记之后才存在',
      ],
      [
        '4.3',
        '{field}: delivered before quarter {period} began ({start})',
        '{field}：早于 {period} 季度开始（{start}）提交',
      ],
      [
        '4.3',
        '{field}: the inspection lies within quarter {period} ({start} to {last}), before its report',
        '{field}：巡检日期须在 {period} 季度内（{start} 至 {last}）且不晚于报告提交',
      ],
      ['4.3', '{field}: acknowledged before the report was delivered', '{field}：早于报告提交时间确认'],
      [
        '4.3',
        '{field}: delivered again before the previous report was sent back',
        '{field}：上一份报告被退回修改之前不能再次提交',
      ],
      ['4.3', '{field}: changes requested before the report was delivered', '{field}：早于报告提交时间要求修改'],
      [
        '4.10',
        '{field}: a verification follows a declaration (declaredAt)',
        '{field}：须先有声明（declaredAt）才能核实',
      ],
      ['6.6', '{field}: finding ids are unique', '{field}：发现编号不得重复'],
      ['6.3', '{field}: a revision answers a rejection (reviews)', '{field}：修订须针对一次驳回（reviews）'],
      [
        '6.3',
        '{field}: a rejected item is reviewed again after its revision',
        '{field}：被驳回的整改项须在修订之后再次审核',
      ],
      [
        '6.3',
        '{field}: an accepted item has no later review or revision',
        '{field}：已接受的整改项不再有后续审核或修订',
      ],
      ['6.3', '{field}: before the plan or the step it follows', '{field}：早于计划提交或其前一步'],
      ['6.3', '{field}: an item is done after the hospital accepted it', '{field}：整改项须在院方接受之后完成'],
      [
        '6.6',
        "{field}: the 6.6 exception is judged on the hospital's changes recorded on the platform, which a finding entered at onboarding cannot cite; a restriction the exception covers proposes nothing: leave it out",
        '{field}：第 6.6 条的例外依据平台上记录的院方变更判断，接入时录入的发现不能引用；属于例外的限制不计违约金，请不要录入',
      ],
      [
        '4.3',
        '{field}: the last report was sent back and not delivered again: findings, an acknowledgement or remediation come with the report delivered again (doneAt, report)',
        '{field}：最后一份报告已被退回修改且未再次提交：发现问题、确认与整改须随再次提交的报告（doneAt、report）录入',
      ],
      [
        '4.6',
        "{field}: no remediation item {id}: items R1.. are the acknowledged report's high findings",
        '{field}：没有整改项 {id}：整改项 R1.. 为已确认报告中的高风险发现',
      ],
      ['4.6', '{field}: each item is resolved once', '{field}：每个整改项只能完成一次'],
      ['4.6', '{field}: resolved before the acknowledgement', '{field}：早于报告确认时间完成整改'],
    ] as const
  ).map(([clause, en, zh]) => ({ code: 'INVALID_INPUT', clause, en, zh })),
  // contract years and periods (clause 3)
  {
    code: 'BEFORE_SIGNING',
    clause: '3',
    en: '{at} is before the contract was signed ({signedAt}); contract years start at signing (clause 3)',
    zh: '{at} 早于合同签订时间（{signedAt}）；合同年度自签约起算（第 3 条）',
  },
  {
    code: 'BEFORE_SIGNING',
    clause: '3',
    en: 'occurredAt {at} is before the contract was signed ({signedAt}) (clause 3)',
    zh: 'occurredAt {at} 早于合同签订时间（{signedAt}）（第 3 条）',
  },
  {
    code: 'INVALID_EXTENSION',
    clause: '3',
    en: 'an extension names contract year {year}; years start at 1 (clause 3)',
    zh: '延期指定了合同年度 {year}；年度从 1 开始（第 3 条）',
  },
  {
    code: 'INVALID_CONTRACT_YEAR',
    clause: '3',
    en: 'contract year must be an integer >= 1, got {year} (clause 3)',
    zh: '合同年度必须是不小于 1 的整数，实际为 {year}（第 3 条）',
  },
  {
    code: 'YEAR_NOT_STARTED',
    clause: '3',
    en: 'contract year {year} has not started: year {previous} is extended until its acceptance passes (clause 3)',
    zh: '第 {year} 合同年度尚未开始：第 {previous} 年度延续至其验收通过（第 3 条）',
  },
  {
    code: 'YEAR_NOT_STARTED',
    clause: '3',
    en: 'contract year {year} starts {at}; there is nothing to report yet (clause 3)',
    zh: '第 {year} 合同年度始于 {at}；尚无可报告的内容（第 3 条）',
  },
  {
    code: 'INVALID_INSTANT',
    en: 'signedAt and the fact time must be valid instants',
    zh: 'signedAt 与事实时间必须是有效的时刻',
  },
  {
    code: 'INVALID_INSTANT',
    clause: '3',
    en: 'the fact time is more than 1000 years after signing',
    zh: '事实时间比签约晚 1000 年以上',
  },
  {
    code: 'INVALID_PERIOD',
    en: '{field} must be an integer 1..{max}, got {value}',
    zh: '{field} 必须是 1..{max} 的整数，实际为 {value}',
  },
  {
    code: 'INVALID_PERIOD',
    clause: '4.3',
    en: 'contract year {year} has no quarter {quarter} (it ends {end})',
    zh: '第 {year} 合同年度没有第 {quarter} 季度（该年度止于 {end}）',
  },
  {
    code: 'INVALID_PERIOD',
    en: 'period must look like 1Q1 (contract year, quarter 1-4), got "{value}"',
    zh: '期间格式应为 1Q1（合同年度、季度 1-4），实际为 "{value}"',
  },
  // times and dates: every instant carries its offset
  {
    code: 'INVALID_DATE',
    en: '{field} must be a calendar date YYYY-MM-DD, got "{value}"',
    zh: '{field} 必须是 YYYY-MM-DD 格式的日期，实际为 "{value}"',
  },
  {
    code: 'INVALID_INSTANT',
    en: '{field} is not a valid timestamp: "{value}"',
    zh: '{field} 不是有效的时间戳："{value}"',
  },
  {
    code: 'INVALID_INSTANT',
    en: '{field} must be an ISO-8601 timestamp with a time zone, got "{value}"',
    zh: '{field} 必须是带时区的 ISO-8601 时间戳，实际为 "{value}"',
  },
  {
    code: 'INVALID_INSTANT',
    en: 'occurredAt is not an instant: "{value}"',
    zh: 'occurredAt 不是有效的时刻："{value}"',
  },
  {
    code: 'INVALID_INSTANT',
    clause: '4.9.4',
    en: 'reportedAt must be a valid instant (clause 4.9.4)',
    zh: 'reportedAt 必须是有效的时刻（第 4.9.4 条）',
  },
  // calendars (working days: clauses 4.10, 6.3, 4.2)
  { code: 'DATE_OUTSIDE_YEAR', en: '{field}: {date} is not in {year}', zh: '{field}：{date} 不在 {year} 年内' },
  { code: 'DUPLICATE_DATE', en: '{field} lists {date} twice', zh: '{field} 两次列出 {date}' },
  {
    code: 'HOLIDAY_AND_WORKDAY',
    en: '{date} is listed both as holiday and as workday',
    zh: '{date} 同时被列为节假日和工作日',
  },
  {
    code: 'INVALID_CALENDAR',
    en: 'calendar year data is malformed: {field} must be a list of YYYY-MM-DD dates',
    zh: '日历年度数据格式错误：{field} 必须是 YYYY-MM-DD 日期列表',
  },
  {
    code: 'INVALID_CALENDAR',
    en: 'calendar year data is malformed: {field} must be a non-empty string',
    zh: '日历年度数据格式错误：{field} 必须是非空字符串',
  },
  {
    code: 'INVALID_CALENDAR',
    en: 'calendar year data is malformed: {field} must be an integer from 1949 to 9999',
    zh: '日历年度数据格式错误：{field} 必须是 1949 至 9999 的整数',
  },
  {
    code: 'INVALID_CALENDAR',
    en: 'calendar {year} lists {date} from another year',
    zh: '{year} 年日历列出了其他年份的日期 {date}',
  },
  {
    code: 'INVALID_CALENDAR',
    en: 'calendar {year} lists {date} as both holiday and workday',
    zh: '{year} 年日历将 {date} 同时列为节假日和工作日',
  },
  {
    code: 'INVALID_WORKING_DAYS',
    en: 'working days must be an integer 0..{max}, got {value}',
    zh: '工作日数必须是 0..{max} 的整数，实际为 {value}',
  },
  // money (integer fen) and penalties (clause 6)
  {
    code: 'INVALID_FEN',
    en: '{field} must be an integer number of fen, got {value}',
    zh: '{field} 必须是以分为单位的整数，实际为 {value}',
  },
  {
    code: 'INVALID_FEN',
    en: '{field} must be an integer number of fen as a string, got "{value}"',
    zh: '{field} 必须是以分为单位的整数字符串，实际为 "{value}"',
  },
  {
    code: 'INVALID_FEN',
    en: 'amountFen must be non-negative integer fen, got "{value}"',
    zh: 'amountFen 必须是非负整数（分），实际为 "{value}"',
  },
  { code: 'NEGATIVE_FEN', en: '{field} must not be negative, got {value}', zh: '{field} 不能为负数，实际为 {value}' },
  {
    code: 'NEGATIVE_FEN',
    clause: '6',
    en: 'confirmed totals must not be negative (clause 6)',
    zh: '已确认的合计不能为负数（第 6 条）',
  },
  {
    code: 'INVALID_RATE',
    en: '{field} must be a non-negative decimal such as "0.3", got "{value}"',
    zh: '{field} 必须是非负小数（如 "0.3"），实际为 "{value}"',
  },
  {
    code: 'INVALID_RATE',
    en: 'a rate must be a non-negative fraction with a positive denominator, got {num}/{den}',
    zh: '比率必须是分母为正的非负分数，实际为 {num}/{den}',
  },
  {
    code: 'NEGATIVE_AMOUNT',
    en: 'applyRate needs a non-negative amount and multiplier',
    zh: 'applyRate 需要非负的金额和倍数',
  },
  {
    code: 'INVALID_CONTRACT_AMOUNT',
    clause: '6.3',
    en: 'the contract amount must be positive (clause 6.3)',
    zh: '合同金额必须为正（第 6.3 条）',
  },
  {
    code: 'INVALID_CONTRACT_AMOUNT',
    en: 'the contract amount must be positive, got {amount} fen (clause {clause})',
    zh: '合同金额必须为正，实际为 {amount} 分（第 {clause} 条）',
  },
  {
    code: 'INVALID_COUNT',
    en: '{field} must be a non-negative integer, got {value} (clause {clause})',
    zh: '{field} 必须是非负整数，实际为 {value}（第 {clause} 条）',
  },
  {
    code: 'INVALID_COUNT',
    clause: '6.3',
    en: 'daysLate must be a non-negative integer, got {value} (clause 6.3)',
    zh: 'daysLate 必须是非负整数，实际为 {value}（第 6.3 条）',
  },
  {
    code: 'INVALID_COUNT',
    clause: '6.7',
    en: 'persons must be at least 1 (clause 6.7)',
    zh: '人数至少为 1（第 6.7 条）',
  },
  { code: 'INVALID_AMOUNT', clause: '10', en: 'fee and deductions must not be negative', zh: '费用和扣款不能为负数' },
  {
    code: 'RATE_REQUIRED',
    clause: '6.5',
    en: 'clause 6.5 needs the rate chosen by the approver',
    zh: '第 6.5 条需要审批人选定的比例',
  },
  {
    code: 'RATE_OUT_OF_RANGE',
    clause: '6.5',
    en: 'clause 6.5 allows {low} to {high} of the contract amount, got {rate}',
    zh: '第 6.5 条允许合同金额的 {low} 至 {high}，实际为 {rate}',
  },
  {
    code: 'UNKNOWN_CLAUSE',
    clause: '6',
    en: 'clause {clause} is not a penalty row of clause 6 ({clauses})',
    zh: '第 {clause} 条不是第 6 条的违约金条目（{clauses}）',
  },
  {
    code: 'INVALID_INPUT',
    clause: '6.2.2',
    en: 'rate: clause 6.2.2 is a fixed percentage; no rate is taken',
    zh: 'rate：第 6.2.2 条为固定比例，不接受比例参数',
  },
  {
    code: 'READING_NOT_SELECTED',
    clause: '6.2.2/6.5',
    en: 'terms version {version} prices other service commitments under clause {reading}, not {clause} (6.2.2/6.5 open reading)',
    zh: '第 {version} 版条款按第 {reading} 条而非第 {clause} 条计算其他服务承诺的违约金（6.2.2/6.5 待定解读）',
  },
  // the ledger's entries (clause 6; exclusions 4.9.2)
  {
    code: 'COMPENSATION_FINAL',
    clause: '6',
    en: '{id} is a compensating entry; it is final',
    zh: '{id} 是冲销条目，不可再变更',
  },
  { code: 'COMPENSATION_FINAL', clause: '6', en: '{id} is itself a compensating entry', zh: '{id} 本身就是冲销条目' },
  {
    code: 'ENTRY_CONFIRMED',
    clause: '6',
    en: '{id} is {status}; a confirmed entry is never edited, only compensated',
    zh: '{id} {status}；已确认的条目不能修改，只能冲销',
  },
  {
    code: 'ENTRY_WAIVED',
    clause: '6',
    en: '{id} is {status}; a waived entry cannot change',
    zh: '{id} {status}；已免除的条目不能再变更',
  },
  {
    code: 'ENTRY_WITHDRAWN',
    clause: '6',
    en: '{id} was withdrawn: a fact superseded its breach ({reason})',
    zh: '{id} 已撤回：有事实推翻了其违约认定（{reason}）',
  },
  {
    code: 'EXCLUSION_CLAIM_OPEN',
    clause: '4.9.2',
    en: '{id} is held: an exclusion claim is open, no penalty accrues while it stands (clause 4.9.2)',
    zh: '{id} 已暂挂：免责申请尚未裁定，期间不计违约金（第 4.9.2 条）',
  },
  {
    code: 'EXCLUSION_CLAIM_OPEN',
    clause: '4.9.2',
    en: '{id} is held while an exclusion claim is open (clause 4.9.2)',
    zh: '免责申请未裁定期间 {id} 处于暂挂状态（第 4.9.2 条）',
  },
  {
    code: 'DISPUTE_OPEN',
    clause: '6',
    en: '{id} is disputed by the vendor; decide the dispute instead (clause 6)',
    zh: '供应商对 {id} 提出了异议；请先裁定异议（第 6 条）',
  },
  { code: 'ALREADY_DISPUTED', clause: '6', en: '{id} is already disputed', zh: '{id} 已有异议' },
  {
    code: 'NOT_DISPUTED',
    clause: '6',
    en: '{id} is {status}; only a disputed entry is decided',
    zh: '{id} {status}；只有有异议的条目才能裁定',
  },
  {
    code: 'NOT_PROPOSED',
    clause: '4.9.2',
    en: '{id} is {status}; only a proposed entry can be held',
    zh: '{id} {status}；只有已提议的条目才能暂挂',
  },
  {
    code: 'NOT_HELD',
    clause: '4.9.2',
    en: '{id} is {status}; only a held entry can be released',
    zh: '{id} {status}；只有暂挂的条目才能放行',
  },
  {
    code: 'NOT_CONFIRMED',
    clause: '6',
    en: '{id} is {status}; only a confirmed entry is compensated (waive a proposed one)',
    zh: '{id} {status}；只有已确认的条目才能冲销（已提议的条目请免除）',
  },
  {
    code: 'COMPENSATION_OUT_OF_RANGE',
    clause: '6',
    en: 'amountFen must be 1..{remaining} fen (what is left of {id})',
    zh: 'amountFen 必须在 1..{remaining} 分之间（{id} 的剩余金额）',
  },
  {
    code: 'ALREADY_PAID',
    clause: '10',
    en: 'payment {id} is already marked paid (clause 10)',
    zh: '付款 {id} 已标记为已支付（第 10 条）',
  },
  // contract changes (clause 3)
  {
    code: 'PROPOSAL_DECIDED',
    clause: '3',
    en: 'another decision on this proposal came first',
    zh: '此提议已先有其他决定',
  },
  {
    code: 'PROPOSAL_DECIDED',
    clause: '3',
    en: 'this proposal was {status} by {name} at {at}',
    zh: '此提议已由 {name} 于 {at} {status}',
  },
];
