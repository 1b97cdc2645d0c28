-- Orleans' ADO.NET providers on PostgreSQL: clustering, reminders and grain storage.
-- The project's own SQL, written to the contract in shared/design/ORLEANS-ADONET.md (query keys,
-- parameter names, result columns, semantics). Only OrleansQuery, the keys, the @Parameter names and
-- the result-column aliases are fixed by Orleans; every other name here is ours.
--
-- Idempotent: IF NOT EXISTS / OR REPLACE / ON CONFLICT, so re-running it changes nothing.
-- Times are timestamptz: Orleans binds UTC DateTime values, which Npgsql sends as timestamptz; a
-- timestamp column would shift them by the session TimeZone.
-- Text key columns are COLLATE "C": equality is then byte equality whatever the database's default
-- collation (grain ids carry '/', '#', non-ASCII...), and the btree indexes stay cheap.
-- Result aliases are quoted in Orleans' spelling so each column is found by exact name.

-- Orleans reads its statements from here, with unquoted identifiers that fold to lower case:
-- the table and columns must be unquoted too.
CREATE TABLE IF NOT EXISTS OrleansQuery (
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);

-- ---------------------------------------------------------------------------------------------
-- Clustering
-- ---------------------------------------------------------------------------------------------

-- One row per cluster (DeploymentId = ClusterOptions.ClusterId). Its version is the membership
-- table's etag: every change to membership must move it by exactly one.
CREATE TABLE IF NOT EXISTS orleans_membership_version (
    deployment_id text COLLATE "C" PRIMARY KEY,
    version       integer     NOT NULL DEFAULT 0,
    changed_at    timestamptz NOT NULL DEFAULT now()
);

-- One row per silo incarnation. Deleting the cluster's version row takes its silos with it.
CREATE TABLE IF NOT EXISTS orleans_membership (
    deployment_id   text COLLATE "C" NOT NULL
                    REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
    address         text COLLATE "C" NOT NULL,   -- text, not inet: Orleans reads it as a string
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,        -- SiloStatus: 3 Active, 6 Dead...
    proxy_port      integer     NOT NULL,        -- gateway port; 0 when the silo is no gateway
    suspect_times   text,                        -- Orleans' own "silo,date|silo,date" text, verbatim
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Insert a silo row and move the version, both or neither. PL/pgSQL because each statement gets
-- a fresh snapshot: the version is locked first (a stale etag finds no row and returns 0), then
-- the insert sees every committed silo row, so a duplicate is refused by ON CONFLICT. A refused
-- insert puts the version back while we still hold its row lock, so no one ever saw the bump.
CREATE OR REPLACE FUNCTION orleans_insert_member(
    p_deployment_id text, p_address text, p_port integer, p_generation integer,
    p_silo_name text, p_host_name text, p_status integer, p_proxy_port integer,
    p_start_time timestamptz, p_i_am_alive_time timestamptz, p_version integer)
RETURNS integer LANGUAGE plpgsql AS $$
BEGIN
    UPDATE orleans_membership_version
       SET version = version + 1, changed_at = now()
     WHERE deployment_id = p_deployment_id AND version = p_version;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name,
                                    status, proxy_port, start_time, i_am_alive_time)
    VALUES (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name,
            p_status, p_proxy_port, p_start_time, p_i_am_alive_time)
    ON CONFLICT (deployment_id, address, port, generation) DO NOTHING;
    IF FOUND THEN
        RETURN 1;
    END IF;

    UPDATE orleans_membership_version SET version = version - 1 WHERE deployment_id = p_deployment_id;
    RETURN 0;
END;
$$;

-- Update a silo's status, suspicions and heartbeat and move the version, both or neither; same
-- shape as the insert: a stale etag returns 0, an unknown silo undoes the bump and returns 0.
CREATE OR REPLACE FUNCTION orleans_update_member(
    p_deployment_id text, p_address text, p_port integer, p_generation integer,
    p_status integer, p_suspect_times text, p_i_am_alive_time timestamptz, p_version integer)
