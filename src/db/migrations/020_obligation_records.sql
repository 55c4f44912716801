-- The record of every signing obligation and staff change (issue 10 item 6): rectification
-- plan (6.3), go-live (6.3), dongle removal (4.10, 6.6) and engineer changes (4.2, 6.7). The
-- workflow writes its state (facts with their times, deadlines, penalties) here through an
-- activity, so the record is what a COMPLETED workflow task decided (an activity is scheduled
-- only by a completed task) and outlives Temporal's retention. One row per workflow; a newer
-- version only (a retried or late write never overwrites a newer state).
CREATE TABLE obligation_records (
  workflow_id       text PRIMARY KEY, -- <kind>:<contractId>[:<requestId>]
  contract_id       text NOT NULL REFERENCES contracts (id),
  kind              text NOT NULL CHECK (kind IN ('rectification', 'golive', 'dongle', 'staff')),
  status            text NOT NULL,
  awaiting          text NOT NULL CHECK (awaiting IN ('vendor', 'hospital', 'none')),
  breached          boolean NOT NULL,
  next_deadline_at  timestamptz,
  state             jsonb NOT NULL, -- the workflow's state as its query showed it
  version           integer NOT NULL CHECK (version >= 1),
  closed_at         timestamptz, -- when the workflow finished (workflow time)
  closed_how        text CHECK (closed_how IN ('completed', 'cancelled', 'terminated', 'timed-out', 'failed')),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX obligation_records_contract ON obligation_records (contract_id, kind);

-- A case of any family (fault, inspection, care, acceptance, rectification, golive, dongle,
-- staff) that was cancelled or terminated outside the API (Web UI, CLI): no workflow code runs
-- on termination, so the worker's reconciler notices it in Temporal's visibility and records
-- it here by workflow id, with when. The API shows it on the case; its deadlines stop counting.
CREATE TABLE case_closures (
  workflow_id  text PRIMARY KEY,
  kind         text NOT NULL,
  contract_id  text NOT NULL,
  how          text NOT NULL CHECK (how IN ('cancelled', 'terminated', 'timed-out', 'failed')),
  closed_at    timestamptz NOT NULL, -- Temporal's close time
  recorded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_closures_contract ON case_closures (contract_id, kind);
