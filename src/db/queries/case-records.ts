// The case kernel's record (src/workflows/kernel/record.ts), one function per query. Every
// function runs inside the record transaction, after claimHead took the case's row lock.
import type { PoolClient } from 'pg';
import type { Fact } from '../../workflows/kernel/facts';
import type { Notice } from '../../workflows/kernel/record';

/**
 * Locks the case's head row and moves it to this write's fence, unless a newer write is stored
 * (then nothing of this write applies). Fences compare as (run and history length, task start
 * time): attempts of one workflow task share the first part (011_record_fence_time.sql). A first
 * write creates the head.
 */
export async function claimHead(
  tx: PoolClient,
  h: { caseId: string; kind: string; contractId: string; fence: number; fenceAtMs?: number; lastSeq: number },
): Promise<boolean> {
  const { rowCount } = await tx.query({
    name: 'record-claim-head',
    text: `INSERT INTO case_records (case_id, kind, contract_id, fence, fence_at, last_seq) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (case_id) DO UPDATE SET fence = EXCLUDED.fence, fence_at = EXCLUDED.fence_at, last_seq = EXCLUDED.last_seq, updated_at = now()
     WHERE (case_records.fence, case_records.fence_at) <= (EXCLUDED.fence, EXCLUDED.fence_at)`,
    values: [h.caseId, h.kind, h.contractId, h.fence, h.fenceAtMs ?? 0, h.lastSeq],
  });
  return rowCount === 1;
}

/**
 * After claimHead: removes what a task that never completed wrote beyond the workflow's timeline
 * (facts and their undelivered notices), writes the batch's facts (a fact stored under the same
 * seq by an uncompleted task is replaced) and returns the keys of the case's open proposals made
 * by `proposer` (the workflow), in ONE statement, i.e. one round trip (issue 10's bench: the
 * record was nine). Its snapshot is taken after claimHead holds the head row's lock, as each of
 * the separate statements' was. The deletes touch seq > lastSeq and the facts have seq <=
 * lastSeq, so no row is touched twice.
 */
export async function replaceFacts(
  tx: PoolClient,
  b: { caseId: string; fence: number; lastSeq: number; facts: Fact[] },
  proposer: string,
  openStatuses: readonly string[],
): Promise<string[]> {
  const beyond = b.facts.find((f) => f.seq > b.lastSeq);
  if (beyond) throw new Error(`record of ${b.caseId}: fact ${beyond.seq} lies beyond its lastSeq ${b.lastSeq}`);
  const { facts } = b;
  const { rows } = await tx.query({
    name: 'record-replace-facts',
    text: `WITH gone_facts AS (DELETE FROM case_facts WHERE case_id = $1 AND seq > $13),
       gone_notices AS (DELETE FROM notifications_outbox WHERE case_id = $1 AND fact_seq > $13 AND delivered_at IS NULL),
       written AS (
         INSERT INTO case_facts (case_id, seq, type, occurred_at, recorded_at, recorded_by, recorded_role, on_behalf_of, stated_by, clause, detail, fence)
         SELECT $1, f.* , $12 FROM unnest($2::int[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::text[], $7::text[], $8::text[], $9::text[],
                                          $10::text[], $11::jsonb[]) AS f
         ON CONFLICT (case_id, seq) DO UPDATE SET type = EXCLUDED.type, occurred_at = EXCLUDED.occurred_at, recorded_at = EXCLUDED.recorded_at,
           recorded_by = EXCLUDED.recorded_by, recorded_role = EXCLUDED.recorded_role, on_behalf_of = EXCLUDED.on_behalf_of,
           stated_by = EXCLUDED.stated_by, clause = EXCLUDED.clause, detail = EXCLUDED.detail, fence = EXCLUDED.fence, written_at = now())
     SELECT e.key FROM ledger_entries e JOIN ledger_entry_status s ON s.entry_id = e.id
      WHERE e.case_id = $1 AND e.created_by = $14 AND e.compensates IS NULL AND s.status = ANY($15::text[])
      ORDER BY e.id`,
    values: [
      b.caseId,
      facts.map((f) => f.seq),
      facts.map((f) => f.type),
      facts.map((f) => new Date(f.occurredAt)),
      facts.map((f) => new Date(f.recordedAt)),
      facts.map((f) => f.recordedBy.name),
      facts.map((f) => f.recordedBy.role),
      facts.map((f) => f.onBehalfOf ?? null),
      facts.map((f) => f.statedBy ?? null),
      facts.map((f) => f.clause ?? null),
      facts.map((f) => JSON.stringify(f.detail)),
      b.fence,
      b.lastSeq,
      proposer,
      openStatuses,
    ],
  });
  return rows.map((r) => r.key as string);
}

