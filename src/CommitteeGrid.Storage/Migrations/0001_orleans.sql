-- Orleans ADO.NET providers on PostgreSQL: membership (clustering), grain persistence, reminders.
--
-- The providers (Invariant "Npgsql") read their statements from OrleansQuery by key and run them as
-- plain text commands with named parameters (@DeploymentId, ...). They read result columns by name,
-- so every statement below aliases its columns to the names the providers ask for.
-- All times arrive as UTC DateTime values, which Npgsql sends as timestamptz; the columns match so
-- that no session time zone ever shifts them.
-- Plain DDL and inserts only: the migrator runs this file inside one transaction.

-- The providers run "SELECT QueryKey, QueryText FROM OrleansQuery" unquoted, which folds to these
-- lower-case names; Npgsql matches the column names case-insensitively.
CREATE TABLE orleansquery (
    querykey varchar(64) PRIMARY KEY,
    querytext text NOT NULL
);

-- Membership -------------------------------------------------------------------------------------

-- One row per cluster (DeploymentId = ClusterId). Its version is the table's etag: every membership
-- change bumps it, and a writer holding a stale version loses.
CREATE TABLE orleans_membership_version (
    deployment_id text PRIMARY KEY,
    version integer NOT NULL DEFAULT 0,
    changed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE orleans_membership (
    deployment_id text NOT NULL REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
    address text NOT NULL,
    port integer NOT NULL,
    generation integer NOT NULL,
    silo_name text NOT NULL,
    host_name text NOT NULL,
    status integer NOT NULL,
    proxy_port integer,
    -- "silo,time|silo,time" exactly as Orleans formats it; parsed only by Orleans.
    suspect_times text,
    start_time timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Grain persistence ------------------------------------------------------------------------------

-- A grain is identified by service, grain type and key (two 64-bit halves plus an optional string
-- part). The provider also sends 32-bit hashes of the key and type; they lead the index so lookups
-- stay narrow, and the exact columns settle hash collisions.
CREATE TABLE orleans_storage (
    service_id text NOT NULL,
    grain_type_hash integer NOT NULL,
    grain_type text NOT NULL,
    grain_id_hash integer NOT NULL,
    grain_id_n0 bigint NOT NULL,
    grain_id_n1 bigint NOT NULL,
    grain_id_extension text,
    payload_binary bytea,
    version integer NOT NULL,
    modified_at timestamptz NOT NULL DEFAULT now()
);

-- Unique so that two activations racing to create the same record cannot both succeed. The string
-- parts are indexed through md5 because string keys have no length limit and a B-tree entry does;
-- NULLS NOT DISTINCT makes "no key extension" one value.
CREATE UNIQUE INDEX orleans_storage_identity ON orleans_storage (
    grain_id_hash, grain_type_hash, service_id, grain_id_n0, grain_id_n1,
    md5(grain_type), md5(grain_id_extension)
) NULLS NOT DISTINCT;

-- Reminders --------------------------------------------------------------------------------------

CREATE TABLE orleans_reminders (
    service_id text NOT NULL,
    grain_id text NOT NULL,
    reminder_name text NOT NULL,
    start_time timestamptz NOT NULL,
    -- Milliseconds; the provider sends int or bigint depending on size.
    period bigint NOT NULL,
    -- The grain's uniform hash, cast from uint to int by the provider; ring ranges compare it signed.
    grain_hash integer NOT NULL,
    version integer NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX orleans_reminders_ring ON orleans_reminders (service_id, grain_hash);

-- Stored queries ---------------------------------------------------------------------------------

INSERT INTO orleansquery (querykey, querytext) VALUES

-- Creates the cluster's version row once; answers whether this call created it.
('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO orleans_membership_version (deployment_id, version, changed_at)
    VALUES (@DeploymentId, 0, now())
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1
)
SELECT count(*) > 0 FROM created
$q$),

-- Inserts a silo's row and bumps the table version in one statement, only if the caller saw the
-- current version and the row is new; otherwise nothing changes and the answer is false.
-- Concurrent writers serialise on the version row: the loser re-checks the version and finds it moved.
('InsertMembershipKey', $q$
WITH bumped AS (
    UPDATE orleans_membership_version
    SET version = version + 1, changed_at = now()
    WHERE deployment_id = @DeploymentId
        AND version = @Version
        AND NOT EXISTS (
            SELECT 1 FROM orleans_membership
            WHERE deployment_id = @DeploymentId
                AND address = @Address AND port = @Port AND generation = @Generation)
    RETURNING deployment_id
), inserted AS (
    INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name,
        status, proxy_port, suspect_times, start_time, i_am_alive_time)
    SELECT deployment_id, @Address, @Port, @Generation, @SiloName, @HostName,
        @Status, @ProxyPort, NULL, @StartTime, @IAmAliveTime
    FROM bumped
    RETURNING 1
)
SELECT count(*) > 0 FROM inserted
$q$),

-- Same guard as the insert, for an existing row: status, suspicions and heartbeat change together
-- with the version, or not at all.
('UpdateMembershipKey', $q$
WITH bumped AS (
    UPDATE orleans_membership_version
    SET version = version + 1, changed_at = now()
    WHERE deployment_id = @DeploymentId
        AND version = @Version
        AND EXISTS (
            SELECT 1 FROM orleans_membership
            WHERE deployment_id = @DeploymentId
                AND address = @Address AND port = @Port AND generation = @Generation)
    RETURNING deployment_id
), updated AS (
    UPDATE orleans_membership m
    SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
    FROM bumped
    WHERE m.deployment_id = bumped.deployment_id
        AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    RETURNING 1
)
SELECT count(*) > 0 FROM updated
$q$),

-- Heartbeats are liveness hints, not membership changes: no version bump, so they never make a
-- concurrent membership write fail.
('UpdateIAmAlivetimeKey', $q$
UPDATE orleans_membership
SET i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId
    AND address = @Address AND port = @Port AND generation = @Generation
$q$),

-- Reads must return the version row even when no silo matches (StartTime NULL means "no entry").
('MembershipReadRowKey', $q$
SELECT v.deployment_id AS "DeploymentId", m.address AS "Address", m.port AS "Port",
    m.generation AS "Generation", m.silo_name AS "SiloName", m.host_name AS "HostName",
    m.status AS "Status", m.proxy_port AS "ProxyPort", m.suspect_times AS "SuspectTimes",
    m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime", v.version AS "Version"
FROM orleans_membership_version v
LEFT JOIN orleans_membership m
    ON m.deployment_id = v.deployment_id
    AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId
$q$),

('MembershipReadAllKey', $q$
SELECT v.deployment_id AS "DeploymentId", m.address AS "Address", m.port AS "Port",
    m.generation AS "Generation", m.silo_name AS "SiloName", m.host_name AS "HostName",
    m.status AS "Status", m.proxy_port AS "ProxyPort", m.suspect_times AS "SuspectTimes",
    m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime", v.version AS "Version"
FROM orleans_membership_version v
LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId
$q$),

-- Clients look for active silos with a gateway (@Status is Active).
('GatewaysQueryKey', $q$
SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
FROM orleans_membership
WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
$q$),

-- Removes the whole cluster; the silo rows go with the version row (ON DELETE CASCADE).
('DeleteMembershipTableEntriesKey', $q$
DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId
$q$),

-- Required by the provider but used only when CleanupDefunctSiloEntryKey is absent: drops dead silos
-- (status 6) with no activity since the cutoff passed as @IAmAliveTime.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId
    AND status = 6
    AND i_am_alive_time < @IAmAliveTime
    AND start_time < @IAmAliveTime
    AND coalesce(suspect_times, '') = ''
$q$),

