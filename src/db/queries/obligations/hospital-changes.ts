// The hospital's recorded MAC/IP/network/server changes (the 6.6 exception: a change notified
// late exempts the vendor).
import type { Db } from '../contracts';
import type { HospitalChange } from '../../../domain/obligations';

export interface HospitalChangeRow extends HospitalChange {
  contractId: string;
  description: string;
  recordedBy: string;
  recordedAt: string;
  lateNotice?: boolean;
}

const CHANGE_COLS = 'id, contract_id, kind, description, changed_at, notified_at, recorded_by, recorded_at';
const toChange = (r: Record<string, any>): HospitalChangeRow => ({
  changeId: r.id,
  contractId: r.contract_id,
  kind: r.kind,
  description: r.description,
  changedAt: (r.changed_at as Date).toISOString(),
  notifiedAt: (r.notified_at as Date).toISOString(),
  recordedBy: r.recorded_by,
  recordedAt: (r.recorded_at as Date).toISOString(),
});

/** Inserts a change notice; with an idempotency key a retry returns the first row. */
export async function insertHospitalChange(
  db: Db,
  c: {
    id: string;
    contractId: string;
    kind: string;
    description: string;
    changedAt: string;
    notifiedAt: string;
    recordedBy: string;
    idempotencyKey: string | null;
  },
): Promise<HospitalChangeRow> {
  const { rows } = await db.query(
    `INSERT INTO hospital_env_changes (id, contract_id, kind, description, changed_at, notified_at, recorded_by, idempotency_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (idempotency_key) DO NOTHING RETURNING ${CHANGE_COLS}`,
    [c.id, c.contractId, c.kind, c.description, c.changedAt, c.notifiedAt, c.recordedBy, c.idempotencyKey],
  );
  if (rows[0]) return toChange(rows[0]);
  const again = await db.query(`SELECT ${CHANGE_COLS} FROM hospital_env_changes WHERE idempotency_key = $1`, [
    c.idempotencyKey,
  ]);
  return toChange(again.rows[0]);
}

export async function listHospitalChanges(db: Db, contractId: string): Promise<HospitalChangeRow[]> {
  const { rows } = await db.query(
    `SELECT ${CHANGE_COLS} FROM hospital_env_changes WHERE contract_id = $1 ORDER BY changed_at, id`,
    [contractId],
  );
  return rows.map(toChange);
}
