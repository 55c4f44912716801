import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, createWriteStream, readFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';

// Child processes of the cluster test: each one's output goes to its own log file, and every
// process started is remembered so that the suite kills what it started, and only that.

export interface Proc {
  name: string;
  child: ChildProcess;
  log: string;
  exited: Promise<number | null>;
}

const running = new Set<Proc>();

export function start(
  name: string,
  command: string,
  args: string[],
  env: Record<string, string>,
  log: string,
  cwd?: string,
): Proc {
  const out = createWriteStream(log, { flags: 'a' });
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], cwd });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  const proc: Proc = {
    name,
    child,
    log,
    exited: new Promise((resolve) =>
      child.once('exit', (code) => {
        running.delete(proc);
        resolve(code);
      }),
    ),
  };
  running.add(proc);
  // scripts/cluster-test.sh kills these if the suite itself dies before it could.
  if (process.env.WEIBAO_CLUSTER_PIDS && child.pid) appendFileSync(process.env.WEIBAO_CLUSTER_PIDS, `${child.pid}\n`);
  return proc;
}

/** Runs a command to its end; rejects with its log tail on a non-zero exit. */
export async function run(
  name: string,
  command: string,
  args: string[],
  env: Record<string, string>,
  log: string,
): Promise<void> {
  const p = start(name, command, args, env, log);
  const code = await p.exited;
  if (code !== 0) throw new Error(`${name} exited ${code}:\n${tail(log)}`);
}

export function tail(log: string, lines = 30): string {
  try {
    return readFileSync(log, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Stops a process: SIGKILL is the crash the suite injects; SIGTERM waits up to 20 s, then kills. */
export async function stop(p: Proc, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill(signal);
  const timer = setTimeout(() => p.child.kill('SIGKILL'), 20_000);
  await p.exited;
  clearTimeout(timer);
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((p) => stop(p)));
}

/**
 * Every port handed out: a port is free until its server binds it, so a second pick can return
 * one picked before and not bound yet (in CI the cluster's api-1 got a port already handed out:
 * its "start" took 25 ms, the proxy sent half the requests to another server, and 4 tests failed
 * with 401 for a key that was never made).
 */
const handedOut = new Set<number>();

/** A free port from the OS, or (below) one under a limit tried at random; never one handed out before. */
export async function freePort(below?: number): Promise<number> {
  for (let tries = 0; ; tries++) {
    if (tries === 10_000) throw new Error(`no free port left below ${below ?? 65_536} (${handedOut.size} handed out)`);
    const want = below ? 20_000 + Math.floor(Math.random() * (below - 20_000)) : 0;
    const got = await new Promise<number | undefined>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(undefined));
      s.listen(want, '127.0.0.1', () => {
        const port = (s.address() as { port: number }).port;
        s.close(() => resolve(port));
      });
    });
    if (got && !handedOut.has(got)) {
      handedOut.add(got);
      return got;
    }
  }
}

/** Waits until 127.0.0.1:port accepts connections while the process lives. */
export async function waitPort(port: number, p: Proc | undefined, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const sock = new Socket();
      sock.once('connect', () => {
        sock.destroy();
        resolve(true);
      });
      sock.once('error', () => resolve(false));
      sock.connect(port, '127.0.0.1');
    });
    if (ok) return;
    if (p && p.child.exitCode !== null)
      throw new Error(`${p.name} exited before listening on ${port}:\n${tail(p.log)}`);
    if (Date.now() > deadline)
      throw new Error(`port ${port} not open after ${timeoutMs} ms${p ? `:\n${tail(p.log)}` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Waits until a line matching re appears in the log (after `from` bytes). */
export async function waitLog(p: Proc, re: RegExp, timeoutMs = 90_000, from = 0): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let text = '';
    try {
      text = readFileSync(p.log, 'utf8').slice(from);
    } catch {
      /* not yet written */
    }
    if (re.test(text)) return;
    if (p.child.exitCode !== null) throw new Error(`${p.name} exited before logging ${re}:\n${tail(p.log)}`);
    if (Date.now() > deadline) throw new Error(`${p.name} did not log ${re} in ${timeoutMs} ms:\n${tail(p.log)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
