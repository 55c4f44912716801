// The console's words in zh-CN (first) and en, and Asia/Shanghai times (clause "Calendars and
// time"). Error messages, clause texts and rules come from the API; only the screen's own labels
// live here. The language is the person's choice, kept in localStorage.
const WORDS = {
  'zh-CN': {
    appName: '维保控制台',
    signIn: '登录',
    signOut: '退出',
    login: '账号',
    password: '密码',
    queue: '我的待办',
    report: '报告故障',
    reports: '报表',
    admin: '管理',
    contract: '合同',
    contracts: '合同',
    language: 'English',
    level: '故障级别',
    levelN: (n) => `${n} 级`,
    title: '故障标题',
    description: '故障描述',
    channel: '报告渠道',
    reporter: '报告人',
    affectsOperations: '影响医院业务运行',
    calledAt: '来电时间（北京时间）',
    calledAtHint: '留空表示现在；较早的时间是报告方的陈述，对方可提出异议',
    submit: '提交',
    submitted: '已提交',
    caseNo: '案件',
    status: '状态',
    awaiting: '等待',
    nextDeadline: '下一期限',
    dueIn: (t) => `剩余 ${t}`,
    overdue: (t) => `已超时 ${t}`,
    breached: '已违约',
    contested: '有异议',
    nothing: '没有待办事项',
    timeline: '时间线',
    occurredAt: '发生时间（陈述）',
    recordedAt: '记录时间',
    recordedBy: '记录人',
    statedBy: '陈述方',
    deadlines: '期限',
    documents: '文档',
    actions: '我可以做的操作',
    noActions: '您的角色现在没有可做的操作',
    penalties: '违约金',
    contests: '异议',
    clause: '条款',
    refused: '被拒绝',
    amount: '金额（元）',
    ledger: '台账',
    totals: '合计',
    threshold5: '累计损失 5% 门槛（6.4/6.5）',
    threshold20: '扣款 20% 门槛（6.3）',
    obligations: '签约义务',
    inspections: '季度巡检',
    care: '客户关怀',
    acceptances: '年度验收',
    payments: '付款',
    staff: '驻场人员',
    download: '下载',
    people: '人员',
    keys: 'API 密钥',
    subscriptions: '通知订阅',
    create: '创建',
    displayName: '姓名',
    role: '角色',
    idleNotice: (m) => `闲置 ${m} 分钟后自动退出`,
    pending: '未到期',
    met: '按时完成',
    cancelled: '已取消',
    open: '未结',
    all: '全部',
    vendor: '乙方（厂商）',
    hospital: '甲方（医院）',
    none: '无',
    any: '所有',
    reason: '理由',
    decision: '决定',
    accept: '接受',
    reject: '驳回',
    confirm: '确认',
    back: '返回',
    loading: '加载中…',
    fileLabel: '文件',
  },
  en: {
    appName: 'weibao console',
    signIn: 'Sign in',
    signOut: 'Sign out',
    login: 'Login',
    password: 'Password',
    queue: 'My queue',
    report: 'Report a fault',
    reports: 'Reports',
    admin: 'Administration',
    contract: 'Contract',
    contracts: 'Contracts',
    language: '中文',
    level: 'Fault level',
    levelN: (n) => `Level ${n}`,
    title: 'Title',
    description: 'Description',
    channel: 'Channel',
    reporter: 'Reported by',
    affectsOperations: "Affects the hospital's operations",
    calledAt: 'Call came in at (Beijing time)',
    calledAtHint: "empty = now; an earlier time is the reporter's claim, contestable by the other party",
    submit: 'Submit',
    submitted: 'Submitted',
    caseNo: 'Case',
    status: 'Status',
    awaiting: 'Awaiting',
    nextDeadline: 'Next deadline',
    dueIn: (t) => `${t} left`,
    overdue: (t) => `overdue by ${t}`,
    breached: 'Breached',
    contested: 'Contested',
    nothing: 'Nothing awaits you',
    timeline: 'Timeline',
    occurredAt: 'Occurred (stated)',
    recordedAt: 'Recorded',
    recordedBy: 'Recorded by',
    statedBy: 'Stated by',
    deadlines: 'Deadlines',
    documents: 'Documents',
    actions: 'What I may do now',
    noActions: 'Your role has nothing to do on this case now',
    penalties: 'Penalties',
    contests: 'Contests',
    clause: 'Clause',
    refused: 'Refused',
    amount: 'Amount (CNY)',
    ledger: 'Ledger',
    totals: 'Totals',
    threshold5: 'Cumulative losses 5 % threshold (6.4/6.5)',
    threshold20: 'Deductions 20 % threshold (6.3)',
    obligations: 'Signing obligations',
    inspections: 'Quarterly inspections',
    care: 'Customer care',
    acceptances: 'Yearly acceptance',
    payments: 'Payments',
    staff: 'Staff',
    download: 'Download',
    people: 'People',
    keys: 'API keys',
    subscriptions: 'Notification subscriptions',
    create: 'Create',
    displayName: 'Name',
    role: 'Role',
    idleNotice: (m) => `signed out after ${m} idle minutes`,
    pending: 'pending',
    met: 'met',
    cancelled: 'cancelled',
    open: 'open',
    all: 'all',
    vendor: 'vendor',
    hospital: 'hospital',
    none: 'none',
    any: 'anyone',
    reason: 'Reason',
    decision: 'Decision',
    accept: 'Accept',
    reject: 'Reject',
    confirm: 'Confirm',
    back: 'Back',
    loading: 'Loading…',
    fileLabel: 'File',
  },
};

