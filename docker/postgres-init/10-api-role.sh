#!/bin/sh
# Runs once, when the postgres container initialises an empty data volume: the Api's own login
# role. Its grants (read the gateway list, nothing else) come with the silo's migration
# (Silo/Database/Migrations/0002_api_role.sql). On a volume made before this script existed,
# run the same statement by hand (psql -U platform platform).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v api_password="$API_DB_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE platform_api LOGIN PASSWORD %L', :'api_password')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'platform_api') \gexec
SELECT format('ALTER ROLE platform_api LOGIN PASSWORD %L', :'api_password') \gexec
SQL
