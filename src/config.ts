import { z } from 'zod';

// The one place that reads process.env. Parsed once at start; an invalid value stops the
// process with a message naming the variable.
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().url().default('postgres://weibao@127.0.0.1:54329/weibao'),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  TEMPORAL_ADDRESS: z.string().min(3).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('weibao'),
  TEMPORAL_UI_URL: z.string().url().default('http://127.0.0.1:8233'),
  /**
   * Days Temporal keeps a closed workflow's history (the namespace's retention, set by the worker
   * at start). Temporal is the engine, PostgreSQL the record: no API read depends on it.
   */
  TEMPORAL_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** Seconds between the worker's scans for cases cancelled or terminated outside the API (Web UI, CLI). */
  CASE_RECONCILE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** A webhook that receives every notification besides the subscribed people (signed with NOTIFY_WEBHOOK_SECRET); unset = none. */
  NOTIFY_WEBHOOK_URL: z.string().url().optional(),
  NOTIFY_WEBHOOK_SECRET: z.string().default(''),
  /** Links in notifications point here (`<base>/faults/<caseId>`): the API's public address. */
  NOTIFY_PUBLIC_BASE_URL: z.string().url().default('http://127.0.0.1:3000'),
  /** SMTP server for e-mail notifications (smtp:// or smtps://user:pass@host:port); unset = e-mail deliveries fail and retry. */
  NOTIFY_SMTP_URL: z.string().url().optional(),
  NOTIFY_SMTP_FROM: z.string().min(3).default('weibao 维保 <weibao@localhost>'),
  /** Delivery (src/notify/dispatcher.ts): poll interval besides LISTEN, parallel sends, per-send timeout. */
  NOTIFY_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  NOTIFY_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(32),
  NOTIFY_SEND_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** Backoff after the n-th failure: base * 2^(n-1) up to max (+-20 % jitter); dead letter after NOTIFY_MAX_ATTEMPTS tries. */
  NOTIFY_RETRY_BASE_MS: z.coerce.number().int().min(10).default(5_000),
  NOTIFY_RETRY_MAX_MS: z.coerce.number().int().min(10).default(300_000),
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(16),
  /** Seconds a verified API key is trusted without reading api_keys again (0 = read on every request); see src/api/auth.ts. */
  API_KEY_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(5),
  /**
   * Bounded waits (issue 11): a request never waits longer than this for the API to answer; past
   * it the answer is 503 with Retry-After (a write is then retried with the same Idempotency-Key).
   */
  REQUEST_DEADLINE_MS: z.coerce.number().int().min(500).max(60_000).default(8_000),
  /** Milliseconds to get a PostgreSQL connection before answering 503 (an outage is noticed within a second). */
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(800),
  /** Milliseconds one SQL statement may run (PostgreSQL statement_timeout). */
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  /** Attempts of a Temporal call refused as UNAVAILABLE before the API answers 503 (the SDK's default is 10, ~18 s). */
  TEMPORAL_CALL_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(1),
  /** Slow clients (issue 11, finding 9): headers within, whole request (body included) within, idle keep-alive for. */
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(20_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
  /**
   * Where audit rows wait when PostgreSQL cannot take them (an outage's refusals; clause 7):
   * fsync'd files the API replays into audit_log when the database is back (src/api/audit-spool.ts).
   * Local disk of the API host, kept like the database (npm start: $WEIBAO_DATA/audit-spool).
   */
  AUDIT_SPOOL_DIR: z.string().min(1).default('.data/audit-spool'),
  /** Seconds after the worker's last heartbeat row (worker_heartbeats) that it counts as dead. */
  WORKER_HEARTBEAT_STALE_SECONDS: z.coerce.number().int().min(2).max(600).default(6),
  /**
   * Temporal payload encryption keys, "id:base64(32 bytes)[,id:...]" (src/security/payload-codec.ts);
   * npm start makes one in .data/payload-keys. Unset = payloads in the clear (refused in production).
   */
  TEMPORAL_PAYLOAD_KEYS: z.string().min(1).optional(),
  /** The key new payloads are encrypted with (default: the first); older ones decode with the key they name. */
  TEMPORAL_PAYLOAD_KEY_ID: z.string().min(1).optional(),
  /**
   * Signed actors (src/security/actor-signing.ts), "id:base64(32 bytes)[,id:...]", the first signs:
   * the API and the worker only. The worker refuses every start, update and signal not signed
   * with one of them. npm start makes one in .data/actor-keys. Unset = no check (refused in production).
   */
  TEMPORAL_ACTOR_KEYS: z.string().min(1).optional(),
  /**
   * Express "trust proxy" behind a TLS reverse proxy (e.g. "loopback", "1", "10.0.0.0/8"): the
   * client address (auth brake, logs) is then taken from X-Forwarded-For. Unset = the socket's.
   */
  TRUST_PROXY: z.string().min(1).optional(),
  /** Failed authentications per client or per presented key within the window before 429 (src/security/auth-brake.ts). */
  AUTH_FAILURE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(10),
  AUTH_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** Console sessions (src/security/sessions.ts; MLPS level 3): idle timeout and absolute lifetime. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(240).default(15),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24).default(12),
  /** Wrong passwords in a row before a person's account locks, and for how long. */
  SIGNIN_LOCK_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(5),
  SIGNIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  /** Seconds a worker poller counts as alive after its last poll (health check). */
  WORKER_POLLER_FRESH_SECONDS: z.coerce.number().int().min(1).default(70),
  /**
   * host:port for the worker's Prometheus endpoint (/metrics) with the SDK core's own figures:
   * sticky cache size, hits, misses and forced evictions, task schedule-to-start and replay
   * latency. Unset: no endpoint. For whoever is on duty, next to the Web UI.
   */
  WORKER_METRICS_BIND: z
    .string()
    .regex(/^[\w.-]+:\d{1,5}$/, 'host:port')
    .optional(),
  /** Workflows kept in the worker's sticky cache; above it, an evicted case is replayed from its history on its next task. */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).optional(),
  /** Workflow tasks (incl. the case's local activities' wait) one worker runs at once. */
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().min(2).optional(),
  WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().min(1).optional(),
  WORKER_MAX_CONCURRENT_LOCAL_ACTIVITIES: z.coerce.number().int().min(1).optional(),
  /**
   * Workflow task pollers: "autoscaling" (default: the server's backlog hints scale them) or a
   * fixed maximum. The SDK's fixed default (10, of which 2 on the shared queue that new cases
   * arrive on) started at most ~45 new workflows/s here, behind the API's intake (bench/README.md).
   */
  WORKER_WORKFLOW_POLLERS: z
    .union([z.literal('autoscaling'), z.coerce.number().int().min(2).max(100)])
    .default('autoscaling'),
  /** Share of workflow task pollers on the shared queue (new cases, evicted ones) vs the worker's sticky queue. */
  WORKER_NON_STICKY_POLL_RATIO: z.coerce.number().gt(0).max(1).optional(),
  /** Largest document upload in bytes (src/documents): refused with 413 past it; held in memory up to it. */
  DOCUMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(512 * 1024 * 1024)
    .default(25 * 1024 * 1024),
  /** A TrueType font with Chinese and Latin glyphs, embedded in report PDFs (Debian: fonts-wqy-microhei). */
  REPORT_FONT_PATH: z.string().min(1).default('/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'),
  /** 1: every JSON answer of a declared route is checked against its declared schema, a mismatch answered 500 (tests, schemathesis; issue 15). */
  VALIDATE_RESPONSES: z
    .enum(['0', '1'])
    .default('0')
    .transform((v) => v === '1'),
});

export type Config = z.infer<typeof schema>;

// Hospital free text must not reach Temporal's store in the clear outside development (clause 7).
const checked = (c: Config) => c.NODE_ENV !== 'production' || c.TEMPORAL_PAYLOAD_KEYS !== undefined;

export class ConfigError extends Error {}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = schema
    .refine(checked, {
      path: ['TEMPORAL_PAYLOAD_KEYS'],
      message: 'required in production: Temporal payloads are encrypted (issue 12)',
    })
    .refine((c) => c.NODE_ENV !== 'production' || c.TEMPORAL_ACTOR_KEYS !== undefined, {
      path: ['TEMPORAL_ACTOR_KEYS'],
      message: 'required in production: the worker trusts only actors the API signed (issue 12)',
    })
    .safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

let cached: Config | undefined;
export function loadConfig(): Config {
  if (!cached) {
    try {
      cached = parseConfig(process.env);
    } catch (err) {
      if (err instanceof ConfigError) {
        process.stderr.write(`${err.message}\n`);
        process.exit(78); // EX_CONFIG
      }
      throw err;
    }
  }
  return cached;
}