-- Optional key, preferred when present: the provider picks dead rows itself and deletes each one
-- only if it still holds the values it read, so a row that changed meanwhile survives.
('CleanupDefunctSiloEntryKey', $q$
DELETE FROM orleans_membership
WHERE deployment_id = @DeploymentId
    AND address = @Address AND port = @Port AND generation = @Generation
    AND status = 6
    AND start_time = @StartTime
    AND i_am_alive_time = @IAmAliveTime
    AND coalesce(suspect_times, '') = coalesce(@SuspectTimes, '')
$q$),

-- Persistence. Zero rows means "no record". A cleared record keeps its row (payload NULL) and version.
('ReadFromStorageKey', $q$
SELECT payload_binary AS "PayloadBinary", version AS "Version"
FROM orleans_storage
WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
    AND service_id = @ServiceId
    AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
    AND grain_type = @GrainTypeString
    AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
$q$),

-- Optimistic write. A NULL @GrainStateVersion means the grain believes no record exists: insert,
-- unless one does. Otherwise update only the version the grain read. Any mismatch returns no row,
-- which the provider reports as an InconsistentStateException.
('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE orleans_storage
    SET payload_binary = @PayloadBinary, version = version + 1, modified_at = now()
    WHERE @GrainStateVersion IS NOT NULL
        AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
        AND service_id = @ServiceId
        AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
        AND grain_type = @GrainTypeString
        AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
        AND version = @GrainStateVersion
    RETURNING version
), inserted AS (
    INSERT INTO orleans_storage (service_id, grain_type_hash, grain_type, grain_id_hash,
        grain_id_n0, grain_id_n1, grain_id_extension, payload_binary, version)
    SELECT @ServiceId, @GrainTypeHash, @GrainTypeString, @GrainIdHash,
        @GrainIdN0, @GrainIdN1, @GrainIdExtensionString, @PayloadBinary, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version
)
SELECT version AS "NewGrainStateVersion" FROM updated
UNION ALL
SELECT version FROM inserted
$q$),

