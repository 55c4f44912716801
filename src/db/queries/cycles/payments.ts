// Clause 10's payment requests: released once per passed year (a DB trigger enforces the gate), then paid.
import type { Pool, PoolClient } from 'pg';
import type { BasisTemplate } from '../../../i18n/basis';

type Db = Pool | PoolClient;

export interface PaymentInput {
  contractId: string;
  year: number;
  feeFen: string;
  deductionsFen: string;
  amountFen: string;
  basis: string;
  /** The platform's basis as a template (basis_key, basis_params; issue 15). */
  basisTemplate?: BasisTemplate;
  releasedAt: string;
  releasedBy: string;
  /** A payment entered as made at onboarding (issue 10 item 4): released and paid in one row. */
  paid?: { at: string; by: string; reference: string | null };
}

/** Releases the payment request of a year once; the DB trigger enforces clause 10's gate. */
export async function insertPayment(db: Db, p: PaymentInput): Promise<string> {
  await db.query(
    `INSERT INTO payments (contract_id, contract_year, fee_fen, deductions_fen, amount_fen, basis, released_at, released_by,
       paid_at, paid_by, paid_reference, basis_key, basis_params)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) ON CONFLICT (contract_id, contract_year) DO NOTHING`,
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
      p.basisTemplate?.key ?? null,
      p.basisTemplate ? JSON.stringify(p.basisTemplate.params) : null,
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
  paid_reference AS "paidReference",
  CASE WHEN basis_key IS NULL THEN NULL ELSE jsonb_build_object('key', basis_key, 'params', basis_params) END AS "basisTemplate",
  CASE WHEN paid_at IS NULL THEN 'released' ELSE 'paid' END AS status`;

/** A clause-10 payment request: the year's fee less the deductions confirmed, released, then paid. */
export type PaymentRow = {
  id: string;
  contractId: string;
  year: number;
  feeFen: string;
  deductionsFen: string;
  amountFen: string;
  basis: string;
  basisTemplate: BasisTemplate | null;
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
