-- 0001_orleans.sql
--
-- Storage for the three Orleans ADO.NET providers the silo uses (clustering,
-- grain persistence, reminders; packages 10.4.2, invariant "Npgsql").
--
-- The providers ship no SQL. At start-up each one loads its statements from
-- OrleansQuery by key and runs them with named parameters (@DeploymentId, ...).
-- It then reads result columns BY NAME; Npgsql matches names
-- case-insensitively, so the unquoted (lower-cased) identifiers below satisfy
-- the provider's PascalCase names. Never quote identifiers here: a quoted
-- "Version" would no longer be the column the stored queries write unquoted.
--
-- Re-running this file must be harmless (the migration runner serialises runs
-- with an advisory lock, but an operator may also run it by hand):
--   * tables and indexes use IF NOT EXISTS;
--   * functions use CREATE OR REPLACE;
--   * query texts are upserted, so a later migration fixes a query by
--     upserting the same key again.
-- Query texts are dollar-quoted ($q$) so they read as the SQL actually sent.
-- They carry no comments of their own: Npgsql treats every "@name" in the
-- text as a parameter placeholder, so prose there could break a query.

-- ---------------------------------------------------------------------------
-- Query catalogue (all three providers)
-- ---------------------------------------------------------------------------

-- The providers hard-code "SELECT QueryKey, QueryText FROM OrleansQuery", so
-- this table's name and both column names are fixed by the provider.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL,
    QueryText text        NOT NULL,
    CONSTRAINT orleansquery_pk PRIMARY KEY (QueryKey)
);

-- ---------------------------------------------------------------------------
-- Clustering (Microsoft.Orleans.Clustering.AdoNet)
--
-- DeploymentId is ClusterOptions.ClusterId. Every membership change is a
-- compare-and-swap on the single version row of the cluster: a writer that
-- read version N may only change membership while the row still says N.
-- Heartbeats (IAmAliveTime) deliberately bypass the version so that they
-- never invalidate a concurrent membership change.
-- ---------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId  varchar(150)   NOT NULL,
    LastChangedAt timestamptz(3) NOT NULL DEFAULT now(),
    Version       integer        NOT NULL DEFAULT 0,
    CONSTRAINT orleansmembershipversiontable_pk PRIMARY KEY (DeploymentId)
);

-- Millisecond precision: the provider reads StartTime/IAmAliveTime back and
-- sends the same values again as a "row unchanged" check when it cleans up
-- dead silos, so the stored value must be exactly what it read.
CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId varchar(150)   NOT NULL,
    Address      varchar(45)    NOT NULL,
    Port         integer        NOT NULL,
    Generation   integer        NOT NULL,
    SiloName     varchar(150)   NOT NULL,
    HostName     varchar(150)   NOT NULL,
    Status       integer        NOT NULL,
    ProxyPort    integer        NOT NULL DEFAULT 0,
    SuspectTimes text           NULL,
    StartTime    timestamptz(3) NOT NULL,
    IAmAliveTime timestamptz(3) NOT NULL,
    CONSTRAINT orleansmembershiptable_pk
        PRIMARY KEY (DeploymentId, Address, Port, Generation),
    -- Cascade so that wiping a cluster is one statement and cannot leave
    -- silo rows behind without a version row (the readers join from it).
    CONSTRAINT orleansmembershiptable_version_fk
        FOREIGN KEY (DeploymentId)
        REFERENCES OrleansMembershipVersionTable (DeploymentId)
        ON DELETE CASCADE
);

-- The compare-and-swap both membership writers share: lock the cluster's
-- version row (held until the transaction ends) and say whether it still holds
-- the version the writer read.
CREATE OR REPLACE FUNCTION orleans_membership_lock_version(
    p_deployment_id    text,
    p_expected_version integer)
