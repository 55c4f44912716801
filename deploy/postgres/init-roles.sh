#!/bin/sh
# The PostgreSQL roles and databases of a weibao host. Run by the postgres image on its first start
# (mounted into /docker-entrypoint-initdb.d) and by `npm run test:cluster`; re-run it to rotate a
# password (README, Production: "Rotate secrets"). Idempotent: existing roles get the password
# given now, existing databases are kept.
#   temporal  owns Temporal's databases (created by deploy/temporal/schema.sh, hence CREATEDB)
#   weibao    owns the weibao database (its migrations) and is what the worker and API use
# Environment: POSTGRES_USER (a superuser), TEMPORAL_DB_PASSWORD, WEIBAO_DB_PASSWORD; PGHOST/PGPORT
# as psql reads them (unset inside the image: its local socket).
set -eu
: "${TEMPORAL_DB_PASSWORD:?}" "${WEIBAO_DB_PASSWORD:?}"
psql -v ON_ERROR_STOP=1 --no-psqlrc --quiet --username "${POSTGRES_USER:-postgres}" --dbname postgres \
  -v temporal_pw="$TEMPORAL_DB_PASSWORD" -v weibao_pw="$WEIBAO_DB_PASSWORD" <<'SQL'
SELECT 'CREATE ROLE temporal LOGIN CREATEDB' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'temporal')
\gexec
ALTER ROLE temporal PASSWORD :'temporal_pw';
SELECT 'CREATE ROLE weibao LOGIN' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'weibao')
\gexec
ALTER ROLE weibao PASSWORD :'weibao_pw';
SELECT 'CREATE DATABASE weibao OWNER weibao' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'weibao')
\gexec
SQL
echo "roles: temporal, weibao ready"
