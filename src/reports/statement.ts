// Report 2: the penalty statement of a contract year (clause 6) and the payment it sets
// (clause 10): every ledger entry by clause with its fact and status, the confirmed total,
// where the 5 % (6.4/6.5) and 20 % (6.3) thresholds stand, and the payment due.
import type { ContractRow, Db } from '../db/queries/contracts';
import * as cy from '../db/queries/cycles';
import * as lq from '../db/queries/ledger';
import { confirmedThrough, statementEntries, type StatementEntry } from '../db/queries/reports';
import { contractYearSpan } from '../domain/contract-year';
import { paymentAmount } from '../domain/cycles';
import { applyRate, percent } from '../domain/money';
import { crossedThresholds, thresholdsOf } from '../domain/thresholds';
import { extensionsOf, termsAt } from '../services/contracts';
import type { RecordHead } from './head';
import { shanghaiIso } from './periods';
import { yuan, type ReportView } from './view';

type Bucket = 'confirmedFen' | 'openFen' | 'disputedFen' | 'heldFen' | 'waivedFen' | 'withdrawnFen';
// withdrawn: a proposal the facts superseded (an on-time fact typed in late), never owed.
const BUCKET: Record<string, Bucket> = {
  confirmed: 'confirmedFen',
  'decided-upheld': 'confirmedFen',
  proposed: 'openFen',
  released: 'openFen',
  disputed: 'disputedFen',
  held: 'heldFen',
  waived: 'waivedFen',
  'decided-waived': 'waivedFen',
  withdrawn: 'withdrawnFen',
};
const STATUS_ZH: Record<string, string> = {
  confirmed: '已确认',
  'decided-upheld': '争议维持',
  proposed: '待确认',
  released: '待确认（除外驳回）',
  disputed: '争议中',
  held: '暂停（除外申请）',
  waived: '已免除',
  'decided-waived': '争议免除',
  withdrawn: '已撤回',
};

function byClause(entries: StatementEntry[]) {
  const m = new Map<string, Record<Bucket, bigint> & { entries: number }>();
  for (const e of entries) {
    const b = m.get(e.clause) ?? {
      confirmedFen: 0n,
      openFen: 0n,
      disputedFen: 0n,
      heldFen: 0n,
      waivedFen: 0n,
      withdrawnFen: 0n,
      entries: 0,
    };
    b[BUCKET[e.status] ?? 'openFen'] += BigInt(e.amountFen);
    b.entries += 1;
    m.set(e.clause, b);
  }
  return [...m].map(([clause, b]) => ({
    clause,
    entries: b.entries,
    confirmedFen: String(b.confirmedFen),
    openFen: String(b.openFen),
    disputedFen: String(b.disputedFen),
    heldFen: String(b.heldFen),
    waivedFen: String(b.waivedFen),
    withdrawnFen: String(b.withdrawnFen),
  }));
}

