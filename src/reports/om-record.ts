// Report 3: the yearly O&M record (运维记录, clause 3) that the yearly acceptance needs: the
// year's faults, inspections with their reports and remediation (4.3, 4.6), care visits (4.1),
// staff changes (4.2), rectification penalties (6.3), service requests (4.4-5.4, issue 18) and
// the documents filed for them, each at its latest version with its sha256. This is the
// acceptance package with its documents. The faults are a summary per level with the cases by
// id and verdict, a page at a time (fault-summary.ts), so a year of 100,000 cases stays a
// record one can print and submit.
import type { ContractRow, Db } from '../db/queries/contracts';
import * as cy from '../db/queries/cycles';
import {
  omDocuments,
  omRectificationItems,
  omServiceRequests,
  omStaffChanges,
  statementEntries,
} from '../db/queries/reports';
import { contractYearSpan } from '../domain/contract-year';
import { KIND_RULES } from '../documents/rules';
import type { DocumentKind } from '../db/queries/documents';
import { extensionsOf } from '../services/contracts';
import { faultSection } from './fault-summary';
import type { RecordHead } from './head';
import { shanghaiIso } from './periods';
import type { ReportView } from './view';

interface Remediation {
  id: string;
  finding: string;
  deadline: string;
  status: string;
  resolvedAt?: string;
}
interface Inspection {
  quarter: number;
  status: string;
  submittedAt: Date | null;
  report: { documentRef?: string; sha256?: string } | null;
  remediation: Remediation[] | null;
  history?: unknown;
}
interface CareLog {
  occurredAt: Date;
  kind: string;
  withWhom: string;
  topics: string[] | null;
}
const VERDICT: Record<string, string> = { met: '达标', breached: '超时', open: '未到期' };
const SERVICE_STATUS_ZH: Record<string, string> = {
  'awaiting-due-date': '待商定日期',
  open: '待受理',
  acknowledged: '已受理',
  'in-progress': '处理中',
  delivered: '已交付待验收',
  accepted: '已验收',
  'out-of-free-scope': '较大修改，另行约定',
  'contract-ended': '合同结束',
};

/** The O&M record of contract year `year` as plain JSON (also the acceptance package's content). */
export async function omRecordData(
  db: Db,
  c: ContractRow,
  year: number,
  nowMs: number,
  page: { after?: number; limit?: number } = {},
) {
  const span = contractYearSpan(Date.parse(c.signedAt), year, await extensionsOf(db, c.id));
  const toMs = span.endMs === null || span.endMs > nowMs ? nowMs : span.endMs;
  const day = (ms: number) => shanghaiIso(ms).slice(0, 10); // Asia/Shanghai calendar date of an instant
  const [
    faults,
    inspections,
    careLogs,
    carePeriods,
    staffChanges,
    ledger,
    documents,
    acceptance,
    record,
    rectificationItems,
    serviceRequests,
  ] = await Promise.all([
    faultSection(db, c.id, year, { fromMs: span.startMs, toMs, asOfMs: nowMs }, page),
    cy.listInspections(db, c.id, year),
    cy.listCareLogs(db, c.id, span.startMs, toMs),
    cy.listCarePeriods(db, c.id),
    omStaffChanges(db, c.id, span.startMs, toMs),
    statementEntries(db, c.id, year),
    omDocuments(db, c.id, year, span.startMs, toMs),
    cy.getAcceptance(db, c.id, year),
    cy.acceptanceRecord(db, c.id, year),
    omRectificationItems(db, c.id, day(span.startMs), day(toMs), year === 1),
    omServiceRequests(db, c.id, span.startMs, toMs),
  ]);
  const remediation = (inspections as Inspection[]).flatMap((i) =>
    (i.remediation ?? []).map((r) => ({ quarter: i.quarter, ...r })),
  );
  return {
    contractId: c.id,
    year,
    from: shanghaiIso(span.startMs),
    to: shanghaiIso(toMs),
    yearComplete: span.endMs !== null && span.endMs <= nowMs,
    faults,
    inspections: (inspections as Inspection[]).map(({ history: _h, ...i }) => i),
    remediation,
    careLogs: careLogs as CareLog[],
    carePeriods: carePeriods.filter((p: { year: number }) => p.year === year),
    staffChanges,
    rectification: ledger.filter((e) => e.caseKind === 'rectification' || e.clause === '6.3'),
    rectificationItems,
    serviceRequests,
    documents,
    acceptance: acceptance
      ? { status: acceptance.status, round: acceptance.round, submittedAt: acceptance.submittedAt }
      : null,
    acceptanceRecord: record ?? null,
  };
}
export type OmRecord = Awaited<ReturnType<typeof omRecordData>>;

