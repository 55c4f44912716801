// Creates a personal console account (issue 16), as POST /people does; the password is read
// from standard input (one line), so it stays out of the shell history and the process list.
// Usage: echo "$PASSWORD" | npm run -s create-person -- --login li.hua --name 李华 --role hospital-operator [--contracts C1,C2]
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConfig } from '../src/config';
import { createPool } from '../src/db/pool';
import { migrate } from '../src/db/migrate';
import { ROLES } from '../src/api/auth';
import { createPerson } from '../src/api/routes/people';
import { LOGIN } from '../src/api/routes/person-schemas';
import { passwordWeakness } from '../src/security/passwords';

async function readLine(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text.split(/\r?\n/)[0] ?? '';
}

async function main() {
  const { values } = parseArgs({
    options: {
      login: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      contracts: { type: 'string' },
    },
  });
  const args = z.object({ login: LOGIN, name: z.string().min(1), role: z.enum(ROLES) }).safeParse(values);
  if (!args.success) {
    process.stderr.write(
      `usage: echo PASSWORD | npm run create-person -- --login LOGIN --name NAME --role ${ROLES.join('|')} [--contracts C1,C2]\n`,
    );
    process.exit(64);
  }
  const password = await readLine();
  const weak = passwordWeakness(password);
  if (weak) {
    process.stderr.write(`the password needs ${weak} (clause 7, MLPS level 3)\n`);
    process.exit(65);
  }
  const pool = createPool(loadConfig().DATABASE_URL, 1);
  try {
    await migrate(pool);
    const p = await createPerson(pool, {
      login: args.data.login,
      displayName: args.data.name,
      role: args.data.role,
      contracts: values.contracts?.split(',').filter(Boolean) ?? ['*'],
      password,
      createdBy: 'cli',
    });
    process.stdout.write(`${JSON.stringify({ id: p.id, login: p.login, role: p.role, contracts: p.contracts })}\n`);
  } finally {
    await pool.end();
  }
}
void main();
