import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createHash, randomUUID } from 'node:crypto';
import type { PayloadCodec } from '@temporalio/common';
import type { Pool } from 'pg';
import { AesGcmPayloadCodec, parsePayloadKeys } from '../../src/security/payload-codec';
import { Client, Connection } from '@temporalio/client';
import {
  NativeConnection,
  bundleWorkflowCode,
  type Worker,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { createApp } from '../../src/api/app';
import { parseConfig, type Config } from '../../src/config';
import { ROLES, type Role } from '../../src/api/auth';
import { createApiKey } from '../../src/api/api-keys';
import { createLogger } from '../../src/logger';
import { createWorker } from '../../src/temporal/worker-factory';
import { workerLiveness } from '../../src/temporal/worker-heartbeat';
import { actorCheckBundle } from '../../src/temporal/actor-check-bundle';
import { actorKeysFrom, actorSigning, apiCaller } from '../../src/security/actor-signing';
import type { Notifier } from '../../src/activities/deps';
import { freshDatabase, type TestDb } from './db';
import { testEnv } from './env';
import { cachedBundle } from './bundle-cache';

let bundle: WorkflowBundleWithSourceMap | undefined;
/** Workflow code is bundled once per test run (./bundle-cache.ts), or once per file when jest runs by hand. */
export async function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= await cachedBundle('plain', () =>
    bundleWorkflowCode({ workflowsPath: require.resolve('../../src/workflows'), logger: silentBundlerLogger }),
  );
  return bundle;
}

/** The run's actor-signing keys (TEMPORAL_ACTOR_KEYS): the stack's API and worker share them, as production's do. */
export const TEST_ACTOR_KEYS = actorKeysFrom(
  `test:${createHash('sha256').update('weibao test actor key').digest('base64')}`,
);
let signedBundle: WorkflowBundleWithSourceMap | undefined;
/** The stack's workflow code: with the signed-actor check (src/workflows/kernel/actor-check.ts), as the production worker builds it. */
export async function signedWorkflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  signedBundle ??= await cachedBundle('signed', () =>
    bundleWorkflowCode({
      workflowsPath: require.resolve('../../src/workflows'),
      logger: silentBundlerLogger,
      ...actorCheckBundle(TEST_ACTOR_KEYS),
    }),
  );
  return signedBundle;
}
const noop = () => undefined;
const silentBundlerLogger = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, log: noop } as never;

/** Records notifications instead of sending them (mail, chat and webhooks are outside the system). */
export function recordingNotifier(): Notifier & { sent: Parameters<Notifier['send']>[0][] } {
  const sent: Parameters<Notifier['send']>[0][] = [];
  return {
    sent,
    async send(n) {
      sent.push(n);
    },
  };
}

export interface Stack {
  baseUrl: string;
  db: TestDb;
  client: Client;
  taskQueue: string;
  keys: Record<Role, string>;
  notifier: ReturnType<typeof recordingNotifier>;
  worker?: Worker;
  startWorker(): Promise<Worker>;
  stopWorker(): Promise<void>;
  /** Authenticated fetch as a role; body is JSON-encoded unless it is a string. */
  call(
    role: Role | null,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: any; headers: Headers }>;
  stop(): Promise<void>;
}

export interface StackOptions {
  worker?: boolean;
  now?: () => number;
  documentMaxBytes?: number;
  /** What the workflows' notify activity calls (default: the recording notifier). */
  notifier?: (pool: TestDb['pool']) => Notifier;
  /** Another Temporal server than the run's (e.g. one with a SQLite file a test inspects). */
  temporalAddress?: string;
  /** Extra API configuration (e.g. TRUST_PROXY; the bounded waits for tests that stop the worker longer than production's 6 s / 8 s). */
  apiConfig?: Partial<
    Pick<
      Config,
      | 'TRUST_PROXY'
      | 'AUTH_FAILURE_LIMIT'
      | 'REQUEST_DEADLINE_MS'
      | 'WORKER_HEARTBEAT_STALE_SECONDS'
      | 'VALIDATE_RESPONSES'
    >
  >;
  /** Payload encryption of client and worker; default a fresh test key, null = none (a control). */
  payloadCodec?: PayloadCodec | null;
}

