-- API keys: only the SHA-256 of a key is stored. A key has one role and the contracts it
-- may touch ('*' = all).
CREATE TABLE api_keys (
  id          text PRIMARY KEY,
  name        text NOT NULL,
  role        text NOT NULL CHECK (role IN ('hospital-operator', 'hospital-approver', 'finance',
                                            'vendor-engineer', 'auditor', 'admin')),
  contracts   text[] NOT NULL DEFAULT ARRAY['*'],
  key_hash    bytea NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  text,
  revoked_at  timestamptz
);

-- Append-only audit trail of every mutating request (clause 7, MLPS level 3 of 4.6).
CREATE TABLE audit_log (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor       text NOT NULL,
  role        text,
  action      text NOT NULL,
  target      text,
  request_id  text NOT NULL,
  method      text NOT NULL,
  path        text NOT NULL,
  status      integer NOT NULL,
  outcome     text NOT NULL CHECK (outcome IN ('ok', 'refused', 'error')),
  detail      jsonb
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_target ON audit_log (target);

-- Append-only, enforced by the database itself rather than by convention.
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
