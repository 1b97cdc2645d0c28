using Ddl.Store.Reports;

namespace Ddl.Store.Postgres;

/// <summary>The SQL the PostgreSQL engine runs, in one place. Parameters are positional ($n).</summary>
internal static class PostgresSql
{
    public const string ChainSeqConstraint = "ddl_entries_chain_seq_key";

    // Arbiter is the nonce constraint only: a resubmission returns no row and writes nothing,
    // while a (chain, seq) clash still raises unique_violation on ChainSeqConstraint. With the
    // nonce as arbiter, a retried append that hits both keys is reported as the duplicate it is.
    // The written row also goes to the notary's outbox (ddl_unsealed) in the same statement, so
    // in the same commit: an entry is committed if and only if the notary owes it a seal.
    public static readonly string Insert = $"""
        WITH inserted AS (
            INSERT INTO ddl_entries (chain, seq, hash, prev, author, nonce, type, recorded_at, canonical_json)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT ON CONSTRAINT ddl_entries_author_nonce_key DO NOTHING
            RETURNING position, chain, seq, hash, type
        ), queued AS (
            INSERT INTO ddl_unsealed (position, chain, seq, hash)
            SELECT position, chain, seq, hash FROM inserted
        ), unprojected AS (
            INSERT INTO ddl_unprojected (position) SELECT position FROM inserted WHERE type IN ({EntryProjection.TypesSql})
        )
        SELECT position FROM inserted
        """;

    // The whole batch as one statement (one round trip, one commit): each column is an array
    // parameter. ON CONFLICT DO NOTHING without a target skips a row that clashes on either key
    // instead of failing the statement, so one conflict cannot sink the other entries; the rows
    // that come back are the ones written. Rows go in (chain, seq) order so that two batches
    // racing for the same keys take their index locks in the same order and cannot deadlock.
    // Written rows go to the notary's outbox in the same statement, as in Insert.
    // Both statements also queue the entry for the read model's projector (ddl_unprojected,
    // src/Store/Reports), in the same commit: committed if and only if owed a projection. Only
    // entries of the types the read model keeps are owed one: any other entry changes nothing
    // there, and queuing it cost an outbox row, its read and its delete for nothing.
    public static readonly string InsertBatch = $"""
        WITH inserted AS (
            INSERT INTO ddl_entries (chain, seq, hash, prev, author, nonce, type, recorded_at, canonical_json)
            SELECT chain, seq, hash, prev, author, nonce, type, recorded_at, canonical_json
            FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
                WITH ORDINALITY AS input (chain, seq, hash, prev, author, nonce, type, recorded_at, canonical_json, ord)
            ORDER BY chain COLLATE "C", seq, ord
            ON CONFLICT DO NOTHING
            RETURNING position, chain, seq, hash, author, nonce, type
        ), queued AS (
            INSERT INTO ddl_unsealed (position, chain, seq, hash)
            SELECT position, chain, seq, hash FROM inserted
        ), unprojected AS (
            INSERT INTO ddl_unprojected (position) SELECT position FROM inserted WHERE type IN ({EntryProjection.TypesSql})
        )
        SELECT position, chain, seq, author, nonce FROM inserted
        """;

    public const string FindByNonces = $"""
        SELECT {EntryRows.Columns} FROM ddl_entries
        WHERE (author, nonce) IN (SELECT a, n FROM unnest($1::text[], $2::text[]) AS keys (a, n))
        """;

    public const string Get = $"SELECT {EntryRows.Columns} FROM ddl_entries WHERE chain = $1 AND seq = $2";

    public const string ReadChain = $"""
        SELECT {EntryRows.Columns} FROM ddl_entries
        WHERE chain = $1 AND seq >= $2
        ORDER BY seq LIMIT $3
        """;

    public const string Head = "SELECT seq, hash FROM ddl_entries WHERE chain = $1 ORDER BY seq DESC LIMIT 1";

    public const string FindByNonce = $"SELECT {EntryRows.Columns} FROM ddl_entries WHERE author = $1 AND nonce = $2";

    // Keyset pages over the (chain, seq) index: the first page includes the prefix itself.
    public const string ChainsFrom = "SELECT DISTINCT chain FROM ddl_entries WHERE chain >= $1 ORDER BY chain LIMIT $2";
    public const string ChainsAfter = "SELECT DISTINCT chain FROM ddl_entries WHERE chain > $1 ORDER BY chain LIMIT $2";

    public const string ReadSince = $"""
        SELECT {EntryRows.Columns} FROM ddl_entries
        WHERE position > $1 ORDER BY position LIMIT $2
        """;

    // "ddl_migr" in ASCII: one lock for every DDL migrator on the database, whatever the schema.
    public const long MigrationLockKey = 0x64646c5f6d696772;

    public const string LockMigrations = "SELECT pg_advisory_xact_lock($1)";

    public const string CreateMigrationsTable = """
        CREATE TABLE IF NOT EXISTS ddl_schema_migrations (
            version    integer PRIMARY KEY,
            name       text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """;

    public const string AppliedVersions = "SELECT version FROM ddl_schema_migrations";

    public const string RecordMigration = "INSERT INTO ddl_schema_migrations (version, name) VALUES ($1, $2)";
}
