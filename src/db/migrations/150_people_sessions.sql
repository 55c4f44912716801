-- Sign-in per person for the web console (issue 16; clause 7, MLPS level 3 identity rules of
-- 4.6): a personal account has one role and a list of contracts, as an API key has, and a
-- password hashed with Argon2id (src/security/passwords.ts). Consecutive failed sign-ins lock
-- the account for a while (failed_attempts, locked_until). A session is a random token in an
-- httpOnly SameSite cookie; only its hash is stored, with the CSRF token every mutating request
-- must echo, its last use (idle timeout) and its absolute end.
CREATE TABLE people (
  id text PRIMARY KEY,
  login text NOT NULL UNIQUE CHECK (login ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
  display_name text NOT NULL,
  role text NOT NULL,
  contracts text[] NOT NULL DEFAULT '{*}',
  password_hash text NOT NULL,
  failed_attempts int NOT NULL DEFAULT 0,
  locked_until timestamptz,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  disabled_at timestamptz
);

CREATE TABLE console_sessions (
  token_hash bytea PRIMARY KEY,
  person_id text NOT NULL REFERENCES people (id),
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  ended_at timestamptz
);
CREATE INDEX console_sessions_person ON console_sessions (person_id) WHERE ended_at IS NULL;

-- The console's queue: open fault cases of a party, soonest deadline first (GET /me/queue).
CREATE INDEX fault_cases_queue ON fault_cases (awaiting, next_deadline_at) WHERE status <> 'closed';