RETURNS boolean
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_current integer;
BEGIN
    SELECT v.Version INTO v_current
    FROM OrleansMembershipVersionTable AS v
    WHERE v.DeploymentId = p_deployment_id
    FOR UPDATE;
    RETURN v_current IS NOT NULL AND p_expected_version IS NOT NULL
       AND v_current = p_expected_version;
END
$fn$;

CREATE OR REPLACE FUNCTION orleans_membership_bump_version(p_deployment_id text)
RETURNS void
LANGUAGE sql
AS $fn$
    UPDATE OrleansMembershipVersionTable
    SET Version = Version + 1, LastChangedAt = now()
    WHERE DeploymentId = p_deployment_id;
$fn$;

-- Insert a silo row and bump the cluster version, both or neither.
-- The version row is locked first so all membership writers of one cluster
-- queue behind each other; checking the version before touching the silo
-- row means a refusal changes nothing and needs no rollback trick (no
-- ASSERT, which plpgsql.check_asserts=off would silently disable).
-- Returns 1 on success, 0 when the version was stale or the silo exists.
CREATE OR REPLACE FUNCTION orleans_membership_insert(
    p_deployment_id  text,
    p_address        text,
    p_port           integer,
    p_generation     integer,
    p_silo_name      text,
    p_host_name      text,
    p_status         integer,
    p_proxy_port     integer,
    p_start_time     timestamptz,
    p_i_am_alive     timestamptz,
    p_expected_version integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
BEGIN
    IF NOT orleans_membership_lock_version(p_deployment_id, p_expected_version) THEN
        RETURN 0;
    END IF;

    INSERT INTO OrleansMembershipTable
        (DeploymentId, Address, Port, Generation, SiloName, HostName,
         Status, ProxyPort, StartTime, IAmAliveTime)
    VALUES
        (p_deployment_id, p_address, p_port, p_generation, p_silo_name,
         p_host_name, p_status, coalesce(p_proxy_port, 0), p_start_time,
         p_i_am_alive)
    ON CONFLICT (DeploymentId, Address, Port, Generation) DO NOTHING;

    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    PERFORM orleans_membership_bump_version(p_deployment_id);
    RETURN 1;
END
$fn$;

-- Same contract as orleans_membership_insert, for an existing silo row.
CREATE OR REPLACE FUNCTION orleans_membership_update(
    p_deployment_id  text,
    p_address        text,
    p_port           integer,
    p_generation     integer,
    p_status         integer,
    p_suspect_times  text,
    p_i_am_alive     timestamptz,
    p_expected_version integer)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
BEGIN
    IF NOT orleans_membership_lock_version(p_deployment_id, p_expected_version) THEN
        RETURN 0;
    END IF;

    UPDATE OrleansMembershipTable
    SET Status = p_status,
        SuspectTimes = p_suspect_times,
        IAmAliveTime = p_i_am_alive
    WHERE DeploymentId = p_deployment_id
      AND Address = p_address
      AND Port = p_port
      AND Generation = p_generation;

    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    PERFORM orleans_membership_bump_version(p_deployment_id);
    RETURN 1;
END
$fn$;

-- ---------------------------------------------------------------------------
-- Reminders (Microsoft.Orleans.Reminders.AdoNet)
--
-- ServiceId is ClusterOptions.ServiceId; GrainId is GrainId.ToString()
-- ("type/key"); GrainHash is GrainId.GetUniformHashCode() cast to a signed
-- int, which is what the provider's range queries compare against.
-- ---------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS OrleansRemindersTable
(
    ServiceId    varchar(150)   NOT NULL,
    GrainId      varchar(512)   NOT NULL,
    ReminderName varchar(150)   NOT NULL,
    StartTime    timestamptz(3) NOT NULL,
    Period       bigint         NOT NULL,
    GrainHash    integer        NOT NULL,
    Version      integer        NOT NULL,
    CONSTRAINT orleansreminderstable_pk
        PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

-- Every silo periodically reloads the reminders of its slice of the hash
-- ring; without this the range reads scan the whole service's reminders.
CREATE INDEX IF NOT EXISTS orleansreminderstable_hash_ix
    ON OrleansRemindersTable (ServiceId, GrainHash);

-- ---------------------------------------------------------------------------
-- Grain persistence (Microsoft.Orleans.Persistence.AdoNet)
--
-- A state row is identified by ServiceId, the state name (GrainTypeString:
-- the name given in [PersistentState("name", ...)], not the grain class),
-- and the grain key split as the provider does it: N0/N1 for Guid or long
-- keys, GrainIdExtensionString for a key extension or a whole string key.
-- GrainIdHash / GrainTypeHash are computed by the provider (its configured
-- hasher) and only narrow the index lookup; the full identity is always
-- compared as well. Version is the ETag.
-- ---------------------------------------------------------------------------

CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            integer      NOT NULL,
    GrainIdN0              bigint       NOT NULL,
    GrainIdN1              bigint       NOT NULL,
    GrainTypeHash          integer      NOT NULL,
    GrainTypeString        varchar(512) NOT NULL,
    GrainIdExtensionString varchar(512) NULL,
    ServiceId              varchar(150) NOT NULL,
    PayloadBinary          bytea        NULL,
    ModifiedOn             timestamptz  NOT NULL DEFAULT now(),
    Version                integer      NOT NULL
);

-- Lookup index. The queries compare the extension with IS NOT DISTINCT FROM,
-- which no index can serve, so the lookup relies on the leading columns only.
CREATE INDEX IF NOT EXISTS orleansstorage_lookup_ix
    ON OrleansStorage (GrainIdHash, GrainTypeHash);

-- One row per state. Two grain activations racing to create the same state
-- (e.g. during a membership split) must not both insert: a duplicate row
-- would make every later read fail. NULL extensions get their own partial
-- index because a plain unique index treats NULLs as distinct (NULLS NOT
-- DISTINCT would need PostgreSQL 15+).
CREATE UNIQUE INDEX IF NOT EXISTS orleansstorage_identity_ext_ux
    ON OrleansStorage (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1,
                       ServiceId, GrainTypeString, GrainIdExtensionString)
    WHERE GrainIdExtensionString IS NOT NULL;

CREATE UNIQUE INDEX IF NOT EXISTS orleansstorage_identity_noext_ux
    ON OrleansStorage (GrainIdHash, GrainTypeHash, GrainIdN0, GrainIdN1,
                       ServiceId, GrainTypeString)
    WHERE GrainIdExtensionString IS NULL;

-- The ETag is an int on the provider side (int.Parse); wrap instead of
-- failing with "integer out of range" on a very hot grain. Only equality with
-- the caller's ETag matters, so wrapping keeps the conflict check sound.
CREATE OR REPLACE FUNCTION orleans_next_version(p_version integer)
RETURNS integer
LANGUAGE sql IMMUTABLE
AS $fn$
    SELECT CASE WHEN p_version >= 2147483647 THEN 1 ELSE p_version + 1 END
$fn$;

-- Write a grain state. p_expected_version is the ETag the grain holds
-- (NULL = "I believe no row exists"). Returns the new ETag, or NULL when the
-- ETag was stale or another activation created the row first; the provider
-- turns a NULL into InconsistentStateException.
CREATE OR REPLACE FUNCTION orleans_storage_write(
    p_grain_id_hash    integer,
    p_grain_id_n0      bigint,
    p_grain_id_n1      bigint,
    p_grain_type_hash  integer,
    p_grain_type       text,
    p_grain_id_ext     text,
    p_service_id       text,
    p_expected_version integer,
    p_payload          bytea)
RETURNS integer
LANGUAGE plpgsql
AS $fn$
DECLARE
    v_new integer;
BEGIN
    IF p_expected_version IS NOT NULL THEN
        UPDATE OrleansStorage AS s
        SET PayloadBinary = p_payload,
            ModifiedOn = now(),
            Version = orleans_next_version(s.Version)
        WHERE s.GrainIdHash = p_grain_id_hash
          AND s.GrainTypeHash = p_grain_type_hash
          AND s.GrainIdN0 = p_grain_id_n0
          AND s.GrainIdN1 = p_grain_id_n1
          AND s.ServiceId = p_service_id
          AND s.GrainTypeString = p_grain_type
          AND s.GrainIdExtensionString IS NOT DISTINCT FROM p_grain_id_ext
          AND s.Version = p_expected_version
        RETURNING s.Version INTO v_new;
        RETURN v_new;
    END IF;

    -- ON CONFLICT without a target covers both partial unique indexes; a
    -- concurrent creator blocks here until the first one commits, then
    -- finds the conflict and reports it instead of adding a second row.
    INSERT INTO OrleansStorage
        (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString,
         GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version)
    VALUES
        (p_grain_id_hash, p_grain_id_n0, p_grain_id_n1, p_grain_type_hash,
         p_grain_type, p_grain_id_ext, p_service_id, p_payload, now(), 1)
    ON CONFLICT DO NOTHING
    RETURNING Version INTO v_new;
    RETURN v_new;
END
$fn$;

-- ---------------------------------------------------------------------------
-- Stored queries
--
-- Keys, parameter names and result column names are the provider's contract
-- (see README.md next to this file). Booleans are returned as a single
-- integer column: the provider checks FieldCount == 1 and converts it.
-- ---------------------------------------------------------------------------

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
-- Clustering ----------------------------------------------------------------
('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO OrleansMembershipVersionTable (DeploymentId)
    VALUES (@DeploymentId)
    ON CONFLICT (DeploymentId) DO NOTHING
    RETURNING 1
)
SELECT count(*)::integer AS Created FROM created
$q$),

