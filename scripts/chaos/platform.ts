// The platform as `npm start` runs it (scripts/run.sh: supervised Temporal dev server, worker,
// API, and its own PostgreSQL), on free loopback ports and a throw-away data directory, plus
// the means to kill -9 one of its components by process id.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, openSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';

export type Component = 'worker' | 'api' | 'postgres' | 'temporal';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Platform {
  base: string;
  adminKey: string;
  dataDir: string;
  pgUrl: string;
  kill(c: Component): number | null;
  waitHealthy(timeoutMs: number): Promise<boolean>;
  /** Waits until /health no longer says ok (the kill was noticed); false if it still does after timeoutMs. */
  waitUnhealthy(timeoutMs: number): Promise<boolean>;
  stop(): Promise<void>;
}

/** Process ids of the run.sh tree (pid, ppid, args), to find a component by what it runs. */
function processTree(root: number): { pid: number; args: string }[] {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const m = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l)!;
      return { pid: Number(m[1]), ppid: Number(m[2]), args: m[3]! };
    });
  const inTree = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const r of rows)
      if (!inTree.has(r.pid) && inTree.has(r.ppid)) {
        inTree.add(r.pid);
        grew = true;
      }
  }
  return rows.filter((r) => inTree.has(r.pid));
}

export async function startPlatform(root: string): Promise<Platform> {
  const dataDir = mkdtempSync('/tmp/weibao-chaos-');
  const [port, tPort, uiPort, pgPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const log = openSync(path.join(dataDir, 'run.log'), 'a');
  const env = {
    ...process.env,
    WEIBAO_DATA: dataDir,
    PORT: String(port),
    WEIBAO_TEMPORAL_PORT: String(tPort),
    WEIBAO_UI_PORT: String(uiPort),
    WEIBAO_PG_PORT: String(pgPort),
    LOG_LEVEL: 'warn',
  };
  delete (env as Record<string, string | undefined>).DATABASE_URL;
  const run: ChildProcess = spawn('bash', [path.join(root, 'scripts/run.sh')], {
    cwd: root,
    env,
    stdio: ['ignore', log, log],
  });
  const base = `http://127.0.0.1:${port}`;
  const healthy = () =>
    fetch(`${base}/health`, { signal: AbortSignal.timeout(3_000) }).then(
      (r) => r.status === 200,
      () => false,
    );
  const p: Platform = {
    base,
    dataDir,
    adminKey: '',
    pgUrl: '',
    kill(c) {
      let pid: number | undefined;
      if (c === 'postgres') {
        const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
        pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : undefined;
      } else {
        const needle = { worker: 'src/worker.ts', api: 'src/api/server.ts', temporal: 'server start-dev' }[c];
        pid = processTree(run.pid!).find((r) => r.args.includes(needle) && !r.args.startsWith('bash'))?.pid;
      }
      if (!pid) return null;
      try {
        process.kill(pid, 'SIGKILL');
        return pid;
      } catch {
        return null;
      }
    },
    async waitHealthy(timeoutMs) {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        if (await healthy()) return true;
        await sleep(250);
      }
      return false;
    },
    async waitUnhealthy(timeoutMs) {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        if (!(await healthy())) return true;
        await sleep(250);
      }
      return false;
    },
    async stop() {
      run.kill('SIGTERM');
      await new Promise((r) => {
        if (run.exitCode !== null) r(null);
        else run.once('exit', r);
        setTimeout(r, 20_000);
      });
    },
  };
  const keyFile = path.join(dataDir, 'admin-key');
  for (let i = 0; i < 600 && !(existsSync(keyFile) && readFileSync(keyFile, 'utf8').trim()); i++) {
    if (run.exitCode !== null) throw new Error(`npm start exited (${run.exitCode}); see ${dataDir}/run.log`);
    await sleep(500);
  }
  p.adminKey = readFileSync(keyFile, 'utf8').trim();
  // The checks read the record as the schema's owner (the cluster has password auth, issue 12).
  p.pgUrl = execFileSync(
    'bash',
    [path.join(root, 'scripts/pg.sh'), 'url', path.join(dataDir, 'pg'), String(pgPort), 'weibao_owner', 'weibao'],
    { encoding: 'utf8' },
  ).trim();
  if (!(await p.waitHealthy(120_000))) {
    await p.stop();
    throw new Error(`the platform did not become healthy; see ${dataDir}`);
  }
  return p;
}
