import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { migrate } from './migrate';
import { createPool } from './pool';

async function main() {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL, 'migrate');
  const pool = createPool(config.DATABASE_URL, 1);
  try {
    const applied = await migrate(pool);
    log.info({ applied }, applied.length ? 'migrations applied' : 'database up to date');
  } finally {
    await pool.end();
  }
}

main().catch((err) => {
  process.stderr.write(`migration failed: ${(err as Error).message}\n`);
  process.exit(1);
});
