// `npm run verify-record`: recomputes the hash chains of the audit trail and the ledger's
// status events (src/security/record-chain.ts) against DATABASE_URL; prints each chain's head
// and exits 1 naming the first broken row.
import { loadConfig } from '../src/config';
import { createPool } from '../src/db/pool';
import { verifyRecord } from '../src/security/record-chain';

async function main() {
  const pool = createPool(loadConfig().DATABASE_URL, 1);
  try {
    const report = await verifyRecord(pool);
    for (const c of report.chains) {
      const line = c.ok
        ? `ok      ${c.chain}: ${c.rows} rows, head ${c.head.hash}`
        : `BROKEN  ${c.chain}: first broken row id ${c.firstBroken!.id} (chain position ${c.firstBroken!.chainSeq ?? 'none'}): ${c.firstBroken!.reason}`;
      process.stdout.write(`${line}\n`);
    }
    process.exitCode = report.ok ? 0 : 1;
  } finally {
    await pool.end();
  }
}

main().catch((err) => {
  process.stderr.write(`verify-record failed: ${(err as Error).message}\n`);
  process.exit(2);
});
