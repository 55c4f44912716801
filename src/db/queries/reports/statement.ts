// The yearly statement's queries (clause 6): every ledger entry of a contract year with its
// current status, and the confirmed deductions through a year.
import type { Db } from '../contracts';
import { basisTemplateOf, type BasisTemplate } from '../../../i18n/basis';

export interface StatementEntry {
  id: string;
  clause: string;
  caseKind: string;
  caseId: string;
  fact: string;
  occurredAt: string;
  dueAt: string | null;
  lateByMs: number | null;
  amountFen: string;
  basis: string;
  basisTemplate: BasisTemplate | null;
  reading: string | null;
  compensates: string | null;
  status: string;
  statusReason: string | null;
  statusAt: string;
}

/** Every ledger entry of a contract year with its current status, by clause then time (clause 6). */
export async function statementEntries(db: Db, contractId: string, year: number): Promise<StatementEntry[]> {
  const { rows } = await db.query(
    `SELECT id, clause, case_kind, case_id, fact, occurred_at, due_at, late_by_ms, amount_fen, basis, basis_key, basis_params, reading, compensates, status, status_reason, status_at
       FROM ledger_current WHERE contract_id = $1 AND contract_year = $2 ORDER BY clause, occurred_at, id`,
    [contractId, year],
  );
  return rows.map((r) => ({
    id: r.id,
    clause: r.clause,
    caseKind: r.case_kind,
    caseId: r.case_id,
    fact: r.fact,
    occurredAt: r.occurred_at.toISOString(),
    dueAt: r.due_at ? r.due_at.toISOString() : null,
    lateByMs: r.late_by_ms === null ? null : Number(r.late_by_ms),
    amountFen: r.amount_fen,
    basis: r.basis,
    basisTemplate: basisTemplateOf(r.basis_key, r.basis_params),
    reading: r.reading,
    compensates: r.compensates,
    status: r.status,
    statusReason: r.status_reason,
    statusAt: r.status_at.toISOString(),
  }));
}

/** Confirmed deductions (confirmed, upheld, compensations) of the contract through a year, and of that year alone. */
export async function confirmedThrough(
  db: Db,
  contractId: string,
  year: number,
): Promise<{ throughFen: string; yearFen: string }> {
  const { rows } = await db.query(
    `SELECT coalesce(sum(amount_fen), 0)::text AS through_fen, coalesce(sum(amount_fen) FILTER (WHERE contract_year = $2), 0)::text AS year_fen
       FROM ledger_current WHERE contract_id = $1 AND contract_year <= $2 AND status IN ('confirmed', 'decided-upheld')`,
    [contractId, year],
  );
  return { throughFen: rows[0].through_fen, yearFen: rows[0].year_fen };
}