('InsertMembershipKey', $q$
SELECT orleans_membership_insert(
    @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
    @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version) AS Inserted
$q$),

('UpdateMembershipKey', $q$
SELECT orleans_membership_update(
    @DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes,
    @IAmAliveTime, @Version) AS Updated
$q$),

('UpdateIAmAlivetimeKey', $q$
UPDATE OrleansMembershipTable
SET IAmAliveTime = @IAmAliveTime
WHERE DeploymentId = @DeploymentId
  AND Address = @Address
  AND Port = @Port
  AND Generation = @Generation
$q$),

('MembershipReadRowKey', $q$
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName,
       m.HostName, m.Status, m.ProxyPort, m.SuspectTimes, m.StartTime,
       m.IAmAliveTime, v.Version
FROM OrleansMembershipVersionTable AS v
LEFT JOIN OrleansMembershipTable AS m
       ON m.DeploymentId = v.DeploymentId
      AND m.Address = @Address
      AND m.Port = @Port
      AND m.Generation = @Generation
WHERE v.DeploymentId = @DeploymentId
$q$),

('MembershipReadAllKey', $q$
SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName,
       m.HostName, m.Status, m.ProxyPort, m.SuspectTimes, m.StartTime,
       m.IAmAliveTime, v.Version
FROM OrleansMembershipVersionTable AS v
LEFT JOIN OrleansMembershipTable AS m
       ON m.DeploymentId = v.DeploymentId
WHERE v.DeploymentId = @DeploymentId
$q$),

