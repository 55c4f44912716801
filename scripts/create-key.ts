// Creates an API key and prints it once (only its hash is stored).
// Usage: npm run create-key -- --name NAME --role ROLE [--contracts C1,C2]
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConfig } from '../src/config';
import { createPool } from '../src/db/pool';
import { migrate } from '../src/db/migrate';
import { createApiKey, ROLES } from '../src/api/auth';

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
    process.stderr.write(`usage: npm run create-key -- --name NAME --role ${ROLES.join('|')} [--contracts C1,C2]\n`);
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
  } finally {
    await pool.end();
  }
}
void main();
