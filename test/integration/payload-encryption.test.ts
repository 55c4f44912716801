// Issue 12, findings 1 and 6: Temporal payloads were stored in the clear (hospital free text in
// .data/temporal.db, served by the Web UI). With the codec on client and worker, a case with a
// known phrase leaves no trace of it in the dev server's SQLite file; without it (the control,
// so this test can fail) the phrase is there. The Web UI decodes through POST /codec/decode.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connect, createServer } from 'node:net';
import { randomUUID } from 'node:crypto';
import { eventually, startStack, type Stack } from '../helpers/stack';
import { createContract } from '../helpers/fixtures';
import { createApiKey } from '../../src/api/api-keys';
import searchAttributes from '../../src/temporal/search-attributes.json';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });

async function devServer(dir: string): Promise<{ address: string; stop(): Promise<void> }> {
  const port = await freePort();
  const flags = Object.entries(searchAttributes).flatMap(([n, t]) => ['--search-attribute', `${n}=${t}`]);
  const child: ChildProcess = spawn(
    process.env.TEMPORAL_BIN ?? 'temporal',
    [
      'server',
      'start-dev',
      '--headless',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--db-filename',
      path.join(dir, 'temporal.db'),
      '--log-level',
      'error',
      ...flags,
    ],
    { stdio: 'ignore' },
  );
  await eventually(
    () =>
      new Promise<boolean>((resolve) => {
        const s = connect(port, '127.0.0.1', () => {
          s.end();
          resolve(true);
        });
        s.on('error', () => resolve(false));
      }),
    30_000,
    200,
  );
  return {
    address: `127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Every file of the server's store (the SQLite file, its WAL and shared memory) as one buffer. */
const store = (dir: string) =>
  Buffer.concat(
    readdirSync(dir)
      .filter((f) => f.startsWith('temporal.db'))
      .map((f) => readFileSync(path.join(dir, f))),
  );

async function caseWithPhrase(stack: Stack, phrase: string): Promise<string> {
  const c = await createContract(stack);
  const res = await stack.call('hospital-operator', 'POST', `/contracts/${c.id}/faults`, {
    level: 3,
    title: `打印机故障 ${phrase}`,
    description: `病房 ${phrase} 无法登录`,
    channel: 'phone',
    reporter: '护士 李',
  });
  expect(res.status).toBe(201);
  await eventually(
    async () =>
      (await stack.call('auditor', 'GET', `/faults/${encodeURIComponent(res.body.caseId)}`)).body?.status ===
      'reported',
    20_000,
  );
  expect(
    (
      await stack.call('vendor-engineer', 'POST', `/faults/${encodeURIComponent(res.body.caseId)}/respond`, {
        engineer: '王工',
        how: 'phone',
        note: `已联系 ${phrase}`,
      })
    ).status,
  ).toBe(200);
  return res.body.caseId;
}

async function run(
  encrypted: boolean,
  check: (stack: Stack, caseId: string, phrase: string) => Promise<void>,
): Promise<Buffer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'weibao-enc-'));
  const server = await devServer(dir);
  const stack = await startStack({ temporalAddress: server.address, ...(encrypted ? {} : { payloadCodec: null }) });
  const phrase = `胸痛中心-${randomUUID().slice(0, 8)}`;
  try {
    const caseId = await caseWithPhrase(stack, phrase);
    await check(stack, caseId, phrase);
  } finally {
    await stack.stop();
    await server.stop();
  }
  const bytes = store(dir);
  rmSync(dir, { recursive: true, force: true });
  return Buffer.concat([bytes, Buffer.from(`\0${phrase}`)]); // the phrase last, to find it
}
const phraseIn = (b: Buffer) => {
  const at = b.lastIndexOf(0);
  const phrase = b.subarray(at + 1);
  return b.subarray(0, at).includes(phrase);
};

it("when a case with a known phrase ran without the codec (control), then the phrase is in Temporal's store", async () => {
  expect(phraseIn(await run(false, async () => undefined))).toBe(true);
}, 120_000);

it("when a case with a known phrase ran with the codec, then Temporal's store holds none of it; the codec endpoint decodes it for an all-contracts auditor only", async () => {
  const bytes = await run(true, async (stack, caseId, phrase) => {
    const h = await stack.client.workflowService.getWorkflowExecutionHistory({
      namespace: 'default',
      execution: { workflowId: caseId },
    });
    const input = h.history!.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
    const wire = {
      payloads: [
        {
          metadata: Object.fromEntries(
            Object.entries(input.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
          ),
          data: Buffer.from(input.data!).toString('base64'),
        },
      ],
    };
    expect(Buffer.from(input.metadata!.encoding!).toString()).toBe('binary/encrypted');
    const decoded = await stack.call('auditor', 'POST', '/codec/decode', wire);
    expect(decoded.status).toBe(200);
    expect(Buffer.from(decoded.body.payloads[0].data, 'base64').toString('utf8')).toContain(phrase);
    expect((await stack.call(null, 'POST', '/codec/decode', wire)).status).toBe(401);
    expect((await stack.call('vendor-engineer', 'POST', '/codec/decode', wire)).status).toBe(403);
    const limited = (await createApiKey(stack.db.pool, { name: 'aud-a', role: 'auditor', contracts: ['C-x'] })).key;
    expect((await stack.call(null, 'POST', '/codec/decode', wire, { authorization: `Bearer ${limited}` })).status).toBe(
      403,
    );
  });
  expect(phraseIn(bytes)).toBe(false);
}, 120_000);
