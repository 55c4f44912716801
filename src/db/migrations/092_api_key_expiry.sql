-- API keys expire and can be rotated (issue 12, finding 5; clause 7). A key made before this
-- migration expires a year after it was made; a rotated key names its successor and keeps
-- working only for the grace period the rotation gave it.
ALTER TABLE api_keys ADD COLUMN expires_at timestamptz, ADD COLUMN replaced_by text REFERENCES api_keys (id);
UPDATE api_keys SET expires_at = created_at + interval '365 days' WHERE expires_at IS NULL;
ALTER TABLE api_keys ALTER COLUMN expires_at SET NOT NULL;