// One key for every stack of a run: they share the dev server, and listing schedules decodes
// those of other test files too (as production decodes everything with one key ring).
const TEST_PAYLOAD_KEY = createHash('sha256').update('weibao test payload key').digest('base64');
/** The test run's AES-256-GCM key ring (src/security/payload-codec.ts). */
/**
 * Waits (up to 10 s) until the API would see a worker of the task queue alive: a heartbeat row
 * and its presence session (src/temporal/worker-heartbeat.ts). The API refuses updates with 503
 * WORKER_UNAVAILABLE until then; a deployment waits for its worker before taking traffic too.
 */
export async function untilAlive(pool: Pool, taskQueue: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await workerLiveness(pool, taskQueue, 60).catch(() => ({ alive: false }))).alive) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const testPayloadCodec = () => new AesGcmPayloadCodec(parsePayloadKeys(`test:${TEST_PAYLOAD_KEY}`));

/** The real API on port 0, a fresh PostgreSQL database, the dev server and (by default) a worker. */
export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const db = await freshDatabase();
  const log = createLogger('silent');
  const address = opts.temporalAddress ?? testEnv.temporalAddress();
  const codec = opts.payloadCodec === undefined ? testPayloadCodec() : (opts.payloadCodec ?? undefined);
  const connection = await Connection.connect({ address });
  // Signs as the API request's caller, or as the platform when a test calls Temporal itself.
  const signing = actorSigning(TEST_ACTOR_KEYS, apiCaller);
  const client = new Client({
    connection,
    namespace: 'default',
    ...(codec ? { dataConverter: { payloadCodecs: [codec] } } : {}),
    interceptors: { workflow: signing.workflow, schedule: signing.schedule },
  });
  const taskQueue = `tq-${randomUUID()}`;
  const notifier = recordingNotifier();
  const config = {
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: taskQueue,
    WORKER_POLLER_FRESH_SECONDS: 70,
    API_KEY_CACHE_SECONDS: parseConfig({}).API_KEY_CACHE_SECONDS,
    DOCUMENT_MAX_BYTES: opts.documentMaxBytes ?? parseConfig({}).DOCUMENT_MAX_BYTES,
    REPORT_FONT_PATH: parseConfig({}).REPORT_FONT_PATH,
    // Every answer of the suite is checked against its route's declared schema (issue 15): a mismatch is a 500.
    VALIDATE_RESPONSES: true,
    ...opts.apiConfig,
  };
  const app = createApp({
    config,
    pool: db.pool,
    temporal: client,
    log,
    now: opts.now ?? Date.now,
    payloadCodec: codec,
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const keys = {} as Record<Role, string>;
  for (const role of ROLES) keys[role] = (await createApiKey(db.pool, { name: `test-${role}`, role })).key;

  let nativeConnection: NativeConnection | undefined;
  let running: Promise<void> | undefined;
  const stack: Stack = {
    baseUrl,
    db,
    client,
    taskQueue,
    keys,
    notifier,
    async startWorker() {
      nativeConnection ??= await NativeConnection.connect({ address });
      const worker = await createWorker({
        connection: nativeConnection,
        namespace: 'default',
        taskQueue,
        deps: { pool: db.pool, log, notifier: opts.notifier?.(db.pool) ?? notifier },
        workflowBundle: await signedWorkflowBundle(),
        payloadCodec: codec,
      });
      running = worker.run();
      stack.worker = worker;
      await untilAlive(db.pool, taskQueue);
      return worker;
    },
    async stopWorker() {
      if (stack.worker && stack.worker.getState() === 'RUNNING') stack.worker.shutdown();
      await running;
      stack.worker = undefined;
    },
    async call(role, method, path, body, headers = {}) {
      const h: Record<string, string> = { ...headers };
      if (role) h.authorization = `Bearer ${keys[role]}`;
      if (body !== undefined) h['content-type'] ??= 'application/json';
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: h,
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        /* not JSON */
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    async stop() {
      await stack.stopWorker();
      await new Promise((r) => server.close(r));
      await nativeConnection?.close();
      await connection.close();
      await db.drop();
    },
  };
  if (opts.worker !== false) await stack.startWorker();
  return stack;
}

/** Polls until fn returns a truthy value (for effects written asynchronously, e.g. audit rows). */
export async function eventually<T>(
  fn: () => Promise<T | undefined | null | false>,
  timeoutMs = 10_000,
  stepMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