export async function penaltyStatement(
  db: Db,
  c: ContractRow,
  year: number,
  nowMs: number,
  recordHead: RecordHead | null,
) {
  const span = contractYearSpan(Date.parse(c.signedAt), year, await extensionsOf(db, c.id));
  const [entries, confirmed, t, rights, payments] = await Promise.all([
    statementEntries(db, c.id, year),
    confirmedThrough(db, c.id, year),
    termsAt(db, c.id, nowMs),
    lq.listRightsEvents(db, c.id, null),
    cy.listPayments(db, c.id),
  ]);
  const amount = BigInt(c.amountFen);
  const through = BigInt(confirmed.throughFen);
  const crossed = new Set(crossedThresholds(0n, through < 0n ? 0n : through, amount, t.terms).map((x) => x.clause));
  const thresholds = thresholdsOf(t.terms).map((th) => {
    const limitFen = applyRate(amount, percent(th.percent));
    return {
      clause: th.clause,
      percent: th.percent,
      comparison: th.comparison,
      limitFen: String(limitFen),
      confirmedThroughYearFen: String(through),
      reached: crossed.has(th.clause),
      headroomFen: String(limitFen - through),
      right: th.right,
      description: th.description,
    };
  });
  // Clause 10 as the acceptance applies it: the pass of year N releases year N+1's fee less
  // the deductions confirmed in year N; the last year's deductions have no later fee.
  const nextFee = c.yearlyFees[year];
  const pay =
    nextFee === undefined
      ? null
      : paymentAmount(BigInt(nextFee), BigInt(confirmed.yearFen) < 0n ? 0n : BigInt(confirmed.yearFen));
  const released = payments.find((p: { year: number }) => p.year === year + 1) ?? null;
  const payment = {
    appliesToYear: year + 1,
    feeFen: nextFee ?? null,
    deductionsFen: confirmed.yearFen,
    amountDueFen: pay ? String(pay.amountFen) : null,
    uncoveredFen: pay ? String(pay.uncoveredFen) : confirmed.yearFen,
    basis:
      pay?.basis ??
      `clause 10: year ${year} is the last contract year; its confirmed deductions are settled outside a later fee`,
    released,
  };
  const generatedAt = shanghaiIso(nowMs);
  const json = {
    report: 'penalty-statement',
    contractId: c.id,
    year,
    from: shanghaiIso(span.startMs),
    to: span.endMs === null ? null : shanghaiIso(span.endMs),
    generatedAt,
    recordHead,
    contractAmountFen: c.amountFen,
    termsVersion: t.version,
    entries,
    byClause: byClause(entries),
    confirmedYearFen: confirmed.yearFen,
    confirmedThroughYearFen: confirmed.throughFen,
    thresholds,
    rightsEvents: rights,
    payment,
  };
  const view: ReportView = {
    slug: `penalty-statement-${c.id}-year${year}`,
    title: `违约金结算单（第${year}合同年）`,
    contract: c,
    period: `${json.from} 至 ${json.to ?? '（验收通过前延续）'}`,
    generatedAt,
    recordHead,
    summary: [
      ['合同金额', `${yuan(c.amountFen)} 元`],
      ['本年已确认扣款', `${yuan(confirmed.yearFen)} 元`],
      ['累计已确认扣款', `${yuan(confirmed.throughFen)} 元（截至第${year}合同年）`],
      ...thresholds.map((th): [string, string] => [
        `阈值 ${th.clause}（${th.percent}%）`,
        `${yuan(th.limitFen)} 元，${th.reached ? '已达到' : `尚余 ${yuan(th.headroomFen)} 元`}`,
      ]),
      [
        '应付款（条款 10）',
        pay
          ? `第${year + 1}年年费 ${yuan(nextFee!)} 元 − 本年扣款 ${yuan(confirmed.yearFen)} 元 = ${yuan(pay.amountFen)} 元${pay.uncoveredFen > 0n ? `；未抵扣 ${yuan(pay.uncoveredFen)} 元` : ''}`
          : `第${year}合同年为最后一年，扣款 ${yuan(confirmed.yearFen)} 元另行结算`,
      ],
    ],
    tables: [
      {
        heading: '违约金明细（按条款）',
        columns: [
          { key: 'clause', label: '条款', width: 0.6 },
          { key: 'id', label: '条目', width: 1.6 },
          { key: 'caseId', label: '案件', width: 1.4 },
          { key: 'fact', label: '事实', width: 3 },
          { key: 'occurredAt', label: '发生时间', width: 1.5 },
          { key: 'amountCny', label: '金额(元)', align: 'right' },
          { key: 'amountFen', label: '金额(分)', align: 'right' },
          { key: 'status', label: '状态' },
          { key: 'statusZh', label: '状态说明', width: 1.1 },
          { key: 'compensates', label: '冲正条目', width: 1.4 },
        ],
        rows: entries.map((e) => ({
          ...e,
          occurredAt: shanghaiIso(Date.parse(e.occurredAt)),
          amountCny: yuan(e.amountFen),
          statusZh: STATUS_ZH[e.status] ?? e.status,
        })),
      },
      {
        heading: '按条款汇总',
        columns: [
          { key: 'clause', label: '条款' },
          { key: 'entries', label: '条目数', align: 'right' },
          { key: 'confirmed', label: '已确认(元)', align: 'right' },
          { key: 'open', label: '待确认(元)', align: 'right' },
          { key: 'disputed', label: '争议中(元)', align: 'right' },
          { key: 'held', label: '暂停(元)', align: 'right' },
          { key: 'waived', label: '已免除(元)', align: 'right' },
        ],
        rows: json.byClause.map((b) => ({
          clause: b.clause,
          entries: b.entries,
          confirmed: yuan(b.confirmedFen),
          open: yuan(b.openFen),
          disputed: yuan(b.disputedFen),
          held: yuan(b.heldFen),
          waived: yuan(b.waivedFen),
        })),
        notes: [
          '已确认 = confirmed 与争议维持（decided-upheld），含冲正（负数）条目；阈值按整个合同累计已确认扣款计算（条款 6.3、6.4/6.5）',
        ],
      },
    ],
  };
  return { json, view };
}
