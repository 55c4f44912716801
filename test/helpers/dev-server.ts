// A Temporal dev server of a test's own (the run's one is headless and shared): here with the
// Web UI on a port of its own, pointed at a codec endpoint, for the Web UI's browser test.
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import searchAttributes from '../../src/temporal/search-attributes.json';
import { eventually } from './stack';

export const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1', () => {
      s.end();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });

export interface DevServer {
  address: string;
  uiUrl: string;
  stop(): Promise<void>;
}

/** `temporal server start-dev` in memory with the project's search attributes and the Web UI. */
export async function devServerWithUi(opts: { codecEndpoint?: string } = {}): Promise<DevServer> {
  const [port, uiPort] = [await freePort(), await freePort()];
  const flags = Object.entries(searchAttributes).flatMap(([n, t]) => ['--search-attribute', `${n}=${t}`]);
  const child: ChildProcess = spawn(
    process.env.TEMPORAL_BIN ?? 'temporal',
    [
      'server',
      'start-dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--ui-port',
      String(uiPort),
      '--log-level',
      'error',
      ...(opts.codecEndpoint ? ['--ui-codec-endpoint', opts.codecEndpoint] : []),
      ...flags,
    ],
    { stdio: 'ignore' },
  );
  await eventually(async () => (await listening(port)) && listening(uiPort), 30_000, 200);
  return {
    address: `127.0.0.1:${port}`,
    uiUrl: `http://127.0.0.1:${uiPort}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
