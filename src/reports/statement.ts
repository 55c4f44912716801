// Report 2: the penalty statement of a contract year (clause 6) and the payment it sets
// (clause 10): every ledger entry by clause with its fact and status, the confirmed total,
// where the 5 % (6.4/6.5) and 20 % (6.3) thresholds stand, and the payment due. Its printed
// page: statement-view.ts.
import type { ContractRow, Db } from '../db/queries/contracts';
import * as cy from '../db/queries/cycles';
import * as lq from '../db/queries/ledger';
import { confirmedThrough, statementEntries, type StatementEntry } from '../db/queries/reports';
import { contractYearSpan } from '../domain/contract-year';
import { paymentAmount } from '../domain/payments';
import { applyRate, percent } from '../domain/money';
import { crossedThresholds, thresholdsOf } from '../domain/thresholds';
import { extensionsOf, termsAt } from '../services/contracts';
import type { Locale } from '../i18n/locale';
import { basisOf, renderBasis } from '../i18n/basis';
import { recordTextsIn } from '../i18n/record-texts';
import type { RecordHead } from './head';
import { shanghaiIso } from './periods';
import { statementView } from './statement-view';

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
  locale: Locale,
) {
  const span = contractYearSpan(Date.parse(c.signedAt), year, await extensionsOf(db, c.id));
  const [stored, confirmed, t, rights, payments] = await Promise.all([
    statementEntries(db, c.id, year),
    confirmedThrough(db, c.id, year),
    termsAt(db, c.id, nowMs),
    lq.listRightsEvents(db, c.id, null),
    cy.listPayments(db, c.id),
  ]);
  const entries = stored.map((e) => recordTextsIn(e, locale));
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
      description: renderBasis(th.descriptionTemplate, locale),
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
    basis: renderBasis(pay?.basisTemplate ?? basisOf('payment.10.last-year', { year }).basisTemplate, locale),
    released: released && recordTextsIn(released, locale),
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
  const view = statementView(c, year, json, pay, locale);
  return { json, view };
}
