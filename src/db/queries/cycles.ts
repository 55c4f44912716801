// One function per query of the recurring cycles (issue 5). snake_case in SQL, camelCase out.
import type { Pool, PoolClient } from 'pg';
import type { RecordBatch } from '../../workflows/kernel/record';
import type { InspectionReport, RemediationItem } from '../../workflows/cycles/inspection-messages';
import type { CareState } from '../../workflows/cycles/care-messages';

// Rows as pg returns them (src/db/pool.ts): timestamptz as Date (the API's serializer writes
// +08:00, src/api/instants.ts), bigint and numeric as decimal strings, dates as YYYY-MM-DD.

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

export interface InspectionSnapshot {
  contractId: string;
  year: number;
  quarter: number;
  periodStart: string;
  dueAt: string;
  status: string;
  breached: boolean;
  report: unknown;
  submittedAt: string | null;
  lateByMs: number | null;
  acknowledgedAt: string | null;
  remediation: unknown[];
  history: unknown[];
}

/**
 * The cycles' rows are the projections of their cases in the kernel's one record write
 * (src/activities/records.ts): it runs after claimHead accepted the write's fence, so the row
 * simply follows; version = the fence (issue 10).
 */
export async function recordInspectionProjection(db: Db, b: RecordBatch): Promise<void> {
  const s = b.snapshot as unknown as InspectionSnapshot;
  await db.query(
    `INSERT INTO inspections (workflow_id, contract_id, contract_year, quarter, period_start, due_at, status, breached, report,
       submitted_at, late_by_ms, acknowledged_at, remediation, history, version, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15, now())
     ON CONFLICT (workflow_id) DO UPDATE SET period_start = EXCLUDED.period_start, due_at = EXCLUDED.due_at,
       status = EXCLUDED.status, breached = EXCLUDED.breached, report = EXCLUDED.report,
       submitted_at = EXCLUDED.submitted_at, late_by_ms = EXCLUDED.late_by_ms, acknowledged_at = EXCLUDED.acknowledged_at,
       remediation = EXCLUDED.remediation, history = EXCLUDED.history, version = EXCLUDED.version, updated_at = now()`,
    [
      b.caseId,
      s.contractId,
      s.year,
      s.quarter,
      s.periodStart,
      s.dueAt,
      s.status,
      s.breached,
      JSON.stringify(s.report ?? null),
      s.submittedAt,
      s.lateByMs,
      s.acknowledgedAt,
      JSON.stringify(s.remediation),
      JSON.stringify(s.history),
      b.fence,
    ],
  );
}

const INSPECTION_COLS = `workflow_id AS "workflowId", contract_id AS "contractId", contract_year AS year, quarter,
  to_char(period_start, 'YYYY-MM-DD') AS "periodStart", due_at AS "dueAt", status, breached, report, submitted_at AS "submittedAt",
  late_by_ms::float8 AS "lateByMs", acknowledged_at AS "acknowledgedAt", remediation, history, updated_at AS "updatedAt"`;

/** An inspection as recorded (4.1, 4.3, 4.6): the projection of its case. */
export type InspectionRow = {
  workflowId: string;
  contractId: string;
  year: number;
  quarter: number;
  periodStart: string;
  dueAt: Date;
  status: string;
  breached: boolean;
  report: InspectionReport | null;
  submittedAt: Date | null;
  lateByMs: number | null;
  acknowledgedAt: Date | null;
  remediation: RemediationItem[];
  history: { at: string; by: string; event: string; detail?: unknown }[];
  updatedAt: Date;
};

export async function listInspections(db: Db, contractId: string, year?: number): Promise<InspectionRow[]> {
  const { rows } = await db.query<InspectionRow>(
    `SELECT ${INSPECTION_COLS} FROM inspections WHERE contract_id = $1 AND ($2::int IS NULL OR contract_year = $2)
      ORDER BY contract_year, quarter`,
    [contractId, year ?? null],
  );
  return rows;
}

export async function getInspection(
  db: Db,
  contractId: string,
  year: number,
  quarter: number,
): Promise<InspectionRow | undefined> {
  const { rows } = await db.query<InspectionRow>(
    `SELECT ${INSPECTION_COLS} FROM inspections WHERE contract_id = $1 AND contract_year = $2 AND quarter = $3`,
    [contractId, year, quarter],
  );
  return rows[0];
}

export interface CareLogInput {
  contractId: string;
  kind: 'visit' | 'mailing';
  occurredAt: string;
  channel: string;
  withWhom: string;
  topics: string[];
  note?: string;
  idempotencyKey?: string;
  loggedBy: string;
  /** A stored care-visit note (<documentId>@<version>) and its sha256, checked by the route (4.1). */
  documentRef?: string;
  sha256?: string;
  /** Issue 10: set when the stated occurredAt is earlier than the recording (the vendor's claim, contestable). */
  statedBy?: 'vendor' | 'hospital';
}