-- Clear keeps the row with a NULL payload and a new version, so a stale writer still conflicts.
('ClearStorageKey', $q$
UPDATE orleans_storage
SET payload_binary = NULL, version = version + 1, modified_at = now()
WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
    AND service_id = @ServiceId
    AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
    AND grain_type = @GrainTypeString
    AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
    AND version = @GrainStateVersion
RETURNING version AS "NewGrainStateVersion"
$q$),

-- Used with DeleteStateOnClear. The answer must differ from the old version for the provider to
-- accept it, so it reports the version the deletion would have had.
('DeleteStorageKey', $q$
DELETE FROM orleans_storage
WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
    AND service_id = @ServiceId
    AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
    AND grain_type = @GrainTypeString
    AND grain_id_extension IS NOT DISTINCT FROM @GrainIdExtensionString
    AND version = @GrainStateVersion
RETURNING version + 1 AS "NewGrainStateVersion"
$q$),

-- Reminders.
('ReadReminderRowsKey', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
    period AS "Period", version AS "Version"
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId
$q$),

-- The provider picks this key when (int)BeginHash < (int)EndHash: the ring range (begin, end]
-- is then one interval in signed order.
('ReadRangeRows1Key', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
    period AS "Period", version AS "Version"
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash
$q$),

-- ... and this one otherwise: the range wraps around the signed ends (begin = end is the whole ring).
('ReadRangeRows2Key', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
    period AS "Period", version AS "Version"
FROM orleans_reminders
WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
$q$),

('ReadReminderRowKey', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
    period AS "Period", version AS "Version"
FROM orleans_reminders
WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
$q$),

-- Last writer wins for reminders; the new version is the etag.
('UpsertReminderRowKey', $q$
INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET start_time = excluded.start_time, period = excluded.period, grain_hash = excluded.grain_hash,
    version = orleans_reminders.version + 1
RETURNING version AS "Version"
$q$),

-- Always one row with one boolean: whether the reminder with that etag was removed.
('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM orleans_reminders
    WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
        AND version = @Version
    RETURNING 1
)
SELECT count(*) > 0 FROM deleted
$q$),

('DeleteReminderRowsKey', $q$
DELETE FROM orleans_reminders WHERE service_id = @ServiceId
$q$);
