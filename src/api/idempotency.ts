// A retry with the same Idempotency-Key gets the first answer, on every mutating route (issue
// 11, finding 7: 50 retries of one hospital change answered 201 fifty times; a compensation
// retried concurrently answered 13 x 400). The first request with a key claims a row
// (idempotent_responses, keyed by key, route and actor); its answer is kept when it finishes.
// A retry of a finished request replays it (a 201 as 200, with Idempotent-Replayed: true); a
// concurrent one waits briefly for the first answer, then 409.
// Only accepted answers (2xx) are kept: a refusal may not hold on retry (409 NOT_READY while a
// case starts, 404 before its workflow exists, 503 in an outage), so the retry runs again.
// Routes keep their own key handling (rows keyed in their transaction); this layer makes the
// answers the same. A route whose own statement claims the key and answers its retries
// (keyedByRoute: the fault report, 4.9) is left to itself: the claim and the kept answer would be
// two more write transactions per report, for an answer the route gives anyway.
import type { RequestHandler, Response } from 'express';
import type { Pool } from 'pg';
import { requestHash } from '../services/contracts';
import { HttpError } from './errors';
import { declaredRoute } from './route';
import { idempotencyKeyOf } from './validate';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface Stored {
  request_hash: string;
  status: number | null;
  body: unknown;
  age_ms: number;
}

export interface IdempotencyOptions {
  /** A claim older than this is taken over (its request died without an answer). */
  leaseMs: number;
  /** How long a concurrent retry waits for the first request's answer before 409. */
  waitMs: number;
}

async function claim(
  pool: Pool,
  actor: string,
  route: string,
  key: string,
  hash: string,
  leaseMs: number,
): Promise<Stored | 'claimed'> {
  // Named (prepared once per connection): every keyed request runs this and keepAnswer's update.
  const { rowCount } = await pool.query({
    name: 'idempotency-claim',
    text: `INSERT INTO idempotent_responses (actor, route, key, request_hash) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
    values: [actor, route, key, hash],
  });
  if (rowCount === 1) return 'claimed';
  // A claim whose request died (no answer within the lease) is taken over by this retry.
  const taken = await pool.query(
    `UPDATE idempotent_responses SET started_at = now() WHERE actor = $1 AND route = $2 AND key = $3 AND request_hash = $4
        AND status IS NULL AND started_at < now() - make_interval(secs => $5 / 1000.0)`,
    [actor, route, key, hash, leaseMs],
  );
  if (taken.rowCount === 1) return 'claimed';
  const { rows } = await pool.query(
    `SELECT request_hash, status, body, (extract(epoch FROM now() - started_at) * 1000)::float8 AS age_ms
       FROM idempotent_responses WHERE actor = $1 AND route = $2 AND key = $3`,
    [actor, route, key],
  );
  return rows[0] as Stored;
}

function keepAnswer(pool: Pool, res: Response, ids: unknown[], onError: (err: unknown) => void): void {
  let body: unknown;
  const json = res.json.bind(res);
  res.json = (b: unknown) => {
    body = b;
    return json(b);
  };
  res.once('close', () => {
    const status = res.statusCode;
    const sql =
      status < 400 && res.writableFinished
        ? pool.query({
            name: 'idempotency-keep',
            text: 'UPDATE idempotent_responses SET status = $4, body = $5, finished_at = now() WHERE actor = $1 AND route = $2 AND key = $3',
            values: [...ids, status, JSON.stringify(body ?? null)],
          })
        : pool.query(
            'DELETE FROM idempotent_responses WHERE actor = $1 AND route = $2 AND key = $3 AND status IS NULL',
            ids,
          );
    sql.catch(onError); // the claim then expires after its lease
  });
}

export function idempotentResponses(
  pool: Pool,
  o: IdempotencyOptions,
  onError: (err: unknown) => void,
): RequestHandler {
  return async (req, res, next) => {
    if (!MUTATING.has(req.method) || !req.actor) {
      next();
      return;
    }
    // The one parser (issue 10 item 9): a malformed key is a 400 naming the header on every
    // mutating route, before anything runs, instead of a request that silently goes unkeyed.
    const key = idempotencyKeyOf(req);
    if (!key || declaredRoute(String(res.locals.endpoint))?.spec.keyedByRoute) {
      next();
      return;
    }
    const route = `${req.method} ${req.originalUrl.split('?')[0]}`;
    const actor = req.actor.name;
    const hash = requestHash({ body: req.body ?? null });
    const deadline = Date.now() + o.waitMs;
    for (;;) {
      const found = await claim(pool, actor, route, key, hash, o.leaseMs);
      if (found === 'claimed') {
        keepAnswer(pool, res, [actor, route, key], onError);
        next();
        return;
      }
      if (found.request_hash !== hash)
        throw new HttpError(
          409,
          'IDEMPOTENCY_KEY_REUSED',
          'this Idempotency-Key was used for a different request on this route',
          { field: 'Idempotency-Key' },
        );
      if (found.status !== null) {
        res.setHeader('idempotent-replayed', 'true');
        res.locals.idempotentReplay = true;
        // 201 once, 200 for a retry, as the routes answer their own retries (POST /contracts, faults).
        res.status(found.status === 201 ? 200 : found.status).json(found.body);
        return;
      }
      if (Date.now() >= deadline) {
        res.setHeader('retry-after', '1');
        throw new HttpError(
          409,
          'REQUEST_IN_PROGRESS',
          'a request with this Idempotency-Key is still being processed; retry with the same key to get its answer',
          { field: 'Idempotency-Key' },
        );
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  };
}