RETURNS integer LANGUAGE plpgsql AS $$
BEGIN
    UPDATE orleans_membership_version
       SET version = version + 1, changed_at = now()
     WHERE deployment_id = p_deployment_id AND version = p_version;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    UPDATE orleans_membership
       SET status = p_status, suspect_times = p_suspect_times, i_am_alive_time = p_i_am_alive_time
     WHERE deployment_id = p_deployment_id AND address = p_address
       AND port = p_port AND generation = p_generation;
    IF FOUND THEN
        RETURN 1;
    END IF;

    UPDATE orleans_membership_version SET version = version - 1 WHERE deployment_id = p_deployment_id;
    RETURN 0;
END;
$$;

-- ---------------------------------------------------------------------------------------------
-- Reminders
-- ---------------------------------------------------------------------------------------------

-- grain_hash is GrainId.GetUniformHashCode() as Orleans binds it: a uint reinterpreted as a signed
-- int. Range reads compare in that signed space, which is a rotation of the uint ring, so the
-- ring semantics hold. period is bigint: periods over ~24.8 days arrive as int8.
-- version is the etag (Orleans int.Parses it), moved by every upsert.
CREATE TABLE IF NOT EXISTS orleans_reminders (
    service_id    text COLLATE "C" NOT NULL,
    grain_id      text COLLATE "C" NOT NULL,
    reminder_name text COLLATE "C" NOT NULL,
    start_time    timestamptz NOT NULL,
    period        bigint      NOT NULL,
    grain_hash    integer     NOT NULL,
    version       integer     NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

-- Each silo reads the reminders of its hash range of the ring.
CREATE INDEX IF NOT EXISTS orleans_reminders_ring ON orleans_reminders (service_id, grain_hash);

-- ---------------------------------------------------------------------------------------------
-- Grain storage
-- ---------------------------------------------------------------------------------------------

-- Keyed by the full natural key Orleans sends: service, state name (GrainTypeString: the
-- [PersistentState] name, not the grain class), the two 64-bit key halves and the key extension
-- or string key. The extension may be NULL, and NULL must match NULL, so it is stored as text
-- NOT NULL ('' for NULL) plus a has_extension flag: then a plain UNIQUE constraint (PostgreSQL 13
-- and later, no NULLS NOT DISTINCT) makes the first write of a grain win exactly once, and every
-- lookup is an ordinary equality on that index. Orleans' GrainIdHash and GrainTypeHash are not
-- used: they can collide, and rows found through them would be lost if the hasher changed.
-- payload NULL is a cleared record: it keeps its version, so a later first write (NULL etag)
-- is refused as a conflict while a write with the cleared etag goes through.
CREATE TABLE IF NOT EXISTS orleans_storage (
    service_id          text COLLATE "C" NOT NULL,
    grain_type          text COLLATE "C" NOT NULL,
    grain_id_n0         bigint  NOT NULL,
    grain_id_n1         bigint  NOT NULL,
    has_extension       boolean NOT NULL,
    grain_id_extension  text COLLATE "C" NOT NULL,
    payload             bytea,
    version             integer NOT NULL,
    modified_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT orleans_storage_grain_key
        UNIQUE (service_id, grain_type, grain_id_n0, grain_id_n1, has_extension, grain_id_extension)
);

-- ---------------------------------------------------------------------------------------------
-- The queries. $q$ quoting keeps the text verbatim; the @Names are bound by Npgsql when Orleans
-- runs the text, not now (placeholders inside literals are left alone).
-- ---------------------------------------------------------------------------------------------
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES

-- Clustering (Microsoft.Orleans.Clustering.AdoNet requires all nine, silos and clients alike).

-- Creates the cluster's version row at 0 unless it exists; several silos may race here at start,
-- and the loser must not fail. One row, one column: 1 if created, 0 if it was there.
('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO orleans_membership_version (deployment_id) VALUES (@DeploymentId)
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1
)
SELECT count(*)::integer FROM created
$q$),

