// What the chaos run checks once the platform has recovered, from PostgreSQL (the record) and
// the answers the clients got. Every figure but `requests` and `longestMs` must be 0.
import { Client } from 'pg';
import type { Traffic } from './traffic';

export interface Figures {
  requests: number;
  writesAcknowledged: number;
  lostWrites: number;
  duplicatedRows: number;
  orphanCases: number;
  unauditedMutations: number;
  serverErrorsOther503: number;
  answered503: number;
  /** The slowest 503 per error code (issue 11: 503 with Retry-After within 1 s of an outage; REQUEST_DEADLINE is the 8 s bound). */
  slowest503Ms: Record<string, number>;
  lostConnections: number;
  longestMs: number;
}

export async function verify(
  pgUrl: string,
  t: Traffic,
): Promise<{ figures: Figures; details: Record<string, unknown[]> }> {
  const db = new Client({ connectionString: pgUrl });
  await db.connect();
  try {
    const ok = (s: number | 'lost') => s === 200 || s === 201;
    const acked = t.writes.filter((w) => ok(w.status));
    const q = async (sql: string, params: unknown[]) => (await db.query(sql, params)).rows;

    // Lost: acknowledged, but not in the record.
    const lost: unknown[] = [];
    const contractIds = acked.filter((w) => w.kind === 'contract').map((w) => w.target);
    const haveContracts = new Set(
      (await q('SELECT id FROM contracts WHERE id = ANY($1)', [contractIds])).map((r) => r.id),
    );
    lost.push(...contractIds.filter((id) => !haveContracts.has(id)));
    const caseIds = acked.filter((w) => w.kind === 'report').map((w) => w.target);
    const haveCases = new Set(
      (await q('SELECT case_id FROM fault_cases WHERE case_id = ANY($1)', [caseIds])).map((r) => r.case_id),
    );
    lost.push(...caseIds.filter((id) => !haveCases.has(id)));
    const responded = [...new Set(acked.filter((w) => w.kind === 'respond').map((w) => w.target))];
    const haveResponses = new Set(
      (
        await q("SELECT DISTINCT case_id FROM case_facts WHERE type = 'case.responded' AND case_id = ANY($1)", [
          responded,
        ])
      ).map((r) => r.case_id),
    );
    lost.push(...responded.filter((id) => !haveResponses.has(id)));

    // Duplicated: one keyed request made more than one row, or a case responded twice.
    const keys = t.writes.filter((w) => w.key && w.kind === 'report').map((w) => w.key);
    const dupIntakes = await q(
      'SELECT idempotency_key, count(*)::int AS n FROM fault_intakes WHERE idempotency_key = ANY($1) GROUP BY 1 HAVING count(*) > 1',
      [keys],
    );
    const dupResponses = await q(
      "SELECT case_id, count(*)::int AS n FROM case_facts WHERE type = 'case.responded' GROUP BY 1 HAVING count(*) > 1",
      [],
    );

    // Orphans: committed cases whose workflow never recorded a fact (the sweep had its time).
    const orphans = await q('SELECT case_id FROM fault_cases WHERE last_seq = 0', []);

    // Unaudited: an answered mutating request with no audit row under its request id.
    const mutations = t.sent.filter((s) => s.method !== 'GET' && s.status !== 'lost' && s.requestId);
    const audited = new Set(
      (await q('SELECT request_id FROM audit_log WHERE request_id = ANY($1)', [mutations.map((m) => m.requestId)])).map(
        (r) => r.request_id,
      ),
    );
    const unaudited = mutations.filter((m) => !audited.has(m.requestId));

    const errors = t.sent.filter((s) => typeof s.status === 'number' && s.status >= 500 && s.status !== 503);
    return {
      figures: {
        requests: t.sent.length,
        writesAcknowledged: acked.length,
        lostWrites: lost.length,
        duplicatedRows: dupIntakes.length + dupResponses.length,
        orphanCases: orphans.length,
        unauditedMutations: unaudited.length,
        serverErrorsOther503: errors.length,
        answered503: t.sent.filter((s) => s.status === 503).length,
        slowest503Ms: slowestByCode(t.sent.filter((s) => s.status === 503)),
        lostConnections: t.sent.filter((s) => s.status === 'lost').length,
        longestMs: Math.round(Math.max(0, ...t.sent.map((s) => s.ms))),
      },
      details: {
        lost,
        dupIntakes,
        dupResponses,
        orphans,
        unaudited: unaudited.slice(0, 20),
        errors: errors.slice(0, 20),
      },
    };
  } finally {
    await db.end();
  }
}

function slowestByCode(sent: Traffic['sent']): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of sent) out[s.code ?? '?'] = Math.max(out[s.code ?? '?'] ?? 0, Math.round(s.ms));
  return out;
}
