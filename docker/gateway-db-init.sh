#!/bin/sh
# Runs once, when the gateway's PostgreSQL volume is first initialised: creates the role the gateway serves with.
# It is no superuser and owns nothing; the migrations (run as the owner, SPRING_FLYWAY_USER) grant it what it needs:
# on the event table SELECT and INSERT only.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
     -v app_password="$SIGMACODE_APP_PASSWORD" <<'SQL'
CREATE ROLE sigmacode_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'app_password';
SQL
