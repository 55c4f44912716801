import { loadConfig } from '../config';
import { createPool } from '../db/pool';
import { migrate } from '../db/migrate';
import { createLogger } from '../logger';
import { connectClient } from '../temporal/client';
import { createApp } from './app';
import { AuditSpool, startAuditSpoolReplay } from './audit-spool';
import { createHttpServer } from './http-server';
import { payloadCodecFrom } from '../security/payload-codec';
import { actorKeysFrom, actorSigning, apiCaller } from '../security/actor-signing';

async function main() {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL, 'api');
  const pool = createPool(
    config.DATABASE_URL,
    config.DATABASE_POOL_MAX,
    (err) => log.warn({ code: (err as { code?: string }).code, reason: err.message }, 'idle database connection lost'),
    { connectMs: config.DATABASE_CONNECT_TIMEOUT_MS, statementMs: config.DATABASE_STATEMENT_TIMEOUT_MS },
  );
  await migrate(pool);
  const payloadCodec = payloadCodecFrom(config);
  // Every start, update and signal is signed as the request's caller (the worker checks it; issue 12).
  const signing = config.TEMPORAL_ACTOR_KEYS
    ? actorSigning(actorKeysFrom(config.TEMPORAL_ACTOR_KEYS), apiCaller)
    : undefined;
  const temporal = await connectClient(config.TEMPORAL_ADDRESS, config.TEMPORAL_NAMESPACE, {
    attempts: config.TEMPORAL_CALL_ATTEMPTS,
    codec: payloadCodec,
    signing,
  });
  const app = createApp({ config, pool, temporal, log, now: () => Date.now(), payloadCodec });
  // Rows spooled while PostgreSQL was down (also by an earlier run of this API) reach audit_log.
  const replay = startAuditSpoolReplay(new AuditSpool(config.AUDIT_SPOOL_DIR), pool, log);
  const server = createHttpServer(app, config).listen(config.PORT, config.HOST, () => {
    log.info({ url: `http://${config.HOST}:${config.PORT}` }, 'API listening');
  });
  const stop = () => {
    log.info('API stopping');
    replay.stop();
    server.close(() => {
      void Promise.all([pool.end(), temporal.connection.close()]).finally(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  process.stderr.write(`API failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
