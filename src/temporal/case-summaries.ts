// The human summary and details a workflow starts with (Temporal user metadata, issue 15) and
// its first list line (the WeibaoSummary search attribute), for every family: the Web UI shows
// the summary and details on the workflow's page, the list line in the list until the case
// moves (src/workflows/kernel/summary.ts keeps both current from then on). staticSummary and
// staticDetails are payloads, encrypted by the payload codec like every other
// (src/security/payload-codec.ts), so they may carry the title; the search attribute may not.
import type { FaultDeadline } from '../domain';
import type { FaultCaseInput } from '../workflows/fault/messages';
import type { ServiceRequestInput } from '../workflows/service/messages';
import { caseSummary, kindName, levelName, shanghaiShort, type CaseLine } from '../workflows/kernel/summary';

const DEADLINE_ZH: Record<string, string> = {
  response: '响应截止',
  analysis: '分析报告截止',
  onsite: '到场截止',
  replacement: '替换截止',
};
const deadlineName = (kind: string) => DEADLINE_ZH[kind.split(':')[0]!] ?? kind;
/** The clause each family enforces, for the details (the service request names its own). */
const CLAUSE_OF: Record<string, string> = {
  fault: '4.9',
  inspection: '4.3',
  care: '4.1',
  acceptance: '3、8',
  rectification: '6.3',
  golive: '6.3',
  dongle: '4.10',
  staff: '4.2',
};

export interface StartMetadata {
  staticSummary: string;
  staticDetails: string;
  /** WeibaoSummary at start: what the list shows before the workflow's first task. */
  listLine: string;
}

/** "02:15" when the deadline falls on the day of the report (Asia/Shanghai), else "12-03 02:15". */
function dueShort(dueMs: number, fromMs: number): string {
  const due = shanghaiShort(dueMs);
  return due.slice(0, 5) === shanghaiShort(fromMs).slice(0, 5) ? due.slice(6) : due;
}

/** 一级故障 · 全院 OA 无法登录 · 响应截止 02:15, with every deadline of 4.9 in the details. */
export function faultStartMetadata(input: FaultCaseInput, deadlines: FaultDeadline[]): StartMetadata {
  const first = [...deadlines].sort((a, b) => a.dueMs - b.dueMs)[0];
  const due = first ? `${deadlineName(first.kind)} ${dueShort(first.dueMs, input.reportedAtMs)}` : undefined;
  return {
    staticSummary: [levelName(input.level), input.title, due].filter(Boolean).join(' · '),
    staticDetails: [
      `**${input.caseId}**（合同 ${input.contractId}）`,
      `报告：${shanghaiShort(input.reportedAtMs, true)}，报告人 ${input.reporter}`,
      ...deadlines.map((d) => `${deadlineName(d.kind)}：${shanghaiShort(d.dueMs, true)}（第 ${d.clause} 条）`),
    ].join('\n\n'),
    listLine: caseSummary({
      caseId: input.caseId,
      contractId: input.contractId,
      kind: 'fault',
      level: input.level,
      status: 'reported',
      awaiting: 'vendor',
      breached: false,
      nextDeadlineMs: first?.dueMs ?? null,
    }),
  };
}

/** What a start may say of its case beside its family, id and contract. */
export interface CaseAbout {
  /** The case's own title (a service request's, a staff change's): summary and details only. */
  title?: string;
  /** The clause it enforces, when the family has no single one (a service request's). */
  clause?: string;
  /** More lines for the details (markdown paragraphs), e.g. the period or the year. */
  lines?: string[];
  /** The line's attributes the start sets (CaseLine): they must match the start's search attributes. */
  line?: Partial<CaseLine>;
  /** A family's own summary in place of "<family> · <title> · 合同 <id>" (a service request's, with its due date). */
  summary?: string;
}

/**
 * 服务请求 · 第 4.4 条 · 中间件许可 · 截止 2027-12-31 (issue 18): the request's clause, title and
 * due date; a licence's expiry is its due date, a raised request's date is only proposed (拟).
 */
export function serviceAbout(input: ServiceRequestInput): CaseAbout {
  const due = input.licence
    ? `截止 ${input.licence.expiresOn}`
    : input.proposedDueDate
      ? `拟截止 ${input.proposedDueDate}`
      : undefined;
  const summary = [kindName('service'), `第 ${input.clause} 条`, input.title, due].filter(Boolean).join(' · ');
  return { title: input.title, clause: input.clause, summary };
}

/**
 * The start metadata of a case of any family but the fault (startOnce in the API, the cycle
 * launcher's children, the schedules): 服务请求 · 打印机驱动升级 · 合同 C-2026-001, its id,
 * contract and clause in the details. The service requests call it with their title and clause.
 */
export function caseStartMetadata(
  kind: string,
  caseId: string,
  contractId: string,
  about: CaseAbout = {},
): StartMetadata {
  const clause = about.clause ?? CLAUSE_OF[kind];
  return {
    staticSummary: about.summary ?? [kindName(kind), about.title, `合同 ${contractId}`].filter(Boolean).join(' · '),
    staticDetails: [
      `**${caseId}**`,
      ...(about.title ? [`标题：${about.title}`] : []),
      `合同：${contractId}`,
      ...(clause ? [`依据：第 ${clause} 条`] : []),
      ...(about.lines ?? []),
    ].join('\n\n'),
    listLine: caseSummary({ caseId, contractId, kind, ...about.line }),
  };
}

const LAUNCH_ZH: Record<string, string> = {
  inspection: '启动季度巡检（4.3）',
  care: '启动客户关怀（4.1）',
  acceptance: '启动年度验收（3、8）',
  reconcile: '每日补齐周期（3）',
  registered: '登记合同时启动周期',
};

/** A run of the cycle launcher (its schedules, the registration's): which cycles of which contract it starts. */
export function launcherStartMetadata(kind: string, contractId: string): StartMetadata {
  return {
    staticSummary: `${kindName('launcher')} · ${LAUNCH_ZH[kind] ?? kind} · 合同 ${contractId}`,
    staticDetails: [
      `**合同 ${contractId} 的周期启动器**`,
      '按合同季度与年度启动季度巡检（4.3）、客户关怀（4.1）与年度验收（3、8）；已启动的周期不会重复启动。',
    ].join('\n\n'),
    listLine: [kindName('launcher'), LAUNCH_ZH[kind] ?? kind, `合同 ${contractId}`].join(' · '),
  };
}

/** "第 2 合同年第 3 季度" of a period key (2Q3), "第 2 合同年" of a year (acceptance:<contract>:2). */
function periodName(key: string): string {
  const m = /^(\d+)(?:Q(\d))?$/.exec(key);
  if (!m) return key;
  return m[2] ? `第 ${m[1]} 合同年第 ${m[2]} 季度` : `第 ${m[1]} 合同年`;
}

/** A period the launcher starts (inspection:<contract>:1Q2, care:..., acceptance:<contract>:1): its start metadata. */
export function periodStartMetadata(
  workflowId: string,
  contractId: string,
): { staticSummary: string; staticDetails: string } {
  const kind = workflowId.split(':')[0]!;
  const period = periodName(workflowId.slice(kind.length + contractId.length + 2));
  const m = caseStartMetadata(kind, workflowId, contractId, { lines: [`周期：${period}`] });
  return { staticSummary: `${kindName(kind)} · ${period} · 合同 ${contractId}`, staticDetails: m.staticDetails };
}