export async function omRecordReport(
  db: Db,
  c: ContractRow,
  year: number,
  nowMs: number,
  recordHead: RecordHead | null,
  page: { after?: number; limit?: number } = {},
) {
  const data = await omRecordData(db, c, year, nowMs, page);
  const f = data.faults;
  const all = f.byLevel[0]!;
  const generatedAt = shanghaiIso(nowMs);
  const json = { report: 'om-record', generatedAt, recordHead, ...data };
  const inspected = data.inspections.filter((i) => i.report).length;
  const view: ReportView = {
    slug: `om-record-${c.id}-year${year}`,
    title: `运维记录（第${year}合同年）`,
    contract: c,
    period: `${data.from} 至 ${data.to}`,
    generatedAt,
    recordHead,
    summary: [
      [
        '故障',
        `${f.total} 起（响应达标 ${all.responseMet} 起，超时 ${all.responseBreached} 起，未到期 ${all.responseOpen} 起；重新定级 ${all.regraded} 起，重开 ${all.reopened} 起，除外认可 ${all.exclusionsAccepted} 起）`,
      ],
      ['季度巡检', `${inspected} / ${data.inspections.length} 份报告已提交（条款 4.3）`],
      ['客户回访', `${data.careLogs.length} 次记录（条款 4.1）`],
      ['人员变更', `${data.staffChanges.length} 项（条款 4.2）`],
      [
        '整改',
        `${data.remediation.length} 项巡检整改，整改计划 ${data.rectificationItems.length} 项，${data.rectification.length} 条整改违约金（条款 4.6、6.3）`,
      ],
      [
        '服务请求',
        `${data.serviceRequests.length} 项（逾期 ${data.serviceRequests.filter((s) => s.breach && !s.breach.superseded).length} 项；条款 4.4-5.4，违约金按 6.5/6.2.2）`,
      ],
      ['文档', `${data.documents.length} 份（最新版本及其 sha256 见文档清单）`],
    ],
    tables: [
      {
        heading: '故障记录（条款 4.9）',
        columns: [
          { key: 'caseId', label: '案件', width: 1.6 },
          { key: 'level', label: '等级', width: 0.5 },
          { key: 'title', label: '标题', width: 2.2 },
          { key: 'reportedAt', label: '报告时间', width: 1.6 },
          { key: 'status', label: '状态', width: 0.8 },
          { key: 'response', label: '响应', width: 0.7 },
          { key: 'notes', label: '备注', width: 1.4 },
        ],
        rows: f.cases.map((x) => ({
          ...x,
          reportedAt: shanghaiIso(Date.parse(x.reportedAt)),
          response: x.response ? (VERDICT[x.response] ?? x.response) : null,
          notes: [x.regraded ? '重新定级' : '', x.reopened ? '重开' : '', x.exclusion ? `除外:${x.exclusion}` : '']
            .filter(Boolean)
            .join(' '),
        })),
        notes: [
          f.next
            ? `共 ${f.total} 起，本表列出 ${f.cases.length} 起（按报告时间）；下一页：${f.next}`
            : `共 ${f.total} 起，本表列出 ${f.cases.length} 起（按报告时间）`,
        ],
      },
      {
        heading: '故障分级统计（条款 4.9.3、4.9.4）',
        columns: [
          { key: 'level', label: '等级', width: 0.7 },
          { key: 'cases', label: '故障数', align: 'right' },
          { key: 'responseMet', label: '响应达标', align: 'right' },
          { key: 'responseBreached', label: '响应超时', align: 'right' },
          { key: 'responseOpen', label: '响应未到期', align: 'right' },
          { key: 'onsiteMet', label: '到场达标', align: 'right' },
          { key: 'onsiteBreached', label: '到场超时', align: 'right' },
          { key: 'replacementMet', label: '替代达标', align: 'right' },
          { key: 'replacementBreached', label: '替代超时', align: 'right' },
          { key: 'regraded', label: '重新定级', align: 'right' },
          { key: 'reopened', label: '重开', align: 'right' },
          { key: 'exclusionsAccepted', label: '除外认可', align: 'right' },
        ],
        rows: f.byLevel.map((l) => ({ ...l, level: l.level === 'all' ? '全部' : `${l.level}级` })),
      },
      {
        heading: '季度巡检（条款 4.3）',
        columns: [
          { key: 'quarter', label: '季度', width: 0.5 },
          { key: 'status', label: '状态' },
          { key: 'submittedAt', label: '提交时间', width: 1.5 },
          { key: 'documentRef', label: '报告文档', width: 2 },
          { key: 'sha256', label: 'sha256', width: 3 },
        ],
        rows: data.inspections.map((i) => ({
          quarter: i.quarter,
          status: i.status,
          submittedAt: i.submittedAt ? shanghaiIso(new Date(i.submittedAt).getTime()) : null,
          documentRef: i.report?.documentRef ?? null,
          sha256: i.report?.sha256 ?? null,
        })),
      },
      {
        heading: '整改（条款 4.6）',
        columns: [
          { key: 'quarter', label: '季度', width: 0.5 },
          { key: 'finding', label: '发现', width: 3 },
          { key: 'deadline', label: '期限', width: 1.5 },
          { key: 'status', label: '状态' },
        ],
        rows: data.remediation.map((r) => ({ ...r })),
      },
      {
        heading: '整改计划（条款 6.3）',
        columns: [
          { key: 'itemId', label: '项目' },
          { key: 'description', label: '内容', width: 3 },
          { key: 'dueDate', label: '计划完成日' },
          { key: 'status', label: '状态' },
          { key: 'daysLate', label: '逾期天数', width: 0.7 },
        ],
        rows: data.rectificationItems.map((r) => ({ ...r })),
      },
      {
        heading: '客户回访（条款 4.1）',
        columns: [
          { key: 'occurredAt', label: '时间', width: 1.5 },
          { key: 'kind', label: '方式' },
          { key: 'withWhom', label: '对象' },
          { key: 'topics', label: '内容', width: 2.5 },
        ],
        rows: data.careLogs.map((l) => ({
          occurredAt: shanghaiIso(new Date(l.occurredAt).getTime()),
          kind: l.kind === 'visit' ? '回访' : '资料邮寄',
          withWhom: l.withWhom,
          topics: (l.topics ?? []).join('、'),
        })),
      },
      {
        heading: '人员变更（条款 4.2）',
        columns: [
          { key: 'requestId', label: '申请' },
          { key: 'effectiveDate', label: '生效日' },
          { key: 'change', label: '变更', width: 2 },
          { key: 'outcome', label: '结果' },
        ],
        rows: data.staffChanges.map((s) => ({
          requestId: s.requestId,
          effectiveDate: s.effectiveDate,
          outcome: s.outcome,
          change: `撤出 ${s.removeIds.join('、') || '—'}；新增 ${s.addNames.join('、') || '—'}`,
        })),
      },
      {
        heading: '服务请求（条款 4.4-5.4）',
        columns: [
          { key: 'requestId', label: '编号' },
          { key: 'clause', label: '条款', width: 0.5 },
          { key: 'title', label: '内容', width: 2.2 },
          { key: 'dueDate', label: '商定完成日' },
          { key: 'acceptedAt', label: '验收时间', width: 1.5 },
          { key: 'status', label: '状态' },
          { key: 'breach', label: '违约', width: 1.2 },
        ],
        rows: data.serviceRequests.map((s) => ({
          requestId: s.requestId,
          clause: s.clause,
          title: s.title,
          dueDate: s.dueDate,
          acceptedAt: s.acceptedDeliveryAt ? shanghaiIso(Date.parse(s.acceptedDeliveryAt)) : null,
          status: SERVICE_STATUS_ZH[s.status] ?? s.status,
          breach: s.breach && !s.breach.superseded ? `逾期（第 ${s.breach.pricedUnder} 条）` : '—',
        })),
      },
      {
        heading: '文档清单',
        columns: [
          { key: 'kindZh', label: '类别', width: 1.2 },
          { key: 'title', label: '标题', width: 1.8 },
          { key: 'version', label: '版本', width: 0.5 },
          { key: 'filename', label: '文件名', width: 1.8 },
          { key: 'review', label: '审阅', width: 0.7 },
          { key: 'sha256', label: 'sha256', width: 3.2 },
        ],
        rows: data.documents.map((d) => ({
          ...d,
          kindZh: KIND_RULES[d.kind as DocumentKind]?.zh ?? d.kind,
          review: d.review === 'accepted' ? '已认可' : d.review === 'rejected' ? '已退回' : '—',
        })),
      },
    ],
  };
  return { json, view };
}
