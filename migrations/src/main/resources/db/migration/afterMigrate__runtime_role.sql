-- Runs after every migrate, as the schema owner (SPRING_FLYWAY_USER, or the embedded superuser). When the gateway
-- serves as another role (SPRING_DATASOURCE_USERNAME, or the embedded sigmacode_app), that role gets what it needs
-- and no more: read and write the projections' tables, but on the event table only SELECT and INSERT (no UPDATE,
-- DELETE or TRUNCATE), and no DDL. Re-applied on every start, so a table a later migration adds is covered and a
-- grant someone added by hand is taken back. The append-only trigger stays for the owner. The gateway names the
-- runtime role in the session setting sigmacode.runtime_role (RuntimeRoleGrants); unset, nothing is granted.
DO $$
DECLARE
    runtime TEXT := coalesce(current_setting('sigmacode.runtime_role', true), '');
    schema TEXT := current_schema();
BEGIN
    IF runtime = '' OR runtime = current_user OR NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = runtime) THEN
        RETURN;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', schema, runtime);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA %I TO %I', schema, runtime);
    EXECUTE format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA %I TO %I', schema, runtime);
    EXECUTE format('REVOKE ALL ON domain_event_entry FROM %I', runtime);
    EXECUTE format('GRANT SELECT, INSERT ON domain_event_entry TO %I', runtime);
    EXECUTE format('REVOKE ALL ON flyway_schema_history FROM %I', runtime);
END $$;
