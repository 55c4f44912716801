// One function per query over contract_change_proposals (093): amendments and ends awaiting
// their second person (src/security/second-person.ts).
import type { Db } from './contracts';

export type ChangeKind = 'amendment' | 'end';
export type ChangeStatus = 'proposed' | 'approved' | 'rejected' | 'withdrawn';
export interface KeyRef {
  keyId: string;
  name: string;
  role: string;
}
export interface ChangeProposal {
  id: string;
  contractId: string;
  kind: ChangeKind;
  body: Record<string, unknown>;
  proposedBy: KeyRef;
  proposedAt: string;
  status: ChangeStatus;
  decidedBy: KeyRef | null;
  decidedAt: string | null;
  decisionReason: string | null;
}

const toProposal = (r: Record<string, any>): ChangeProposal => ({
  id: r.id,
  contractId: r.contract_id,
  kind: r.kind,
  body: r.body,
  proposedAt: (r.proposed_at as Date).toISOString(),
  status: r.status,
  proposedBy: { keyId: r.proposed_by_key, name: r.proposed_by, role: r.proposed_by_role },
  decidedBy: r.decided_at ? { keyId: r.decided_by_key, name: r.decided_by, role: r.decided_by_role } : null,
  decidedAt: r.decided_at ? (r.decided_at as Date).toISOString() : null,
  decisionReason: r.decision_reason,
});

export async function insertProposal(
  db: Db,
  p: { id: string; contractId: string; kind: ChangeKind; body: unknown; by: KeyRef },
): Promise<ChangeProposal> {
  const { rows } = await db.query(
    `INSERT INTO contract_change_proposals (id, contract_id, kind, body, proposed_by_key, proposed_by, proposed_by_role) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
    [p.id, p.contractId, p.kind, JSON.stringify(p.body), p.by.keyId, p.by.name, p.by.role],
  );
  return toProposal(rows[0]);
}

export async function findProposal(
  db: Db,
  contractId: string,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<ChangeProposal | null> {
  const { rows } = await db.query(
    `SELECT * FROM contract_change_proposals WHERE contract_id = $1 AND id = $2${opts.lock ? ' FOR UPDATE' : ''}`,
    [contractId, id],
  );
  return rows[0] ? toProposal(rows[0]) : null;
}

export async function listProposals(db: Db, contractId: string): Promise<ChangeProposal[]> {
  const { rows } = await db.query(
    'SELECT * FROM contract_change_proposals WHERE contract_id = $1 ORDER BY proposed_at, id',
    [contractId],
  );
  return rows.map(toProposal);
}

/** Decides a proposal still open; false when another decision came first. */
export async function decideProposal(
  db: Db,
  id: string,
  status: Exclude<ChangeStatus, 'proposed'>,
  by: KeyRef,
  reason: string | null,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE contract_change_proposals SET status = $2, decided_by_key = $3, decided_by = $4, decided_by_role = $5, decided_at = now(), decision_reason = $6
      WHERE id = $1 AND status = 'proposed'`,
    [id, status, by.keyId, by.name, by.role, reason],
  );
  return rowCount === 1;
}
