#!/bin/sh
# The PostgreSQL roles and databases of a weibao host. Run by the postgres image on its first start
# (mounted into /docker-entrypoint-initdb.d) and by `npm run test:cluster`; re-run it to rotate a
# password (README, Production: "Rotate secrets"). Idempotent: existing roles get the password
# given now, existing databases are kept.
#   temporal      owns Temporal's databases (created by deploy/temporal/schema.sh, hence CREATEDB)
#   weibao_owner  owns the weibao database: the migration job connects as it
#   weibao_app    the workers and APIs: rows only, no DDL (grants: src/db/migrations/091_app_role_grants.sql)
# Environment: POSTGRES_USER (a superuser), TEMPORAL_DB_PASSWORD, WEIBAO_OWNER_DB_PASSWORD,
# WEIBAO_APP_DB_PASSWORD; PGHOST/PGPORT/PGPASSWORD as psql reads them (inside the image: its socket).
set -eu
: "${TEMPORAL_DB_PASSWORD:?}" "${WEIBAO_OWNER_DB_PASSWORD:?}" "${WEIBAO_APP_DB_PASSWORD:?}"
psql -v ON_ERROR_STOP=1 --no-psqlrc --quiet --username "${POSTGRES_USER:-postgres}" --dbname postgres \
  -v temporal_pw="$TEMPORAL_DB_PASSWORD" -v owner_pw="$WEIBAO_OWNER_DB_PASSWORD" -v app_pw="$WEIBAO_APP_DB_PASSWORD" <<'SQL'
SELECT 'CREATE ROLE temporal LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'temporal')
\gexec
ALTER ROLE temporal NOSUPERUSER CREATEDB NOCREATEROLE PASSWORD :'temporal_pw';
SELECT 'CREATE ROLE weibao_owner LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'weibao_owner')
\gexec
ALTER ROLE weibao_owner NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD :'owner_pw';
SELECT 'CREATE ROLE weibao_app LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'weibao_app')
\gexec
ALTER ROLE weibao_app NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD :'app_pw';
SELECT 'CREATE DATABASE weibao OWNER weibao_owner' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'weibao')
\gexec
SQL
echo "roles: temporal, weibao_owner, weibao_app ready"
