// Issue 12, findings 5 and 6, on `npm start` itself (scripts/run.sh): the admin key was printed
// on every start (clause 7), Temporal's store was world-readable (0644), and payloads and
// actors had no keys. Started twice on a fresh data directory and ports of its own.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../cluster/processes';

jest.setTimeout(600_000);
const root = path.resolve(__dirname, '../..');
const data = mkdtempSync(path.join(os.tmpdir(), 'weibao-start-'));
afterAll(() => {
  rmSync(data, { recursive: true, force: true });
});

interface Started {
  proc: ChildProcess;
  output: () => string;
}
async function start(ports: Record<'api' | 'temporal' | 'ui' | 'pg', number>): Promise<Started> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    WEIBAO_DATA: data,
    PORT: String(ports.api),
    WEIBAO_TEMPORAL_PORT: String(ports.temporal),
    WEIBAO_UI_PORT: String(ports.ui),
    WEIBAO_PG_PORT: String(ports.pg),
    LOG_LEVEL: 'info',
  };
  for (const k of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'TEMPORAL_PAYLOAD_KEYS', 'TEMPORAL_ACTOR_KEYS']) delete env[k];
  const proc = spawn('bash', [path.join(root, 'scripts/run.sh')], {
    cwd: root,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
  });
  proc.stderr!.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const deadline = Date.now() + 240_000;
  while (!/weibao is up/.test(out)) {
    if (proc.exitCode !== null || Date.now() > deadline) {
      await stop({ proc, output: () => out });
      throw new Error(`npm start did not come up:\n${out.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { proc, output: () => out };
}
async function stop(s: Started): Promise<void> {
  if (s.proc.exitCode !== null) return;
  const gone = new Promise((r) => s.proc.once('exit', r));
  process.kill(-s.proc.pid!, 'SIGINT'); // Ctrl-C: run.sh stops every component it started
  const late = setTimeout(() => {
    try {
      process.kill(-s.proc.pid!, 'SIGKILL');
    } catch {
      /* gone */
    }
  }, 60_000);
  await gone;
  clearTimeout(late);
}

it("when npm start runs twice, then the admin key is shown the first time only, never logged, and the secrets and Temporal's store are 0600", async () => {
  const ports = { api: await freePort(), temporal: await freePort(), ui: await freePort(), pg: await freePort() };
  const first = await start(ports);
  await stop(first);
  const key = readFileSync(path.join(data, 'admin-key'), 'utf8').trim();
  expect(key).toMatch(/^wb_/);
  expect(first.output()).toContain(key);

  const second = await start(ports);
  try {
    await readmeCommands(ports.api);
  } finally {
    await stop(second);
  }
  expect(second.output()).not.toContain(key);
  expect(second.output()).toContain(`kept in ${data}/admin-key`);

  for (const file of ['admin-key', 'payload-keys', 'actor-keys', 'temporal.db']) {
    expect([file, (statSync(path.join(data, file)).mode & 0o777).toString(8)]).toEqual([file, '600']);
  }
  const logs = readdirSync(data)
    .filter((f) => f.endsWith('.log'))
    .map((f) => readFileSync(path.join(data, f), 'utf8'))
    .join('\n');
  expect(logs.length).toBeGreaterThan(0);
  expect(logs).not.toContain(key);
  for (const ring of ['payload-keys', 'actor-keys'])
    expect(logs).not.toContain(readFileSync(path.join(data, ring), 'utf8').trim().split(':')[1]);
});

// Issue 15: the README's commands, run as a reader would type them against this instance.
// `npm run create-key` wrote into whatever listened on 54329 (another instance's database) and
// `KEY=$(npm run create-key ...)` captured npm's banner; logs had epoch times.
async function readmeCommands(apiPort: number): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, WEIBAO_DATA: data };
  for (const k of ['DATABASE_URL', 'DATABASE_OWNER_URL', 'WEIBAO_PG_PORT']) delete env[k];
  // KEY_LI=$(npm run -s create-key -- --name vendor-li --role vendor-engineer --contracts C-2026-001)
  const made = await promisify(execFile)(
    'npm',
    ['run', '-s', 'create-key', '--', '--name', 'vendor-li', '--role', 'vendor-engineer', '--contracts', 'C-2026-001'],
    { cwd: root, env },
  );
  const key = made.stdout;
  expect(key).toMatch(/^wb_\S+\n$/);
  // curl -s -H "Authorization: Bearer $KEY_LI" http://127.0.0.1:3000/me
  const me = await fetch(`http://127.0.0.1:${apiPort}/me`, { headers: { authorization: `Bearer ${key.trim()}` } });
  expect(me.status).toBe(200);
  expect(await me.json()).toMatchObject({ name: 'vendor-li', role: 'vendor-engineer' });
  // Without -s npm's banner lands on stdout: the script says so on stderr.
  const banner = await promisify(execFile)('npm', ['run', 'create-key', '--', '--name', 'x', '--role', 'auditor'], {
    cwd: root,
    env,
  });
  expect(banner.stderr).toContain('npm run -s create-key');
  // The logs carry Beijing time.
  const line = readFileSync(path.join(data, 'api.log'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith('{'));
  expect(JSON.parse(line!).time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00$/);
}