// Levels of clause 4.9.3, in the contract's words.
const LEVELS = {
  'zh-CN': {
    1: '系统瘫痪，全部功能不可用，或其故障导致医院其他系统停止运行',
    2: '严重影响可用性，部分业务无法使用',
    3: '可用性受影响，业务响应缓慢',
    4: '主机、数据库或网络传输故障，影响系统运行',
    5: '操作困难，或系统运行状态异常',
  },
  en: {
    1: 'the system is down, all functions unavailable, or its failure stops other hospital systems',
    2: 'a serious availability problem; part of the business cannot be used',
    3: 'availability affected; business responses slow',
    4: 'a fault of the host, database or network transport that affects the system',
    5: 'an operating difficulty, or the system runs in an abnormal state',
  },
};

export const CHANNELS = { 'zh-CN': { phone: '电话', wechat: '微信', web: '网页', remote: '远程' } };

export let lang = localStorage.getItem('weibao.lang') === 'en' ? 'en' : 'zh-CN';
export function setLang(l) {
  lang = l;
  localStorage.setItem('weibao.lang', l);
  document.documentElement.lang = l;
}
export const t = (key, ...args) => {
  const w = WORDS[lang][key] ?? WORDS.en[key] ?? key;
  return typeof w === 'function' ? w(...args) : w;
};
export const levelText = (n) => LEVELS[lang][n];
export const channelText = (c) => CHANNELS[lang]?.[c] ?? c;

const TZ = 'Asia/Shanghai';
const fmt = () =>
  new Intl.DateTimeFormat(lang, {
    timeZone: TZ,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });
/** An instant as Beijing time, with the zone named so nobody reads it as local or UTC. */
export const when = (iso) => (iso ? `${fmt().format(new Date(iso))} ${lang === 'en' ? 'CST' : '北京时间'}` : '—');

/** A duration as "1 天 2 时 03 分 04 秒" / "1d 2h 03m 04s". */
export function span(ms) {
  const s = Math.floor(Math.abs(ms) / 1000);
  const [d, h, m, sec] = [Math.floor(s / 86400), Math.floor((s % 86400) / 3600), Math.floor((s % 3600) / 60), s % 60];
  const u = lang === 'en' ? ['d', 'h', 'm', 's'] : ['天', '时', '分', '秒'];
  const parts = [];
  if (d) parts.push(`${d}${u[0]}`);
  if (d || h) parts.push(`${h}${u[1]}`);
  parts.push(`${String(m).padStart(2, '0')}${u[2]}`, `${String(sec).padStart(2, '0')}${u[3]}`);
  return parts.join(' ');
}

/** A datetime-local input's value, read as Beijing time, to an ISO instant with +08:00. */
export const beijingInstant = (local) => (local ? `${local.length === 16 ? `${local}:00` : local}+08:00` : undefined);

/** Fen (integer string) to yuan with two decimals. */
export const yuan = (fen) => {
  const n = BigInt(fen ?? 0);
  const neg = n < 0n;
  const a = neg ? -n : n;
  return `${neg ? '-' : ''}${(a / 100n).toLocaleString('en')}.${String(a % 100n).padStart(2, '0')}`;
};
