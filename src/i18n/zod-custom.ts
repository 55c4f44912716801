// The platform's own sentences in its zod schemas (a regex's or refine's message, a custom
// issue), in Chinese. Zod's zh-CN locale covers zod's sentences; these are ours, written in
// English where the schema is declared, and answered in the reader's language (issue 15 item 2).
// `{name}` marks a value taken from the English, as in the error catalogue (catalogue.ts).
// test/unit/zod-custom-messages.test.ts fails when a schema in src/ states a sentence not here.
import { templatePattern } from './catalogue';

const ENTRIES: [en: string, zh: string][] = [
  ['must be a date YYYY-MM-DD', '须为日期 YYYY-MM-DD'],
  ['must be YYYY-MM-DD', '须为 YYYY-MM-DD'],
  ['must be HH:MM (Asia/Shanghai)', '须为 HH:MM（Asia/Shanghai 时间）'],
  ['must be a year of four digits, e.g. 2025', '须为四位数年份，例如 2025'],
  ['the year must be between {min} and {max}', '年份须在 {min} 至 {max} 之间'],
  ['must be an ISO-8601 instant with a time zone, e.g. {example}', '须为带时区的 ISO-8601 时刻，例如 {example}'],
  ['must be an ISO-8601 instant with the contract offset +08:00', '须为带合同时区偏移 +08:00 的 ISO-8601 时刻'],
  ['must be an ISO-8601 instant at +08:00', '须为 +08:00 的 ISO-8601 时刻'],
  [
    'only Asia/Shanghai is supported for now (clauses.md "Calendars and time")',
    '目前仅支持 Asia/Shanghai（clauses.md“日历与时间”）',
  ],
  ['from and to must differ', 'from 与 to 不能相同'],
  ['must be integer fen as a string', '须为以字符串表示的整数金额（分）'],
  ['must be positive integer fen', '须为正整数金额（分）'],
  ['must be a percent as a decimal string, e.g. {example}', '须为以小数字符串表示的百分比，例如 {example}'],
  ['a percent as a decimal string', '以小数字符串表示的百分比'],
  ['must be 64 hex characters', '须为 64 位十六进制字符'],
  ['must be 64 lowercase hex characters', '须为 64 位小写十六进制字符'],
  ['must be <documentId>@<version> of a stored document', '须为已存文档的 <documentId>@<version>'],
  ['documentRef and sha256 go together', 'documentRef 与 sha256 须同时提供'],
  ['must be an http(s) URL', '须为 http(s) 网址'],
  [
    'must be a topic such as fault.reported, a family such as fault.*, or *',
    '须为主题（如 fault.reported）、主题族（如 fault.*）或 *',
  ],
  [
    'the signed form belongs to a pass (clause 8); a fail names its reasons',
    '签字盖章的验收单只属于“通过”（第 8 条）；“不通过”须写明理由',
  ],
  [
    'onboarding.goLive needs liveAt or extension (clause 6.3)',
    'onboarding.goLive 须有 liveAt 或 extension（第 6.3 条）',
  ],
  [
    'a hand-proposed penalty is an "other service commitment": clause 6.5 or 6.2.2',
    '手工提出的违约金属于“其他服务承诺”：第 6.5 条或第 6.2.2 条',
  ],
  ['a change removes or adds at least one engineer', '变更须至少撤出或新增一名工程师'],
  [
    'clause must be one of {clauses} (a licence is registered at /licences, 4.4)',
    'clause 须为 {clauses} 之一（许可证在 /licences 登记，第 4.4 条）',
  ],
  ['the password needs {rule} (clause 7, MLPS level 3)', '密码须满足：{rule}（第 7 条，等保三级）'],
  ['at least {n} characters', '至少 {n} 个字符'],
  ['at most 256 characters', '至多 256 个字符'],
  ['at least three of: lower-case, upper-case, digit, other character', '小写字母、大写字母、数字、其他字符中至少三类'],
  ['2-64 characters: a-z, 0-9, ".", "_", "-"', '2-64 个字符：a-z、0-9、"."、"_"、"-"'],
  ['must be 1-{n} letters, digits, _ . -', '须为 1-{n} 个字母、数字或 _ . -'],
  [
    'must be 1-{n} letters, digits, _ . - (no colons: ids appear in workflow ids)',
    '须为 1-{n} 个字母、数字或 _ . -（不能含冒号：编号会出现在工作流编号中）',
  ],
  [
    'must be like fault:<contractId>:<caseNo> (letters, digits, _ . : -)',
    '须形如 fault:<contractId>:<caseNo>（字母、数字或 _ . : -）',
  ],
  ['must be a contract year in decimal digits', '须为十进制数字表示的合同年度'],
  ['must be non-negative integer fen as a string', '须为以字符串表示的非负整数金额（分）'],
  ['must be a hex digest, e.g. sha256:<hex>', '须为十六进制摘要，例如 sha256:<hex>'],
  ['must be a phone number (digits)', '须为电话号码（数字）'],
  ['a source reference is required (e.g. the State Council notice number)', '须注明来源（例如国务院通知文号）'],
  [
    "role must be one of its party's: vendor engineer|lead|manager, hospital operator|approver|finance",
    'role 须为其所属一方的角色：供应商 engineer|lead|manager，院方 operator|approver|finance',
  ],
  ['steps must ascend by atPercent', 'steps 须按 atPercent 递增'],
];

const COMPILED = ENTRIES.map(([en, zh]) => ({ ...templatePattern(en), zh }));

/** The Chinese of one of the platform's schema sentences, or undefined when it has none. */
export function customZh(english: string): string | undefined {
  for (const c of COMPILED) {
    const m = c.pattern.exec(english);
    if (!m) continue;
    const values = Object.fromEntries(c.names.map((n, i) => [n, m[i + 1] ?? '']));
    // A value that is itself one of these sentences (the password's rule) is put into Chinese too.
    return c.zh.replace(/\{([a-zA-Z0-9]+)\}/g, (_, n: string) => customZh(values[n]!) ?? values[n]!);
  }
  return undefined;
}