('GatewaysQueryKey', $q$
SELECT Address, ProxyPort, Generation
FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId
  AND Status = @Status
  AND ProxyPort > 0
$q$),

('DeleteMembershipTableEntriesKey', $q$
DELETE FROM OrleansMembershipVersionTable
WHERE DeploymentId = @DeploymentId
$q$),

-- Two cleanup keys: 10.4.2 requires the bulk one to exist but, when the
-- per-row one is present, reads all rows, picks long-dead silos itself and
-- deletes each only if the row still holds the values it read (so a row that
-- changed meanwhile survives). Both delete Dead (6) rows only; the older
-- upstream "Status != 3" would also remove silos that are still joining.
-- SuspectTimes: the provider may send NULL for a stored '' and vice versa.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId
  AND Status = 6
  AND StartTime < @IAmAliveTime
  AND IAmAliveTime < @IAmAliveTime
  AND coalesce(SuspectTimes, '') = ''
$q$),

('CleanupDefunctSiloEntryKey', $q$
DELETE FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId
  AND Address = @Address
  AND Port = @Port
  AND Generation = @Generation
  AND Status = 6
  AND StartTime = @StartTime
  AND IAmAliveTime = @IAmAliveTime
  AND coalesce(SuspectTimes, '') = coalesce(@SuspectTimes, '')
$q$),

