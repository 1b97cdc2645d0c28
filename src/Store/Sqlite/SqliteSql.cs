namespace Ddl.Store.Sqlite;

/// <summary>The SQL the SQLite engine runs, in one place.</summary>
internal static class SqliteSql
{
    // Per-connection settings for the writer. busy_timeout comes first so that even switching
    // to WAL waits for a writer in another process instead of failing at once. WAL lets readers
    // run beside the one writer (and is remembered by the file); synchronous=FULL fsyncs the WAL
    // at every commit, so an acknowledged entry is on disk even after a power cut. Readers need
    // no settings: Microsoft.Data.Sqlite retries a busy read until the command timeout.
    public const string WriterPragmas =
        "PRAGMA busy_timeout = 30000; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;";

    // The nonce check is an upsert target, so a resubmission writes nothing and returns no row;
    // a (chain, seq) clash is left to raise SQLITE_CONSTRAINT_UNIQUE.
    public const string Insert = """
        INSERT INTO ddl_entries (chain, seq, hash, prev, author, nonce, type, recorded_at, canonical_json)
        VALUES (@chain, @seq, @hash, @prev, @author, @nonce, @type, @recorded_at, @canonical_json)
        ON CONFLICT (author, nonce) DO NOTHING
        RETURNING position
        """;

    // The notary's outbox: written right after each entry, in the entry's transaction, so an
    // entry is committed if and only if the notary owes it a seal.
    public const string QueueUnsealed =
        "INSERT INTO ddl_unsealed (position, chain, seq, hash) VALUES (@position, @chain, @seq, @hash)";

    // The read model's outbox (src/Store/Reports), in the entry's transaction as well: an entry
    // is committed if and only if the projector owes it a projection.
    public const string QueueUnprojected = "INSERT INTO ddl_unprojected (position) VALUES (@position)";

    public const string SeqTaken = "SELECT 1 FROM ddl_entries WHERE chain = @chain AND seq = @seq";

    public const string Get = $"SELECT {EntryRows.Columns} FROM ddl_entries WHERE chain = @chain AND seq = @seq";

    public const string ReadChain = $"""
        SELECT {EntryRows.Columns} FROM ddl_entries
        WHERE chain = @chain AND seq >= @from_seq
        ORDER BY seq LIMIT @limit
        """;

    public const string Head = "SELECT seq, hash FROM ddl_entries WHERE chain = @chain ORDER BY seq DESC LIMIT 1";

    public const string FindByNonce = $"SELECT {EntryRows.Columns} FROM ddl_entries WHERE author = @author AND nonce = @nonce";

    // Keyset pages over the (chain, seq) index: the first page includes the prefix itself.
    public const string ChainsFrom = "SELECT DISTINCT chain FROM ddl_entries WHERE chain >= @from ORDER BY chain LIMIT @limit";
    public const string ChainsAfter = "SELECT DISTINCT chain FROM ddl_entries WHERE chain > @from ORDER BY chain LIMIT @limit";

    public const string ReadSince = $"""
        SELECT {EntryRows.Columns} FROM ddl_entries
        WHERE position > @after ORDER BY position LIMIT @limit
        """;

    public const string CreateMigrationsTable = """
        CREATE TABLE IF NOT EXISTS ddl_schema_migrations (
            version    INTEGER PRIMARY KEY,
            name       TEXT NOT NULL,
            applied_at TEXT NOT NULL
        )
        """;

    public const string AppliedVersions = "SELECT version FROM ddl_schema_migrations";

    public const string RecordMigration = """
        INSERT INTO ddl_schema_migrations (version, name, applied_at)
        VALUES (@version, @name, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        """;
}
