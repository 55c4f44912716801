-- The first answer to a request with an Idempotency-Key, replayed to its retries on every route
-- (issue 11, finding 7: 50 retries of one hospital change answered 201 fifty times). Keyed by
-- key, route and actor, so two callers' keys never collide. A row without a status is a request
-- still in flight: a concurrent retry is told 409 to wait, a crashed one is taken over after
-- its lease. Only accepted answers (2xx) are kept, so a refused or failed request runs again.
CREATE TABLE idempotent_responses (
  actor         text NOT NULL,
  route         text NOT NULL, -- METHOD path as requested
  key           text NOT NULL,
  request_hash  text NOT NULL,
  status        integer,
  body          jsonb,
  started_at    timestamptz NOT NULL DEFAULT now(),
  finished_at   timestamptz,
  PRIMARY KEY (actor, route, key)
);