/** Notices into the outbox with the facts they announce; an undelivered row of the same key is replaced. Returns the keys written. */
export async function upsertNotices(
  tx: PoolClient,
  caseId: string,
  contractId: string,
  notices: Notice[],
): Promise<string[]> {
  if (notices.length === 0) return [];
  const { rows } = await tx.query({
    name: 'record-notices',
    text: `INSERT INTO notifications_outbox (key, topic, contract_id, subject, body, case_id, fact_seq, recipients)
     SELECT n.key, n.topic, $2, n.subject, n.body, $1, n.seq, n.recipients
       FROM unnest($3::text[], $4::text[], $5::text[], $6::jsonb[], $7::int[], $8::text[]) AS n (key, topic, subject, body, seq, recipients)
     ON CONFLICT (key) DO UPDATE SET topic = EXCLUDED.topic, subject = EXCLUDED.subject, body = EXCLUDED.body, fact_seq = EXCLUDED.fact_seq,
       recipients = EXCLUDED.recipients
       WHERE notifications_outbox.delivered_at IS NULL
     RETURNING key`,
    values: [
      caseId,
      contractId,
      notices.map((n) => n.key),
      notices.map((n) => n.topic),
      notices.map((n) => n.subject),
      notices.map((n) => JSON.stringify(n.body)),
      notices.map((n) => n.factSeq),
      notices.map((n) => n.recipients),
    ],
  });
  return rows.map((r) => r.key as string);
}

/** One fact of a case's timeline as recorded (case_facts), in the kernel's fact format. */
export type RecordedFactRow = {
  seq: number;
  type: string;
  occurredAt: Date;
  recordedAt: Date;
  recordedBy: { name: string; role: string };
  onBehalfOf?: string;
  statedBy?: string;
  clause?: string;
  detail: Record<string, unknown>;
  writtenAt: Date;
};

/** The case's timeline as recorded (the API's reads), in the kernel's fact format. */
export async function caseFacts(db: Pick<PoolClient, 'query'>, caseId: string): Promise<RecordedFactRow[]> {
  const { rows } = await db.query(
    `SELECT seq, type, occurred_at, recorded_at, recorded_by, recorded_role, on_behalf_of, stated_by, clause, detail, written_at
       FROM case_facts WHERE case_id = $1 ORDER BY seq`,
    [caseId],
  );
  return rows.map((r) => ({
    seq: r.seq,
    type: r.type,
    occurredAt: r.occurred_at,
    recordedAt: r.recorded_at,
    recordedBy: { name: r.recorded_by, role: r.recorded_role },
    ...(r.on_behalf_of ? { onBehalfOf: r.on_behalf_of } : {}),
    ...(r.stated_by ? { statedBy: r.stated_by } : {}),
    ...(r.clause ? { clause: r.clause } : {}),
    detail: r.detail,
    writtenAt: r.written_at,
  }));
}

/** Whether the case ever wrote its record (it exists, even once Temporal's retention forgot its workflow). */
export async function caseRecorded(db: Pick<PoolClient, 'query'>, caseId: string): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM case_records WHERE case_id = $1', [caseId]);
  return (rowCount ?? 0) > 0;
}