('InsertMembershipKey', $q$
SELECT orleans_insert_member(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
                             @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version)
$q$),

('UpdateMembershipKey', $q$
SELECT orleans_update_member(@DeploymentId, @Address, @Port, @Generation,
                             @Status, @SuspectTimes, @IAmAliveTime, @Version)
$q$),

-- The heartbeat: a dirty write of one silo's time, never the version.
('UpdateIAmAlivetimeKey', $q$
UPDATE orleans_membership
   SET i_am_alive_time = @IAmAliveTime
 WHERE deployment_id = @DeploymentId AND address = @Address
   AND port = @Port AND generation = @Generation
$q$),

-- The version always comes back, with NULL member columns when the silo is unknown (the LEFT
-- JOIN); no row at all only when the cluster has no version row.
('MembershipReadRowKey', $q$
SELECT v.version AS "Version",
       m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status",
       m.proxy_port AS "ProxyPort", m.suspect_times AS "SuspectTimes",
       m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
  FROM orleans_membership_version v
  LEFT JOIN orleans_membership m
         ON m.deployment_id = v.deployment_id AND m.address = @Address
        AND m.port = @Port AND m.generation = @Generation
 WHERE v.deployment_id = @DeploymentId
$q$),

-- Members and version in one statement (one snapshot); every row carries the version, and an
-- empty cluster gives one row of NULL members.
('MembershipReadAllKey', $q$
SELECT v.version AS "Version",
       m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status",
       m.proxy_port AS "ProxyPort", m.suspect_times AS "SuspectTimes",
       m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
  FROM orleans_membership_version v
  LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
 WHERE v.deployment_id = @DeploymentId
$q$),

-- Clients connect to active silos that have a gateway port.
('GatewaysQueryKey', $q$
SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
  FROM orleans_membership
 WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
$q$),

-- Removes a whole cluster (tests and tooling); its silo rows go by ON DELETE CASCADE.
('DeleteMembershipTableEntriesKey', $q$
DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId
$q$),

-- Removes silo rows silent since the cut-off, except Active ones (status 3): those are left for
-- the liveness protocol to declare dead first.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleans_membership
 WHERE deployment_id = @DeploymentId AND i_am_alive_time < @IAmAliveTime AND status <> 3
$q$),

-- Optional (read by 10.4.2, not in the design notes): when present, the cleanup agent reads the
-- table and deletes each expired Dead row one by one through this key instead, and only if the
-- row still holds the values it read (start, heartbeat, suspicions), so a silo row that changed
-- since is left alone. Orleans binds SuspectTimes as NULL for "none" while an empty list is
-- stored as '': both compare as empty.
('CleanupDefunctSiloEntryKey', $q$
DELETE FROM orleans_membership
 WHERE deployment_id = @DeploymentId AND address = @Address
   AND port = @Port AND generation = @Generation
   AND status = 6
   AND start_time = @StartTime AND i_am_alive_time = @IAmAliveTime
   AND coalesce(btrim(suspect_times), '') = coalesce(btrim(@SuspectTimes), '')
$q$),

-- Reminders (Microsoft.Orleans.Reminders.AdoNet requires all seven).

-- Insert at version 0 or replace and move the version; one atomic statement, so concurrent
-- upserts of one reminder each get a distinct version.
('UpsertReminderRowKey', $q$
INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
   SET start_time = EXCLUDED.start_time, period = EXCLUDED.period,
       grain_hash = EXCLUDED.grain_hash, version = orleans_reminders.version + 1
RETURNING version AS "Version"
$q$),

('ReadReminderRowKey', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period AS "Period", version AS "Version"
  FROM orleans_reminders
 WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName
$q$),

('ReadReminderRowsKey', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period AS "Period", version AS "Version"
  FROM orleans_reminders
 WHERE service_id = @ServiceId AND grain_id = @GrainId
$q$),

