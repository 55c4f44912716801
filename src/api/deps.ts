import type { Client } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import type { Pool } from 'pg';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { KeyCache } from './auth';

/** What the HTTP API is built from; tests build it with real servers on their own ports. */
export interface ApiDeps {
  config: Pick<
    Config,
    | 'TEMPORAL_NAMESPACE'
    | 'TEMPORAL_TASK_QUEUE'
    | 'WORKER_POLLER_FRESH_SECONDS'
    | 'API_KEY_CACHE_SECONDS'
    | 'REQUEST_DEADLINE_MS'
    | 'WORKER_HEARTBEAT_STALE_SECONDS'
    | 'DOCUMENT_MAX_BYTES'
    | 'REPORT_FONT_PATH'
    | 'AUTH_FAILURE_LIMIT'
    | 'AUTH_FAILURE_WINDOW_SECONDS'
    | 'AUDIT_SPOOL_DIR'
    | 'SESSION_IDLE_MINUTES'
    | 'SESSION_MAX_HOURS'
    | 'SIGNIN_LOCK_ATTEMPTS'
    | 'SIGNIN_LOCK_MINUTES'
    | 'VALIDATE_RESPONSES'
  > &
    Partial<Pick<Config, 'TEMPORAL_UI_URL' | 'TRUST_PROXY'>>;
  /** Payload encryption (src/security/payload-codec.ts), for the Web UI's codec endpoint; the client carries its own. */
  payloadCodec?: PayloadCodec;
  pool: Pool;
  temporal: Client;
  log: Logger;
  /** Clock for defaults such as "reportedAt = now"; real time in production. */
  now: () => number;
  /** Verified API keys, built by createApp from API_KEY_CACHE_SECONDS. */
  keyCache: KeyCache;
}
