// Seeds the record of one contract year directly in PostgreSQL (the shapes the fault workflow
// and the cycles write: fault_cases snapshots with their deadlines, fault_events, ledger
// entries and status events, inspections, care logs, acceptance), for report tests whose
// figures are computed by hand. The deadline shape is the fault family's DeadlineState
// (status, startMs, dueMs, doneAtMs, voided), repeated here so the fixture reads on its own.
import type { Pool } from 'pg';

interface DeadlineState {
  id: string;
  kind: 'response' | 'analysis' | 'onsite' | 'replacement';
  round: number;
  clause: string;
  startMs: number;
  dueMs: number;
  warnAtMs: number[];
  warned: number;
  status: 'pending' | 'met' | 'breached' | 'cancelled';
  doneAtMs?: number;
  breachedAtMs?: number;
  voided?: string;
}
interface ExclusionState {
  status: 'open' | 'accepted' | 'rejected';
  cause: string;
  evidence: string[];
  explanation: string;
  claimedBy: string;
  claimedAtMs: number;
}

export const MIN = 60_000;
export const HOUR = 60 * MIN;
/** Epoch ms of a Shanghai wall time 'YYYY-MM-DDTHH:MM'. */
export const sh = (wall: string) => Date.parse(`${wall}:00+08:00`);

export interface SeedCase {
  no: number;
  level: number;
  reportedAt: number;
  affects?: boolean;
  status?: string;
  deadlines: Partial<DeadlineState>[];
  exclusions?: Partial<ExclusionState>[];
  events?: string[];
}

export function deadline(
  kind: DeadlineState['kind'],
  startMs: number,
  dueInMs: number,
  doneAfterMs?: number,
  status?: DeadlineState['status'],
  round = 1,
): Partial<DeadlineState> {
  const dueMs = startMs + dueInMs;
  const done = doneAfterMs === undefined ? undefined : startMs + doneAfterMs;
  const s = status ?? (done === undefined ? 'pending' : done <= dueMs ? 'met' : 'breached');
  return {
    id: round > 1 ? `${kind}:${round}` : kind,
    kind,
    round,
    clause: kind === 'response' ? '4.9.4' : '4.9.2',
    startMs,
    dueMs,
    warnAtMs: [],
    warned: 0,
    status: s,
    ...(done !== undefined ? { doneAtMs: done } : {}),
    ...(s === 'breached' ? { breachedAtMs: dueMs } : {}),
  };
}

export async function seedCase(pool: Pool, contractId: string, c: SeedCase): Promise<string> {
  const caseId = `fault:${contractId}:${c.no}`;
  await pool.query(
    `INSERT INTO fault_intakes (case_id, contract_id, case_no, request_hash, created_by) VALUES ($1, $2, $3, 'h', 'seed')`,
    [caseId, contractId, c.no],
  );
  await pool.query(
    `INSERT INTO fault_cases (case_id, contract_id, case_no, level, title, channel, affects_operations, reporter, reported_at, status, breached, awaiting, deadlines, exclusions, last_seq)
     VALUES ($1, $2, $3, $4, $5, 'phone', $6, '值班员', $7, $8, $9, 'none', $10, $11, $12)`,
    [
      caseId,
      contractId,
      c.no,
      c.level,
      `故障 ${c.no}`,
      c.affects ?? c.level <= 2,
      new Date(c.reportedAt),
      c.status ?? 'closed',
      c.deadlines.some((d) => d.status === 'breached'),
      JSON.stringify(c.deadlines),
      JSON.stringify(c.exclusions ?? []),
      (c.events ?? []).length,
    ],
  );
  // The timeline: the case kernel's case_facts where it exists, the fault family's fault_events before it.
  const kernel = (await pool.query(`SELECT to_regclass('case_facts') IS NOT NULL AS k`)).rows[0].k as boolean;
  if (kernel)
    await pool.query(
      `INSERT INTO case_records (case_id, kind, contract_id, fence, last_seq) VALUES ($1, 'fault', $2, 0, $3)`,
      [caseId, contractId, (c.events ?? []).length],
    );
  for (const [i, type] of (c.events ?? []).entries()) {
    const at = new Date(c.reportedAt + (i + 1) * MIN);
    await pool.query(
      kernel
        ? `INSERT INTO case_facts (case_id, seq, type, occurred_at, recorded_at, recorded_by, recorded_role, detail, fence) VALUES ($1, $2, $4, $3, $3, 'seed', 'hospital-operator', '{}', 0)`
        : `INSERT INTO fault_events (case_id, seq, at, type, actor, role, detail) VALUES ($1, $2, $3, $4, 'seed', 'hospital-operator', '{}')`,
      [caseId, i + 1, at, type],
    );
  }
  return caseId;
}

export async function seedEntry(
  pool: Pool,
  e: {
    id: string;
    contractId: string;
    year: number;
    clause: string;
    caseId: string;
    caseKind?: string;
    fact: string;
    amountFen: string;
    statuses: string[];
    compensates?: string;
    occurredAt: number;
    /** the stored basis (default 'seeded') and each status event's reason (default 'seeded'), e.g. a row written before templates */
    basis?: string;
    reasons?: string[];
  },
): Promise<void> {
  await pool.query(
    `INSERT INTO ledger_entries (id, key, contract_id, contract_year, clause, terms_version, case_kind, case_id, fact, amount_fen, basis, compensates, occurred_at, created_by)
     VALUES ($1, $1, $2, $3, $4, 1, $5, $6, $7, $8, $11, $9, $10, 'seed')`,
    [
      e.id,
      e.contractId,
      e.year,
      e.clause,
      e.caseKind ?? 'fault',
      e.caseId,
      e.fact,
      e.amountFen,
      e.compensates ?? null,
      new Date(e.occurredAt),
      e.basis ?? 'seeded',
    ],
  );
  for (const [i, s] of e.statuses.entries())
    await pool.query(`INSERT INTO ledger_status_events (entry_id, status, actor, reason) VALUES ($1, $2, 'seed', $3)`, [
      e.id,
      s,
      e.reasons?.[i] ?? 'seeded',
    ]);
}
