// Report 1: SLA compliance of a contract year per fault level (4.9.3) and period (month,
// contract quarter or the contract year): cases, response met and breached (4.9.4), median and
// p90 response time, on-site and replacement met (4.9.2), exclusions claimed and accepted.
import type { ContractRow } from '../db/queries/contracts';
import type { Db } from '../db/queries/contracts';
import { slaRows, type SlaRow } from '../db/queries/reports';
import { extensionsOf } from '../services/contracts';
import type { RecordHead } from './head';
import { shanghaiIso, yearWindow, type PeriodKind } from './periods';
import { minutes, type ReportView } from './view';

const LEVELS = ['all', 1, 2, 3, 4, 5] as const;
export type SlaLine = Omit<SlaRow, 'periodKey' | 'level'> & {
  period: string;
  periodLabel: string;
  from: string;
  to: string;
  level: (typeof LEVELS)[number];
};

const empty = (): Omit<SlaRow, 'periodKey' | 'level'> => ({
  cases: 0,
  regraded: 0,
  reopened: 0,
  responseMet: 0,
  responseBreached: 0,
  responseOpen: 0,
  medianResponseMs: null,
  p90ResponseMs: null,
  onsiteDue: 0,
  onsiteMet: 0,
  onsiteBreached: 0,
  replacementDue: 0,
  replacementMet: 0,
  replacementBreached: 0,
  exclusionsClaimed: 0,
  exclusionsAccepted: 0,
});

export const SLA_READINGS = [
  'a case counts in the period of its report time and at its current level (after any re-grade, 4.9.3; the re-grade is counted)',
  'a deadline is judged from its facts at generation time: met = done by its due, breached = done late or still undone past its due; on-site / replacement deadlines cancelled by a timely resolution do not count (4.9.2)',
  'response time = first response - report (4.9.4); median and p90 by linear interpolation (percentile_cont) over the responded cases',
  'a reopened case counts once; its restarted on-site / replacement clocks (4.9.2) each count',
];

export async function slaReport(
  db: Db,
  c: ContractRow,
  year: number,
  by: PeriodKind,
  nowMs: number,
  recordHead: RecordHead | null,
) {
  const w = yearWindow(Date.parse(c.signedAt), year, by, nowMs, await extensionsOf(db, c.id));
  const found = await slaRows(db, c.id, w.periods, nowMs);
  const lines: SlaLine[] = [];
  for (const p of w.periods) {
    for (const level of LEVELS) {
      const hit = found.find((r) => r.periodKey === p.key && (level === 'all' ? r.level === null : r.level === level));
      const { periodKey: _k, level: _l, ...figures } = hit ?? { periodKey: p.key, level: null, ...empty() };
      lines.push({
        period: p.key,
        periodLabel: p.label,
        from: shanghaiIso(p.startMs),
        to: shanghaiIso(p.endMs),
        level,
        ...figures,
      });
    }
  }
  const generatedAt = shanghaiIso(nowMs);
  const json = {
    report: 'sla',
    contractId: c.id,
    year,
    by,
    from: shanghaiIso(w.startMs),
    to: shanghaiIso(w.endMs),
    yearComplete: w.complete,
    generatedAt,
    recordHead,
    readings: SLA_READINGS,
    rows: lines,
  };
  const view: ReportView = {
    slug: `sla-${c.id}-year${year}-${by}`,
    title: `SLA 达标报告（第${year}合同年，按${by === 'month' ? '月' : by === 'quarter' ? '季度' : '合同年'}）`,
    contract: c,
    period: `${json.from} 至 ${json.to}${w.complete ? '' : '（合同年未结束，截至生成时间）'}`,
    generatedAt,
    recordHead,
    landscape: true,
    summary: [['统计口径', '故障按报告时间归入期间，按当前（重新定级后）等级统计；条款 4.9.2、4.9.3、4.9.4']],
    tables: [
      {
        heading: '各期间、各等级达标情况',
        columns: [
          { key: 'period', label: '期间', width: 1.3 },
          { key: 'level', label: '等级', width: 0.7 },
          { key: 'cases', label: '故障数', align: 'right' },
          { key: 'regraded', label: '重新定级', align: 'right' },
          { key: 'reopened', label: '重开', align: 'right' },
          { key: 'responseMet', label: '响应达标', align: 'right' },
          { key: 'responseBreached', label: '响应超时', align: 'right' },
          { key: 'responseOpen', label: '响应未到期', align: 'right' },
          { key: 'medianMin', label: '响应中位数(分钟)', width: 1.2, align: 'right' },
          { key: 'p90Min', label: '响应P90(分钟)', width: 1.2, align: 'right' },
          { key: 'onsiteDue', label: '应到场', align: 'right' },
          { key: 'onsiteMet', label: '到场达标', align: 'right' },
          { key: 'replacementDue', label: '应替代', align: 'right' },
          { key: 'replacementMet', label: '替代达标', align: 'right' },
          { key: 'exclusionsClaimed', label: '除外申请', align: 'right' },
          { key: 'exclusionsAccepted', label: '除外认可', align: 'right' },
        ],
        rows: lines.map((l) => ({
          ...l,
          period: l.periodLabel,
          level: l.level === 'all' ? '全部' : `${l.level}级`,
          medianMin: minutes(l.medianResponseMs),
          p90Min: minutes(l.p90ResponseMs),
        })),
        notes: SLA_READINGS,
      },
    ],
  };
  return { json, view };
}
