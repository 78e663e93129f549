-- 0002_api_role.sql
--
-- The Api's own database role, platform_api: least privilege for an Orleans
-- *client*. It only reads the gateway list, which the ADO.NET clustering
-- provider finds through the query catalogue and the membership tables. It
-- reads no grain state (password hashes, sessions), no reminders, and writes
-- nothing. Grants for later features (a read model) go in their own migration.
--
-- Whoever deploys creates the role with LOGIN and a password before the first
-- silo starts (docker/postgres-init, ./dev.sh). As a fallback, a silo whose
-- role may create roles creates it here without LOGIN, so the grants hold
-- whatever the order; then give it a password with
--   ALTER ROLE platform_api LOGIN PASSWORD '...';
-- Roles belong to the whole server while this lock belongs to one database, so
-- two databases migrating at once may both try to create it: the loser's
-- error is swallowed. Re-running this file is harmless.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'platform_api')
       AND EXISTS (SELECT FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolcreaterole)) THEN
        BEGIN
            CREATE ROLE platform_api NOLOGIN;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN
            NULL;
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'platform_api') THEN
        GRANT SELECT ON OrleansQuery, OrleansMembershipVersionTable, OrleansMembershipTable TO platform_api;
    END IF;
END
$$;
