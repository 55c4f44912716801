// Lists exported as CSV (issue 14: "no export": the service desks the hospital knows export every
// list). A client that asks `Accept: text/csv` (and not JSON first) gets the same page the JSON
// list answers, as UTF-8 with a byte-order mark (Excel opens Chinese), CRLF, instants in +08:00,
// money in yuan and fen; anything else gets the JSON list as before.
import type { Request, Response } from 'express';
import { renderTableCsv } from './render/csv';
import { shanghaiIso } from './periods';
import { yuan, type Cell, type Column } from './view';

export interface ListCsv<T> {
  slug: string;
  heading: string;
  columns: Column[];
  row: (item: T) => Record<string, Cell>;
}

const instant = (v: unknown): Cell =>
  v === null || v === undefined ? null : shanghaiIso(new Date(v as string).getTime());

export function sendList<T>(req: Request, res: Response, items: T[], csv: ListCsv<T>): void {
  res.setHeader('Vary', 'Accept');
  if (req.accepts(['application/json', 'text/csv']) !== 'text/csv') {
    res.json({ items });
    return;
  }
  const body = renderTableCsv({ heading: csv.heading, columns: csv.columns, rows: items.map(csv.row) });
  res.attachment(`${csv.slug}.csv`);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Length', String(body.length));
  res.end(body);
}

const STATUS_ZH: Record<string, string> = {
  proposed: '待确认',
  held: '暂挂',
  released: '已释放',
  confirmed: '已确认',
  waived: '已免除',
  disputed: '争议中',
  'decided-upheld': '裁定维持',
  'decided-waived': '裁定免除',
  withdrawn: '已撤回',
};

/** GET /faults as CSV: one line per case of the page. */
export const FAULT_LIST_CSV: ListCsv<Record<string, unknown>> = {
  slug: 'faults',
  heading: '故障案件',
  columns: [
    { key: 'caseId', label: '案件' },
    { key: 'contractId', label: '合同' },
    { key: 'caseNo', label: '编号' },
    { key: 'level', label: '等级' },
    { key: 'title', label: '标题' },
    { key: 'status', label: '状态' },
    { key: 'breached', label: '超时' },
    { key: 'awaiting', label: '待办方' },
    { key: 'reportedAt', label: '报告时间' },
    { key: 'nextDeadlineAt', label: '下一期限' },
  ],
  row: (c) => ({
    caseId: c.caseId as string,
    contractId: c.contractId as string,
    caseNo: c.caseNo as number,
    level: c.level as number,
    title: c.title as string,
    status: c.status as string,
    breached: c.breached ? '是' : '否',
    awaiting: c.awaiting as string,
    reportedAt: instant(c.reportedAt),
    nextDeadlineAt: instant(c.nextDeadlineAt),
  }),
};

/** GET /ledger as CSV: one line per entry of the page, with its current status (clause 6). */
export const LEDGER_LIST_CSV: ListCsv<{
  id: string;
  contractId: string;
  contractYear: number;
  clause: string;
  caseId: string;
  fact: string;
  occurredAt: string;
  amountFen: string;
  status: string;
  statusReason: string | null;
  compensates: string | null;
}> = {
  slug: 'ledger',
  heading: '违约金台账',
  columns: [
    { key: 'id', label: '条目' },
    { key: 'contractId', label: '合同' },
    { key: 'contractYear', label: '合同年' },
    { key: 'clause', label: '条款' },
    { key: 'caseId', label: '案件' },
    { key: 'fact', label: '事实' },
    { key: 'occurredAt', label: '发生时间' },
    { key: 'yuan', label: '金额(元)' },
    { key: 'amountFen', label: '金额(分)' },
    { key: 'status', label: '状态' },
    { key: 'statusZh', label: '状态说明' },
    { key: 'compensates', label: '冲正条目' },
  ],
  row: (e) => ({
    id: e.id,
    contractId: e.contractId,
    contractYear: e.contractYear,
    clause: e.clause,
    caseId: e.caseId,
    fact: e.fact,
    occurredAt: instant(e.occurredAt),
    yuan: yuan(e.amountFen),
    amountFen: e.amountFen,
    status: e.status,
    statusZh: STATUS_ZH[e.status] ?? e.status,
    compensates: e.compensates,
  }),
};