-- A plain range (begin < end, compared signed): (begin, end].
('ReadRangeRows1Key', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period AS "Period", version AS "Version"
  FROM orleans_reminders
 WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash
$q$),

-- A range that wraps around the ring (begin >= end); begin = end is the whole ring.
('ReadRangeRows2Key', $q$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period AS "Period", version AS "Version"
  FROM orleans_reminders
 WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)
$q$),

-- Deletes only at the expected version. One row, one column: 1 if deleted, else 0.
('DeleteReminderRowKey', $q$
WITH deleted AS (
    DELETE FROM orleans_reminders
     WHERE service_id = @ServiceId AND grain_id = @GrainId
       AND reminder_name = @ReminderName AND version = @Version
    RETURNING 1
)
SELECT count(*)::integer FROM deleted
$q$),

('DeleteReminderRowsKey', $q$
DELETE FROM orleans_reminders WHERE service_id = @ServiceId
$q$),

-- Grain storage (Write, Read and Clear are required; Delete only for DeleteStateOnClear = true).
-- Every statement matches the full natural key. A conflict returns no row or no new version,
-- which the provider turns into InconsistentStateException.

-- A cleared record comes back too: NULL payload, its version as the etag.
('ReadFromStorageKey', $q$
SELECT payload AS "PayloadBinary", version AS "Version"
  FROM orleans_storage
 WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
   AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
   AND has_extension = (@GrainIdExtensionString IS NOT NULL)
   AND grain_id_extension = coalesce(@GrainIdExtensionString, '')
$q$),

-- NULL etag: the first write, inserted at version 1 unless any row holds the key (a stored or
-- cleared record, or a concurrent first writer that got there first: ON CONFLICT waits for it).
-- Otherwise: update only at the expected version, never insert. Exactly one of the two runs.
('WriteToStorageKey', $q$
WITH inserted AS (
    INSERT INTO orleans_storage (service_id, grain_type, grain_id_n0, grain_id_n1,
                                 has_extension, grain_id_extension, payload, version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1,
           @GrainIdExtensionString IS NOT NULL, coalesce(@GrainIdExtensionString, ''),
           @PayloadBinary, 1
     WHERE @GrainStateVersion IS NULL
    ON CONFLICT ON CONSTRAINT orleans_storage_grain_key DO NOTHING
    RETURNING version
), updated AS (
    UPDATE orleans_storage
       SET payload = @PayloadBinary, version = version + 1, modified_at = now()
     WHERE @GrainStateVersion IS NOT NULL AND version = @GrainStateVersion
       AND service_id = @ServiceId AND grain_type = @GrainTypeString
       AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
       AND has_extension = (@GrainIdExtensionString IS NOT NULL)
       AND grain_id_extension = coalesce(@GrainIdExtensionString, '')
    RETURNING version
)
SELECT version AS "NewGrainStateVersion" FROM inserted
UNION ALL
SELECT version FROM updated
$q$),

-- Keeps the row with a NULL payload and a new version; a NULL or stale etag matches nothing.
('ClearStorageKey', $q$
UPDATE orleans_storage
   SET payload = NULL, version = version + 1, modified_at = now()
 WHERE version = @GrainStateVersion
   AND service_id = @ServiceId AND grain_type = @GrainTypeString
   AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
   AND has_extension = (@GrainIdExtensionString IS NOT NULL)
   AND grain_id_extension = coalesce(@GrainIdExtensionString, '')
RETURNING version
$q$),

-- Removes the row at the expected version; returns a value unlike the etag to signal success.
('DeleteStorageKey', $q$
DELETE FROM orleans_storage
 WHERE version = @GrainStateVersion
   AND service_id = @ServiceId AND grain_type = @GrainTypeString
   AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
   AND has_extension = (@GrainIdExtensionString IS NOT NULL)
   AND grain_id_extension = coalesce(@GrainIdExtensionString, '')
RETURNING version + 1
$q$)

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
