-- What changes what is owed needs a second person (issue 12, finding 4; clause 3: the contract
-- is bilateral): a terms amendment or a contract end is first proposed by one key, then approved
-- by another key, of the other party or a hospital approver (src/security/second-person.ts).
-- The proposal keeps who proposed and who decided; the terms version or the end it produced is
-- written in the approval's transaction (contract_terms_versions, contracts), with its audit row.
CREATE TABLE contract_change_proposals (
  id               text PRIMARY KEY,
  contract_id      text NOT NULL REFERENCES contracts (id),
  kind             text NOT NULL CHECK (kind IN ('amendment', 'end')),
  body             jsonb NOT NULL,
  proposed_by_key  text NOT NULL,
  proposed_by      text NOT NULL,
  proposed_by_role text NOT NULL,
  proposed_at      timestamptz NOT NULL DEFAULT now(),
  status           text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'approved', 'rejected', 'withdrawn')),
  decided_by_key   text,
  decided_by       text,
  decided_by_role  text,
  decided_at       timestamptz,
  decision_reason  text,
  CHECK ((status = 'proposed') = (decided_at IS NULL))
);
CREATE INDEX contract_change_proposals_contract ON contract_change_proposals (contract_id, proposed_at);
