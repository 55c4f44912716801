-- Staff change requests (4.2, 6.7) as facts in PostgreSQL beside their workflows, so that the
-- 4.2 check of a new request sees every change still pending (requested, neither refused,
-- withdrawn nor applied) under the contract's row lock: two requests that each keep a
-- qualified fixed engineer but together leave none cannot both pass.
CREATE TABLE staff_change_requests (
  workflow_id     text PRIMARY KEY, -- staff-change:<contractId>:<requestId>
  contract_id     text NOT NULL REFERENCES contracts (id),
  request_id      text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('requested', 'unannounced')),
  effective_date  date NOT NULL,
  remove_ids      text[] NOT NULL,
  add_engineers   jsonb NOT NULL,
  input           jsonb NOT NULL, -- the workflow's start input, to restart a request whose start was lost
  requested_by    text NOT NULL,
  requested_at    timestamptz NOT NULL,
  -- NULL while pending; set once by the workflow (refused, withdrawn, contract-ended); an
  -- applied change is known by its row in staff_change_applications.
  closed_outcome  text CHECK (closed_outcome IN ('refused', 'withdrawn', 'contract-ended')),
  closed_at       timestamptz
);
CREATE INDEX staff_change_requests_contract ON staff_change_requests (contract_id, effective_date);