const CARE_COLS = `id, contract_id AS "contractId", kind, occurred_at AS "occurredAt", channel, with_whom AS "withWhom", topics, note,
  document_ref AS "documentRef", document_sha256 AS "sha256", logged_by AS "loggedBy", created_at AS "createdAt",
  stated_by AS "statedBy"`;

/** A customer-care visit or mailing as logged (4.1). */
export type CareLogRow = {
  id: string;
  contractId: string;
  kind: 'visit' | 'mailing';
  occurredAt: Date;
  channel: string;
  withWhom: string;
  topics: string[];
  note: string | null;
  documentRef: string | null;
  sha256: string | null;
  loggedBy: string;
  createdAt: Date;
  statedBy: 'vendor' | 'hospital' | null;
};

/** Inserts a care log; a retried request with the same idempotency key returns the first row. */
export async function insertCareLog(db: Db, l: CareLogInput): Promise<{ row: CareLogRow; created: boolean }> {
  const ins = await db.query<CareLogRow>(
    `INSERT INTO care_logs (contract_id, kind, occurred_at, channel, with_whom, topics, note, idempotency_key, logged_by, document_ref, document_sha256, stated_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) ON CONFLICT (contract_id, idempotency_key) DO NOTHING RETURNING ${CARE_COLS}`,
    [
      l.contractId,
      l.kind,
      l.occurredAt,
      l.channel,
      l.withWhom,
      l.topics,
      l.note ?? null,
      l.idempotencyKey ?? null,
      l.loggedBy,
      l.documentRef ?? null,
      l.sha256?.replace(/^sha256:/, '').toLowerCase() ?? null,
      l.statedBy ?? null,
    ],
  );
  if (ins.rows[0]) return { row: ins.rows[0], created: true };
  const { rows } = await db.query<CareLogRow>(
    `SELECT ${CARE_COLS} FROM care_logs WHERE contract_id = $1 AND idempotency_key = $2`,
    [l.contractId, l.idempotencyKey],
  );
  return { row: rows[0]!, created: false };
}

export async function listCareLogs(db: Db, contractId: string, fromMs?: number, toMs?: number): Promise<CareLogRow[]> {
  const { rows } = await db.query<CareLogRow>(
    `SELECT ${CARE_COLS} FROM care_logs WHERE contract_id = $1
        AND ($2::timestamptz IS NULL OR occurred_at >= $2) AND ($3::timestamptz IS NULL OR occurred_at < $3)
      ORDER BY occurred_at, id`,
    [contractId, fromMs === undefined ? null : new Date(fromMs), toMs === undefined ? null : new Date(toMs)],
  );
  return rows;
}

