// Creates an API key and prints it once (only its hash is stored).
// Usage: npm run -s create-key -- --name NAME --role ROLE [--contracts C1,C2] [--json]
// (scripts/create-key.sh finds npm start's database; `-s` keeps npm's banner off stdout, so
// `KEY=$(npm run -s create-key -- ...)` captures the key alone.)
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConfig } from '../src/config';
import { createPool } from '../src/db/pool';
import { migrate } from '../src/db/migrate';
import { ROLES } from '../src/api/auth';
import { createApiKey } from '../src/api/api-keys';

async function main() {
  const { values } = parseArgs({
    options: {
      name: { type: 'string' },
      role: { type: 'string' },
      contracts: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const args = z.object({ name: z.string().min(1), role: z.enum(ROLES) }).safeParse(values);
  if (!args.success) {
    process.stderr.write(`usage: npm run -s create-key -- --name NAME --role ${ROLES.join('|')} [--contracts C1,C2]\n`);
    process.exit(64);
  }
  const pool = createPool(loadConfig().DATABASE_URL, 1);
  try {
    await migrate(pool);
    const k = await createApiKey(pool, {
      name: args.data.name,
      role: args.data.role,
      contracts: values.contracts?.split(',').filter(Boolean),
      createdBy: 'cli',
    });
    process.stdout.write(values.json ? `${JSON.stringify(k)}\n` : `${k.key}\n`);
    // npm prints "> weibao@... create-key" on stdout before the script runs unless -s is given.
    if (
      process.env.npm_lifecycle_event === 'create-key' &&
      process.env.npm_config_loglevel !== 'silent' &&
      !process.stdout.isTTY
    )
      process.stderr.write(
        'note: npm printed its banner on stdout too; use `npm run -s create-key` to capture the key alone\n',
      );
  } finally {
    await pool.end();
  }
}
void main();
