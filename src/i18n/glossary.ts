// Enumerated words that reach error messages as values (statuses, parties, roles, decisions)
// and their Chinese, so a Chinese sentence does not carry English words in its middle. A value
// that is not listed (an id, a date, a number, free text) is kept as it is.
const WORDS: Record<string, string> = {
  // parties and roles (src/workflows/kernel/actors.ts)
  hospital: '院方',
  vendor: '供应商',
  platform: '平台',
  'hospital-operator': '院方操作员',
  'hospital-approver': '院方审批人',
  finance: '财务',
  'vendor-engineer': '供应商工程师',
  auditor: '审计',
  admin: '管理员',
  system: '系统',
  none: '无',
  'no role': '无角色',
  'no actor': '无操作者',
  // statuses of cases, items, entries and reviews
  open: '未完成',
  reported: '已报告',
  responded: '已响应',
  investigating: '调查中',
  resolved: '已解决',
  closed: '已关闭',
  overdue: '已逾期',
  submitted: '已提交',
  acknowledged: '已确认',
  'changes-requested': '已要求修改',
  missed: '已错过',
  passed: '已通过',
  failed: '未通过',
  pending: '待处理',
  proposed: '已提议',
  confirmed: '已确认',
  disputed: '有争议',
  waived: '已免除',
  withdrawn: '已撤回',
  held: '已暂挂',
  compensated: '已冲销',
  accepted: '已接受',
  rejected: '已驳回',
  approved: '已批准',
  refused: '已拒绝',
  applied: '已生效',
  expired: '已失效',
  done: '已完成',
  'reported-done': '已报告完成',
  'awaiting-review': '待审核',
  exempt: '已豁免',
  planned: '已计划',
  cancelled: '已取消',
  terminated: '已终止',
  live: '已上线',
  released: '已放行',
  'decided-upheld': '裁定维持',
  'decided-waived': '裁定免除',
  'done-claimed': '已报告完成',
  'unfinished-at-contract-end': '合同结束时未完成',
  'waiting-year-end': '等待年度结束',
  'awaiting-submission': '待提交',
  kept: '已履行',
  'overdue-resolved': '逾期后已解决',
  met: '按时完成',
  breached: '已违约',
  // what a refusal is about
  'the obligation': '该义务',
  'the change': '该变更',
  // fault actions (src/workflows/fault/messages.ts)
  respond: '响应',
  investigate: '开始调查',
  submitAnalysis: '提交故障分析',
  reviewAnalysis: '审核故障分析',
  onsiteArrived: '到场',
  replacementProvided: '提供替换',
  resolve: '解决',
  confirmFix: '确认修复',
  reopen: '重新打开',
  regrade: '调整等级',
  claimExclusion: '申请免责',
  decideExclusion: '裁定免责',
  contestTime: '对时间提出异议',
  decideContest: '裁定时间异议',
};

// The duties of the duty matrix (src/security/duties.ts), named by what they let a role do.
const DUTIES: Record<string, string> = {
  read: '查阅本密钥合同的记录',
  report: '报告故障',
  serve: '供应商的服务职责',
  contest: '申请免责、对违约金提出异议',
  contestTime: '对另一方陈述的时间提出异议',
  confirm: '确认或重新打开供应商的工作、审核故障分析、调整故障等级、审核计划',
  decide: '违约金、免责、延期和人员变更的裁定',
  accept: '年度验收通过或不通过',
  pay: '记录付款',
  administer: '管理 API 密钥、启动合同义务',
  ownKey: '轮换密钥',
  onboard: '登记合同',
  registerStaff: '登记固定维护工程师',
  proposeChange: '提出条款修订或合同终止',
  approveChange: '批准或驳回修订或终止提议',
  calendar: '加载工作日日历',
  fileDocuments: '提交文档或其新版本',
  reviewDocuments: '审核另一方的文档',
  notifyPeople: '指定合同的通知对象',
  roster: '设置供应商值班表',
  escalation: '设置故障期限预警的通知对象',
  oversee: '查看合同的 Temporal 调度与投递指标',
  decodePayloads: '通过 Web UI 的编解码端点查看明文载荷',
  audit: '查阅并核验审计记录',
};

/** The Chinese of an enumerated value, or of each item of a list of them ("a, b", "a or b"); else the value. */
export function translateValue(value: string): string {
  const word = WORDS[value] ?? DUTIES[value];
  if (word) return word;
  for (const [sep, zh] of [
    [', ', '、'],
    [' or ', '或'],
  ] as const) {
    const items = value.split(sep);
    if (items.length > 1 && items.every((i) => WORDS[i])) return items.map((i) => WORDS[i]).join(zh);
  }
  return value;
}