export async function countCareLogs(
  db: Db,
  contractId: string,
  fromMs: number,
  toMs: number,
): Promise<{ visits: number; mailings: number }> {
  const { rows } = await db.query(
    `SELECT count(*) FILTER (WHERE kind = 'visit')::int AS visits, count(*) FILTER (WHERE kind = 'mailing')::int AS mailings
       FROM care_logs WHERE contract_id = $1 AND occurred_at >= $2 AND occurred_at < $3`,
    [contractId, new Date(fromMs), new Date(toMs)],
  );
  return rows[0];
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

/**
 * The quarter's state as its workflow records it (CareState, care-messages.ts), derived rather
 * than copied; logs and stated stay optional as before (a snapshot without them records []).
 */
export type CarePeriodSnapshot = Omit<CareState, 'logs' | 'stated'> & Partial<Pick<CareState, 'logs' | 'stated'>>;

export async function recordCareProjection(db: Db, b: RecordBatch): Promise<void> {
  const s = b.snapshot as unknown as CarePeriodSnapshot;
  await db.query(
    `INSERT INTO care_periods (workflow_id, contract_id, contract_year, quarter, period_start, due_at, required_visits, visits, mailings,
       status, breached, version, updated_at, logs, stated) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12, now(), $13, $14)
     ON CONFLICT (workflow_id) DO UPDATE SET period_start = EXCLUDED.period_start, due_at = EXCLUDED.due_at,
       visits = EXCLUDED.visits, mailings = EXCLUDED.mailings, status = EXCLUDED.status,
       breached = EXCLUDED.breached, required_visits = EXCLUDED.required_visits, version = EXCLUDED.version, updated_at = now(),
       logs = EXCLUDED.logs, stated = EXCLUDED.stated`,
    [
      b.caseId,
      s.contractId,
      s.year,
      s.quarter,
      s.periodStart,
      s.dueAt,
      s.requiredVisits,
      s.visits,
      s.mailings,
      s.status,
      s.breached,
      b.fence,
      JSON.stringify(s.logs ?? []),
      JSON.stringify(s.stated ?? []),
    ],
  );
}

/** A customer-care quarter as recorded (4.1): visits counted against the required ones. */
export type CarePeriodRow = {
  workflowId: string;
  year: number;
  quarter: number;
  periodStart: string;
  dueAt: Date;
  requiredVisits: number;
  visits: number;
  mailings: number;
  status: CarePeriodSnapshot['status'];
  breached: boolean;
  logs: unknown[];
  stated: unknown[];
};

export async function listCarePeriods(db: Db, contractId: string): Promise<CarePeriodRow[]> {
  const { rows } = await db.query<CarePeriodRow>(
    `SELECT workflow_id AS "workflowId", contract_year AS year, quarter, to_char(period_start, 'YYYY-MM-DD') AS "periodStart",
            due_at AS "dueAt", required_visits AS "requiredVisits", visits, mailings, status, breached, logs, stated
       FROM care_periods WHERE contract_id = $1 ORDER BY contract_year, quarter`,
    [contractId],
  );
  return rows;
}

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

export interface PaymentInput {
  contractId: string;
  year: number;
  feeFen: string;
  deductionsFen: string;
  amountFen: string;
  basis: string;
  releasedAt: string;
  releasedBy: string;
  /** A payment entered as made at onboarding (issue 10 item 4): released and paid in one row. */
  paid?: { at: string; by: string; reference: string | null };
}

/** Releases the payment request of a year once; the DB trigger enforces clause 10's gate. */
export async function insertPayment(db: Db, p: PaymentInput): Promise<string> {
  await db.query(
    `INSERT INTO payments (contract_id, contract_year, fee_fen, deductions_fen, amount_fen, basis, released_at, released_by,
       paid_at, paid_by, paid_reference)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) ON CONFLICT (contract_id, contract_year) DO NOTHING`,
    [
      p.contractId,
      p.year,
      p.feeFen,
      p.deductionsFen,
      p.amountFen,
      p.basis,
      p.releasedAt,
      p.releasedBy,
      p.paid?.at ?? null,
      p.paid?.by ?? null,
      p.paid?.reference ?? null,
    ],
  );
  const { rows } = await db.query('SELECT id FROM payments WHERE contract_id = $1 AND contract_year = $2', [
    p.contractId,
    p.year,
  ]);
  return rows[0].id;
}

const PAYMENT_COLS = `id, contract_id AS "contractId", contract_year AS year, fee_fen AS "feeFen", deductions_fen AS "deductionsFen",
  amount_fen AS "amountFen", basis, released_at AS "releasedAt", released_by AS "releasedBy", paid_at AS "paidAt", paid_by AS "paidBy",
  paid_reference AS "paidReference", CASE WHEN paid_at IS NULL THEN 'released' ELSE 'paid' END AS status`;

/** A clause-10 payment request: the year's fee less the deductions confirmed, released, then paid. */
export type PaymentRow = {
  id: string;
  contractId: string;
  year: number;
  feeFen: string;
  deductionsFen: string;
  amountFen: string;
  basis: string;
  releasedAt: Date;
  releasedBy: string;
  paidAt: Date | null;
  paidBy: string | null;
  paidReference: string | null;
  status: 'released' | 'paid';
};

export async function listPayments(db: Db, contractId: string): Promise<PaymentRow[]> {
  const { rows } = await db.query<PaymentRow>(
    `SELECT ${PAYMENT_COLS} FROM payments WHERE contract_id = $1 ORDER BY contract_year`,
    [contractId],
  );
  return rows;
}

export async function getPayment(db: Db, id: string): Promise<PaymentRow | undefined> {
  const { rows } = await db.query<PaymentRow>(`SELECT ${PAYMENT_COLS} FROM payments WHERE id = $1`, [id]);
  return rows[0];
}

/** Marks paid once; returns undefined when already paid (the caller answers 409). */
export async function markPaymentPaid(
  db: Db,
  id: string,
  by: string,
  reference: string | null,
  at: Date,
): Promise<PaymentRow | undefined> {
  const { rows } = await db.query(
    `UPDATE payments SET paid_at = $2, paid_by = $3, paid_reference = $4 WHERE id = $1 AND paid_at IS NULL RETURNING id`,
    [id, at, by, reference],
  );
  return rows[0] ? getPayment(db, id) : undefined;
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
