// Servers for the fault benchmark: uses WEIBAO_TEST_PG_URL / WEIBAO_TEST_TEMPORAL_ADDRESS when
// set (e.g. from scripts/test.sh), otherwise starts a private PostgreSQL (scripts/pg.sh) and a
// Temporal dev server (the toolchain's CLI, search attributes registered) and stops them after.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, chmodSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import path from 'node:path';
import attributes from '../src/temporal/search-attributes.json';

const root = path.join(__dirname, '..');
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

async function waitPort(port: number, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const sock = connect(port, '127.0.0.1');
      sock.once('connect', () => {
        sock.destroy();
        resolve(true);
      });
      sock.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`port ${port} did not open`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function ensureServers(): Promise<{ stop(): Promise<void> }> {
  if (process.env.WEIBAO_TEST_PG_URL && process.env.WEIBAO_TEST_TEMPORAL_ADDRESS)
    return {
      async stop() {
        /* not ours */
      },
    };
  const env = execFileSync('bash', [path.join(root, 'scripts/toolchain.sh'), '--env'], { encoding: 'utf8' });
  const temporalBin = /TEMPORAL_BIN='([^']+)'/.exec(env)?.[1];
  if (!temporalBin) throw new Error('scripts/toolchain.sh --env did not name TEMPORAL_BIN');
  const dir = mkdtempSync('/tmp/weibao-bench-');
  chmodSync(dir, 0o755);
  const pgPort = await freePort();
  const pgUrl = execFileSync('bash', [path.join(root, 'scripts/pg.sh'), 'start', `${dir}/pg`, String(pgPort)], {
    encoding: 'utf8',
    env: { ...process.env, PG_FSYNC: 'off' },
  }).trim();
  const tPort = await freePort();
  const saFlags = Object.entries(attributes as Record<string, string>).flatMap(([n, t]) => [
    '--search-attribute',
    `${n}=${t}`,
  ]);
  const temporal: ChildProcess = spawn(
    temporalBin,
    [
      'server',
      'start-dev',
      '--headless',
      '--ip',
      '127.0.0.1',
      '--port',
      String(tPort),
      '--log-level',
      'error',
      ...saFlags,
    ],
    { stdio: 'ignore' },
  );
  await waitPort(tPort);
  process.env.WEIBAO_TEST_PG_URL = pgUrl;
  process.env.WEIBAO_TEST_TEMPORAL_ADDRESS = `127.0.0.1:${tPort}`;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    temporal.kill('SIGTERM');
    execFileSync('bash', [path.join(root, 'scripts/pg.sh'), 'stop', `${dir}/pg`]);
  };
  // An interrupted or failed run leaves no server behind (they would load the next run).
  process.once('exit', stop);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => process.exit(130));
  return {
    async stop() {
      stop();
    },
  };
}
