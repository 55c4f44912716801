// The contract's years as the cycles read them (issue 5): signing, fees and clause-3 extensions,
// and which periods have already recorded themselves (the launcher never starts those again).
// Split from the one cycles query module (issue 10 item 1); index.ts re-exports every part.
import type { Pool, PoolClient } from 'pg';

type Db = Pool | PoolClient;

export interface ContractCycleRow {
  id: string;
  signedAt: string;
  termYears: number;
  status: 'active' | 'ended';
  yearlyFeesFen: string[];
  extensions: { contractYear: number; untilMs: number | null }[];
}

/** The contract's signing, fees and clause-3 extensions (latest row per year wins). */
export async function contractForCycles(db: Db, contractId: string): Promise<ContractCycleRow | undefined> {
  const c = await db.query(
    `SELECT id, signed_at, term_years, status, yearly_fees_fen::text[] AS fees FROM contracts WHERE id = $1`,
    [contractId],
  );
  if (c.rowCount === 0) return undefined;
  const e = await db.query(
    `SELECT DISTINCT ON (contract_year) contract_year, until_at FROM contract_term_extensions
      WHERE contract_id = $1 ORDER BY contract_year, id DESC`,
    [contractId],
  );
  const r = c.rows[0];
  return {
    id: r.id,
    signedAt: new Date(r.signed_at).toISOString(),
    termYears: r.term_years,
    status: r.status,
    yearlyFeesFen: r.fees,
    extensions: e.rows.map((x) => ({
      contractYear: x.contract_year,
      untilMs: x.until_at ? new Date(x.until_at).getTime() : null,
    })),
  };
}

/**
 * The periods whose workflows have recorded themselves: the launcher never starts these again,
 * even after Temporal's retention has forgotten the closed run (REJECT_DUPLICATE alone would not).
 */
export async function recordedCycles(
  db: Db,
  contractId: string,
): Promise<{ inspection: string[]; care: string[]; acceptance: number[] }> {
  const { rows } = await db.query(
    `SELECT 'inspection' AS kind, contract_year AS year, quarter FROM inspections WHERE contract_id = $1
     UNION ALL SELECT 'care', contract_year, quarter FROM care_periods WHERE contract_id = $1
     UNION ALL SELECT 'acceptance', contract_year, 0 FROM acceptance_years WHERE contract_id = $1`,
    [contractId],
  );
  const keys = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => `${r.year}Q${r.quarter}`);
  return {
    inspection: keys('inspection'),
    care: keys('care'),
    acceptance: rows.filter((r) => r.kind === 'acceptance').map((r) => r.year),
  };
}

/** A clause-3 extension of a contract year (a failed acceptance runs the year on until the pass). */
export type TermExtensionRow = {
  year: number;
  untilAt: Date | null;
  reason: string;
  recordedBy: string;
  recordedAt: Date;
};

export async function listTermExtensions(db: Db, contractId: string): Promise<TermExtensionRow[]> {
  const { rows } = await db.query<TermExtensionRow>(
    `SELECT contract_year AS year, until_at AS "untilAt", reason, recorded_by AS "recordedBy", recorded_at AS "recordedAt"
       FROM contract_term_extensions WHERE contract_id = $1 ORDER BY id`,
    [contractId],
  );
  return rows;
}
