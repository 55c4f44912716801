// What the Temporal Web UI shows of a case without opening JSON (issue 15): a one-line summary
// in the workflow list (the WeibaoSummary search attribute: UI 2.42 has no user-metadata column,
// so the list's column is this attribute) and the workflow's current details (setCurrentDetails,
// shown on its page), both kept current as the case moves. Chinese, times in Asia/Shanghai (+08:00).
// Search attributes are stored unencrypted, so the list line holds only what the other
// attributes already show (family, level, id, status, deadline), never a title or free text;
// the details are a payload the codec encrypts (src/security/payload-codec.ts) and may name the
// title. Pure: workflow code and the API's start options (src/temporal/case-summaries.ts) call it.
import { SHANGHAI_OFFSET_MS } from '../../domain/time';
import { translateValue } from '../../i18n/glossary';

const KIND_ZH: Record<string, string> = {
  fault: '故障',
  inspection: '季度巡检',
  care: '客户关怀',
  acceptance: '年度验收',
  rectification: '签约整改',
  golive: '系统上线',
  dongle: '加密锁解除',
  staff: '人员变更',
  service: '服务请求',
  launcher: '周期启动',
};
const LEVEL_ZH = ['', '一级故障', '二级故障', '三级故障', '四级故障', '五级故障'];
const AWAITING_ZH: Record<string, string> = { vendor: '待供应商', hospital: '待院方', none: '无待办' };
/** Statuses that say a deadline passed with its duty still undone (besides a next deadline in the past). */
const LATE_STATUSES = new Set(['overdue', 'late', 'deadline-missed', 'items-overdue', 'plan-late']);

/** The family as people name it: 季度巡检, 年度验收, ... */
export const kindName = (kind: string): string => KIND_ZH[kind] ?? kind;
/** A status in Chinese (src/i18n/glossary.ts names every family's statuses). */
export const statusName = (status: string): string => translateValue(status);
export const levelName = (level: number): string => LEVEL_ZH[level] ?? `${level} 级故障`;

const pad = (n: number) => String(n).padStart(2, '0');
/** "12-02 02:15" (Asia/Shanghai), or with the year: "2026-12-02 02:15 +08:00". */
export function shanghaiShort(ms: number, withYear = false): string {
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  const day = `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return withYear ? `${d.getUTCFullYear()}-${day} +08:00` : day;
}

export interface CaseLine {
  caseId: string;
  contractId: string;
  kind: string;
  /** Absent before the case's first task (the start's attributes). */
  status?: string;
  awaiting?: string;
  breached?: boolean;
  overdue?: boolean;
  level?: number;
  nextDeadlineMs?: number | null;
}

/**
 * Whether a deadline of the case has passed with its duty still undone (WeibaoOverdue): the
 * visibility store has no "now" (`WeibaoNextDeadline < now()` is refused), so the case says so
 * itself when its timer for the deadline fires. A finished case (awaiting none) is not overdue.
 */
export function isOverdue(c: Pick<CaseLine, 'status' | 'awaiting' | 'nextDeadlineMs'>, nowMs: number): boolean {
  if (!c.awaiting || c.awaiting === 'none') return false;
  if (c.status && LATE_STATUSES.has(c.status)) return true;
  return typeof c.nextDeadlineMs === 'number' && c.nextDeadlineMs <= nowMs;
}

/** The longest list line a visibility store takes: PostgreSQL's Keyword columns are varchar(255). */
export const SUMMARY_MAX = 255;

/** 一级故障 · fault:C-1:7 · 已报告 · 截止 12-02 02:15 · 已逾期 · 已违约 (at most SUMMARY_MAX characters) */
export function caseSummary(c: CaseLine): string {
  const what = c.kind === 'fault' && c.level ? levelName(c.level) : kindName(c.kind);
  const due = typeof c.nextDeadlineMs === 'number' ? `截止 ${shanghaiShort(c.nextDeadlineMs)}` : undefined;
  const status = c.status ? statusName(c.status) : '待启动';
  return [
    what,
    c.caseId,
    status,
    due,
    c.overdue && status !== '已逾期' ? '已逾期' : undefined,
    c.breached ? '已违约' : undefined,
  ]
    .filter(Boolean)
    .join(' · ')
    .slice(0, SUMMARY_MAX);
}

/** The workflow page's current details (markdown): the same facts, one per line, with full times. */
export function caseDetails(c: CaseLine & { title?: string }): string {
  return [
    `**${caseSummary(c)}**`,
    ...(c.title ? [`标题：${c.title}`] : []),
    `合同：${c.contractId}`,
    `状态：${c.status ? statusName(c.status) : '待启动'}（${AWAITING_ZH[c.awaiting ?? 'none'] ?? c.awaiting}）`,
    `下一期限：${typeof c.nextDeadlineMs === 'number' ? shanghaiShort(c.nextDeadlineMs, true) : '无'}`,
    `逾期：${c.overdue ? '是' : '否'}　违约：${c.breached ? '是' : '否'}`,
  ].join('\n\n');
}