-- Reminders -----------------------------------------------------------------
-- Version restarts at 0 on insert and grows on update; it is the ETag the
-- provider hands back to RemoveRow.
('UpsertReminderRowKey', $q$
INSERT INTO OrleansRemindersTable AS r
    (ServiceId, GrainId, ReminderName, StartTime, Period, GrainHash, Version)
VALUES
    (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (ServiceId, GrainId, ReminderName) DO UPDATE
SET StartTime = EXCLUDED.StartTime,
    Period = EXCLUDED.Period,
    GrainHash = EXCLUDED.GrainHash,
    Version = r.Version + 1
RETURNING r.Version
$q$),

('ReadReminderRowsKey', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId
  AND GrainId = @GrainId
$q$),

('ReadReminderRowKey', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId
  AND GrainId = @GrainId
  AND ReminderName = @ReminderName
$q$),

('ReadRangeRows1Key', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId
  AND GrainHash > @BeginHash
  AND GrainHash <= @EndHash
$q$),

('ReadRangeRows2Key', $q$
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId
  AND (GrainHash > @BeginHash OR GrainHash <= @EndHash)
$q$),

('DeleteReminderRowKey', $q$
WITH removed AS (
    DELETE FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId
      AND GrainId = @GrainId
      AND ReminderName = @ReminderName
      AND Version = @Version
    RETURNING 1
)
SELECT count(*)::integer AS Deleted FROM removed
$q$),

('DeleteReminderRowsKey', $q$
DELETE FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId
$q$),

-- Grain persistence ---------------------------------------------------------
('WriteToStorageKey', $q$
SELECT orleans_storage_write(
    @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
    @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary)
    AS NewGrainStateVersion
$q$),

('ReadFromStorageKey', $q$
SELECT PayloadBinary, Version
FROM OrleansStorage
WHERE GrainIdHash = @GrainIdHash
  AND GrainTypeHash = @GrainTypeHash
  AND GrainIdN0 = @GrainIdN0
  AND GrainIdN1 = @GrainIdN1
  AND ServiceId = @ServiceId
  AND GrainTypeString = @GrainTypeString
  AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
$q$),

('ClearStorageKey', $q$
UPDATE OrleansStorage
SET PayloadBinary = NULL,
    ModifiedOn = now(),
    Version = orleans_next_version(Version)
WHERE GrainIdHash = @GrainIdHash
  AND GrainTypeHash = @GrainTypeHash
  AND GrainIdN0 = @GrainIdN0
  AND GrainIdN1 = @GrainIdN1
  AND ServiceId = @ServiceId
  AND GrainTypeString = @GrainTypeString
  AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
  AND Version = @GrainStateVersion
RETURNING Version AS NewGrainStateVersion
$q$),

('DeleteStorageKey', $q$
DELETE FROM OrleansStorage
WHERE GrainIdHash = @GrainIdHash
  AND GrainTypeHash = @GrainTypeHash
  AND GrainIdN0 = @GrainIdN0
  AND GrainIdN1 = @GrainIdN1
  AND ServiceId = @ServiceId
  AND GrainTypeString = @GrainTypeString
  AND GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString
  AND Version = @GrainStateVersion
RETURNING orleans_next_version(Version) AS NewGrainStateVersion
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
