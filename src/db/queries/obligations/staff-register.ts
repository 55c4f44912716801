// The 4.2 staff register over 005_obligations.sql: the engineers registered, added and removed,
// and the once-only application of a staff change to it.
import type { Db } from '../contracts';
import type { Engineer } from '../../../domain/staff-register';

export interface EngineerRow extends Engineer {
  activeFrom: string;
  activeUntil: string | null;
  addedBy: string;
  addedByChange: string | null;
  removedByChange: string | null;
}
const ENGINEER_COLS = `engineer_id, name, qualification, years_on_product, fixed, to_char(active_from, 'YYYY-MM-DD') AS active_from,
  to_char(active_until, 'YYYY-MM-DD') AS active_until, added_by, added_by_change, removed_by_change,
  qualification_document_ref, qualification_document_sha256`;
const toEngineer = (r: Record<string, any>): EngineerRow => ({
  engineerId: r.engineer_id,
  name: r.name,
  qualification: r.qualification,
  yearsOnProduct: Number(r.years_on_product),
  fixed: r.fixed,
  activeFrom: r.active_from,
  activeUntil: r.active_until,
  addedBy: r.added_by,
  addedByChange: r.added_by_change,
  removedByChange: r.removed_by_change,
  ...(r.qualification_document_ref
    ? {
        qualificationDocument: {
          documentRef: r.qualification_document_ref,
          sha256: r.qualification_document_sha256,
        },
      }
    : {}),
});

/** The engineers on the register (active_until NULL), or all ever registered. */
export async function listEngineers(db: Db, contractId: string, includeRemoved = false): Promise<EngineerRow[]> {
  const { rows } = await db.query(
    `SELECT ${ENGINEER_COLS} FROM staff_engineers WHERE contract_id = $1 AND ($2 OR active_until IS NULL) ORDER BY active_from, engineer_id`,
    [contractId, includeRemoved],
  );
  return rows.map(toEngineer);
}

export async function engineerIdsEver(db: Db, contractId: string): Promise<string[]> {
  const { rows } = await db.query('SELECT engineer_id FROM staff_engineers WHERE contract_id = $1', [contractId]);
  return rows.map((r) => r.engineer_id as string);
}

export async function insertEngineers(
  db: Db,
  contractId: string,
  engineers: Engineer[],
  activeFrom: string,
  addedBy: string,
  change: string | null,
): Promise<void> {
  for (const e of engineers) {
    await db.query(
      `INSERT INTO staff_engineers (contract_id, engineer_id, name, qualification, years_on_product, fixed, active_from, added_by, added_by_change,
                                    qualification_document_ref, qualification_document_sha256)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        contractId,
        e.engineerId,
        e.name,
        e.qualification,
        e.yearsOnProduct,
        e.fixed,
        activeFrom,
        addedBy,
        change,
        e.qualificationDocument?.documentRef ?? null,
        e.qualificationDocument?.sha256.replace(/^sha256:/, '').toLowerCase() ?? null,
      ],
    );
  }
}

export async function removeEngineers(
  db: Db,
  contractId: string,
  ids: string[],
  until: string,
  change: string,
): Promise<void> {
  await db.query(
    `UPDATE staff_engineers SET active_until = $3, removed_by_change = $4 WHERE contract_id = $1 AND engineer_id = ANY($2) AND active_until IS NULL`,
    [contractId, ids, until, change],
  );
}

/** True when this change was not applied before (the key is the staff-change workflow id). */
export async function claimStaffChangeApplication(
  db: Db,
  key: string,
  contractId: string,
  requestId: string,
): Promise<boolean> {
  const { rowCount } = await db.query(
    'INSERT INTO staff_change_applications (key, contract_id, request_id) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING',
    [key, contractId, requestId],
  );
  return rowCount === 1;
}
