-- When a key was last used (issue 16, the admin's key list): written by the API at most once a
-- minute per key and process (src/api/auth.ts), so "last used" is exact to about a minute and
-- costs no write on most requests. NULL: never used since this column exists.
ALTER TABLE api_keys ADD COLUMN last_used_at timestamptz;
