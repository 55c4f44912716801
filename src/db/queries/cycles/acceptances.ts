// The yearly acceptance's record (3, 8): its case's projection, the clause-8 form of a passed
// year, and the year's ledger entries its package lists (clause 6).
import type { Pool, PoolClient } from 'pg';
import type { RecordBatch } from '../../../workflows/kernel/record';

type Db = Pool | PoolClient;

export interface AcceptanceSnapshot {
  contractId: string;
  year: number;
  yearStart: string | null;
  yearEnd: string | null;
  status: string;
  round: number;
  package: unknown;
  submittedAt: string | null;
  decisions: unknown[];
  paymentId: string | null;
}

export async function recordAcceptanceProjection(db: Db, b: RecordBatch): Promise<void> {
  const s = b.snapshot as unknown as AcceptanceSnapshot;
  await db.query(
    `INSERT INTO acceptance_years (workflow_id, contract_id, contract_year, year_start, year_end, status, round, package, submitted_at,
       decisions, payment_id, version, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12, now())
     ON CONFLICT (workflow_id) DO UPDATE SET year_start = EXCLUDED.year_start, year_end = EXCLUDED.year_end, status = EXCLUDED.status,
       round = EXCLUDED.round, package = EXCLUDED.package, submitted_at = EXCLUDED.submitted_at, decisions = EXCLUDED.decisions,
       payment_id = EXCLUDED.payment_id, version = EXCLUDED.version, updated_at = now()`,
    [
      b.caseId,
      s.contractId,
      s.year,
      s.yearStart,
      s.yearEnd,
      s.status,
      s.round,
      JSON.stringify(s.package ?? null),
      s.submittedAt,
      JSON.stringify(s.decisions),
      s.paymentId,
      b.fence,
    ],
  );
}

const ACCEPTANCE_COLS = `workflow_id AS "workflowId", contract_id AS "contractId", contract_year AS year,
  to_char(year_start, 'YYYY-MM-DD') AS "yearStart", to_char(year_end, 'YYYY-MM-DD') AS "yearEnd", status, round, package,
  submitted_at AS "submittedAt", decisions, payment_id AS "paymentId", updated_at AS "updatedAt"`;

/** A yearly acceptance as recorded (3, 8): its package, decisions and the payment it released. */
export type AcceptanceRow = {
  workflowId: string;
  contractId: string;
  year: number;
  yearStart: string | null;
  yearEnd: string | null;
  status: string;
  round: number;
  package: Record<string, unknown> | null;
  submittedAt: Date | null;
  decisions: Record<string, unknown>[];
  paymentId: string | null;
  updatedAt: Date;
};

export async function listAcceptances(db: Db, contractId: string): Promise<AcceptanceRow[]> {
  const { rows } = await db.query<AcceptanceRow>(
    `SELECT ${ACCEPTANCE_COLS} FROM acceptance_years WHERE contract_id = $1 ORDER BY contract_year`,
    [contractId],
  );
  return rows;
}

export async function getAcceptance(db: Db, contractId: string, year: number): Promise<AcceptanceRow | undefined> {
  const { rows } = await db.query<AcceptanceRow>(
    `SELECT ${ACCEPTANCE_COLS} FROM acceptance_years WHERE contract_id = $1 AND contract_year = $2`,
    [contractId, year],
  );
  return rows[0];
}

export interface AcceptanceRecordInput {
  contractId: string;
  year: number;
  passedAt: string;
  hospitalSignatory: string;
  vendorSignatory: string;
  decidedBy: string;
  workflowId: string;
  /** Clause 8: scans of the signed form, each a stored acceptance-scan (<documentId>@<version> + sha256). */
  signedForms?: { documentRef: string; sha256: string }[];
}

/** Clause 8: the passing form, once per year (a retried activity finds the first row). */
export async function insertAcceptanceRecord(db: Db, r: AcceptanceRecordInput): Promise<string> {
  await db.query(
    `INSERT INTO acceptance_records (contract_id, contract_year, passed_at, hospital_signatory, vendor_signatory, hospital_sealed,
       vendor_sealed, decided_by, workflow_id, signed_forms) VALUES ($1,$2,$3,$4,$5,true,true,$6,$7,$8) ON CONFLICT (contract_id, contract_year) DO NOTHING`,
    [
      r.contractId,
      r.year,
      r.passedAt,
      r.hospitalSignatory,
      r.vendorSignatory,
      r.decidedBy,
      r.workflowId,
      JSON.stringify(r.signedForms ?? []),
    ],
  );
  const { rows } = await db.query('SELECT id FROM acceptance_records WHERE contract_id = $1 AND contract_year = $2', [
    r.contractId,
    r.year,
  ]);
  return rows[0].id;
}

/** The clause-8 form of a passed year: signatories, seals, copies (2 for the hospital, 1 for the vendor), scans. */
export type AcceptanceRecordRow = {
  id: string;
  year: number;
  passedAt: Date;
  hospitalSignatory: string;
  vendorSignatory: string;
  hospitalSealed: boolean;
  vendorSealed: boolean;
  copiesHospital: number;
  copiesVendor: number;
  decidedBy: string;
  signedForms: { documentRef: string; sha256: string }[];
};

export async function acceptanceRecord(
  db: Db,
  contractId: string,
  year: number,
): Promise<AcceptanceRecordRow | undefined> {
  const { rows } = await db.query<AcceptanceRecordRow>(
    `SELECT id, contract_year AS year, passed_at AS "passedAt", hospital_signatory AS "hospitalSignatory", vendor_signatory AS "vendorSignatory",
            hospital_sealed AS "hospitalSealed", vendor_sealed AS "vendorSealed", copies_hospital AS "copiesHospital",
            copies_vendor AS "copiesVendor", decided_by AS "decidedBy", signed_forms AS "signedForms" FROM acceptance_records WHERE contract_id = $1 AND contract_year = $2`,
    [contractId, year],
  );
  return rows[0];
}

/** Penalties of the year as the ledger shows them now (clause 6), for the acceptance package. */
/** A ledger entry of the year as the acceptance package lists it (clause 6). */
export type LedgerOfYearRow = {
  id: string;
  clause: string;
  caseKind: string;
  caseId: string;
  fact: string;
  amountFen: string;
  status: string;
  occurredAt: Date;
};

export async function ledgerOfYear(db: Db, contractId: string, year: number): Promise<LedgerOfYearRow[]> {
  const { rows } = await db.query<LedgerOfYearRow>(
    `SELECT id, clause, case_kind AS "caseKind", case_id AS "caseId", fact, amount_fen AS "amountFen", status, occurred_at AS "occurredAt"
       FROM ledger_current WHERE contract_id = $1 AND contract_year = $2 ORDER BY occurred_at, id`,
    [contractId, year],
  );
  return rows;
}
