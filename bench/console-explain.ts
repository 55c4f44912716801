// Where a console request's server time goes (bench/console.ts, BENCH_CONSOLE_EXPLAIN=1): the
// SQL statements one API request sends through the pool, each run again under EXPLAIN ANALYZE
// with its own parameters, printed with its planning and execution times and the plan's top
// nodes. Statements sent on a checked-out client (transactions) are not seen: the reads the
// console waits for go through pool.query.
import type { Pool, QueryResult } from 'pg';

type Statement = { text: string; values: unknown[] };

/** Runs `request` with pool.query recorded, then explains each statement it sent. */
export async function explainRequest(pool: Pool, what: string, request: () => Promise<unknown>): Promise<void> {
  const seen: Statement[] = [];
  const original = pool.query.bind(pool) as (text: string, values?: unknown[]) => Promise<QueryResult>;
  (pool as { query: unknown }).query = (text: string | { text: string; values?: unknown[] }, values?: unknown[]) => {
    if (typeof text === 'string') seen.push({ text, values: values ?? [] });
    else seen.push({ text: text.text, values: text.values ?? [] });
    return original(text as string, values);
  };
  try {
    await request();
  } finally {
    (pool as { query: unknown }).query = original;
  }
  console.log(`${what}: ${seen.length} statements`);
  for (const s of seen) {
    if (!/^\s*(SELECT|WITH)\b/i.test(s.text)) {
      console.log(`  (not explained) ${s.text.replace(/\s+/g, ' ').slice(0, 100)}`);
      continue;
    }
    const { rows } = await original(`EXPLAIN (ANALYZE, BUFFERS, FORMAT TEXT) ${s.text}`, s.values);
    const lines = rows.map((r: Record<string, string>) => r['QUERY PLAN']!);
    const times = lines.filter((l) => /^(Planning|Execution) Time/.test(l)).join(', ');
    console.log(`  ${s.text.replace(/\s+/g, ' ').slice(0, 100)}... ${times}`);
    for (const l of lines.filter((l) => /(Scan|Sort|Limit|Join|Aggregate|Nested Loop)/.test(l)).slice(0, 8))
      console.log(`    ${l.trim().slice(0, 160)}`);
  }
}
