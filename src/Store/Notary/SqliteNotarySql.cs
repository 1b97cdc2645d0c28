namespace Ddl.Store.Notary;

/// <summary>The SQL of the notary on SQLite, in one place.</summary>
internal static class SqliteNotarySql
{
    // Same settings as the entry writer: wait for the other writer instead of failing, and fsync
    // every commit so an acknowledged checkpoint survives a power cut.
    public const string WriterPragmas = "PRAGMA busy_timeout = 30000; PRAGMA synchronous = FULL;";

    public const string Latest = "SELECT canonical_json, sig FROM ddl_checkpoints ORDER BY number DESC LIMIT 1";

    public const string ByNumber = "SELECT canonical_json, sig FROM ddl_checkpoints WHERE number = @number";

    public const string Unsealed = "SELECT position, chain, seq, hash FROM ddl_unsealed ORDER BY position LIMIT @limit";

    // Writers are serialized and the seal holds the write lock, so the taken rows are exactly
    // those up to the last position taken.
    public const string DeleteUnsealed = "DELETE FROM ddl_unsealed WHERE position <= @last";

    public const string InsertNode = "INSERT INTO ddl_merkle_nodes (level, idx, hash) VALUES (@level, @idx, @hash)";

    public const string InsertLeaf = "INSERT INTO ddl_leaves (leaf_index, position, hash) VALUES (@leaf_index, @position, @hash)";

    public const string InsertCheckpoint = """
        INSERT INTO ddl_checkpoints (number, size, root, sealed_at, key_id, sig, canonical_json)
        VALUES (@number, @size, @root, @sealed_at, @key_id, @sig, @canonical_json)
        """;

    // Leaves (level 0) live in ddl_leaves, larger subtrees in ddl_merkle_nodes.
    public const string ReadLeaf = "SELECT hash FROM ddl_leaves WHERE leaf_index = @idx";

    public const string ReadNode = "SELECT hash FROM ddl_merkle_nodes WHERE level = @level AND idx = @idx";

    public const string LeafIndex = """
        SELECT l.leaf_index FROM ddl_entries e JOIN ddl_leaves l ON l.position = e.position
        WHERE e.chain = @chain AND e.seq = @seq
        """;

    public const string UnsealedCount = "SELECT count(*) FROM ddl_unsealed";
}
