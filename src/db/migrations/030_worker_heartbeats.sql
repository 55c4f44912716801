-- Worker liveness (issue 11, finding 5): each worker process upserts its row every 2 s while it
-- runs. Temporal remembers a dead worker's pollers for over a minute, so /health and the API's
-- update guard read this row instead: no beat for WORKER_HEARTBEAT_STALE_SECONDS = dead.
CREATE TABLE worker_heartbeats (
  task_queue  text NOT NULL,
  identity    text NOT NULL, -- pid@host of the worker process
  started_at  timestamptz NOT NULL,
  beat_at     timestamptz NOT NULL,
  PRIMARY KEY (task_queue, identity)
);
