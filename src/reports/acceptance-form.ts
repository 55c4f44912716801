// Report 4: the yearly acceptance form of clause 8 (运维验收单), ready to print and sign: the
// year's figures from the O&M record, the conclusion, and the signature and seal blocks of both
// sides, printed as three copies: two for the hospital, one for the vendor.
import type { ContractRow, Db } from '../db/queries/contracts';
import { confirmedThrough } from '../db/queries/reports';
import { omRecordData } from './om-record';
import type { RecordHead } from './head';
import { shanghaiIso } from './periods';
import { yuan, type ReportView } from './view';

export const FORM_COPIES = ['第一联（甲方存执）', '第二联（甲方存执）', '第三联（乙方存执）'] as const;

export async function acceptanceForm(
  db: Db,
  c: ContractRow,
  year: number,
  nowMs: number,
  recordHead: RecordHead | null,
) {
  const [om, confirmed] = await Promise.all([
    omRecordData(db, c, year, nowMs, { limit: 1 }),
    confirmedThrough(db, c.id, year),
  ]);
  const record = om.acceptanceRecord as null | { passedAt: Date; hospitalSignatory: string; vendorSignatory: string };
  const figures = {
    faults: om.faults.total,
    responseBreached: om.faults.byLevel[0]!.responseBreached,
    inspectionsSubmitted: om.inspections.filter((i) => i.report).length,
    inspections: om.inspections.length,
    careVisits: om.careLogs.filter((l) => l.kind === 'visit').length,
    carePeriodsKept: om.carePeriods.filter((p: { status: string }) => p.status === 'kept').length,
    carePeriods: om.carePeriods.length,
    staffChanges: om.staffChanges.length,
    documents: om.documents.length,
    confirmedDeductionsFen: confirmed.yearFen,
  };
  const generatedAt = shanghaiIso(nowMs);
  const json = {
    report: 'acceptance-form',
    clause: '8',
    contractId: c.id,
    year,
    from: om.from,
    to: om.to,
    generatedAt,
    recordHead,
    figures,
    acceptance: om.acceptance,
    record: record ? { ...record, passedAt: new Date(record.passedAt).toISOString() } : null,
    copies: { hospital: 2, vendor: 1 },
  };
  const conclusion = record
    ? `【√】合格　【　】不合格（${shanghaiIso(new Date(record.passedAt).getTime())} 验收通过）`
    : '【　】合格　【　】不合格';
  const view: ReportView = {
    slug: `acceptance-form-${c.id}-year${year}`,
    title: `运维验收单（第${year}合同年）`,
    contract: c,
    period: `${om.from} 至 ${om.to}`,
    generatedAt,
    recordHead,
    summary: [
      ['合同', `${c.id} ${c.name}`],
      ['甲方（医院）', c.hospital],
      ['乙方（厂商）', c.vendor],
      ['验收期间', `${om.from} 至 ${om.to}`],
      ['故障', `${figures.faults} 起，其中响应超时 ${figures.responseBreached} 起（条款 4.9）`],
      ['季度巡检报告', `${figures.inspectionsSubmitted} / ${figures.inspections} 份（条款 4.3）`],
      [
        '客户回访',
        `${figures.careVisits} 次，${figures.carePeriodsKept} / ${figures.carePeriods} 个季度达标（条款 4.1）`,
      ],
      ['人员变更', `${figures.staffChanges} 项（条款 4.2）`],
      ['运维记录文档', `${figures.documents} 份`],
      ['本年已确认违约金', `${yuan(figures.confirmedDeductionsFen)} 元（条款 6）`],
      ['验收结论', conclusion],
    ],
    tables: [],
    form: {
      copies: [...FORM_COPIES],
      statement: `经甲乙双方共同验收，第${year}合同年运维服务结论如上。本验收单一式三份，甲方执两份，乙方执一份，经双方签字并加盖公章后生效（条款 8）；验收合格后支付下一年度维保费用（条款 10）。`,
      signatures: [
        {
          party: '甲方（盖章）',
          lines: [
            `验收负责人：${record?.hospitalSignatory ?? '________________'}`,
            '签字：________________',
            '日期：______年____月____日',
          ],
        },
        {
          party: '乙方（盖章）',
          lines: [
            `运维负责人：${record?.vendorSignatory ?? '________________'}`,
            '签字：________________',
            '日期：______年____月____日',
          ],
        },
      ],
    },
  };
  return { json, view };
}
