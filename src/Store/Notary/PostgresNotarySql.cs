namespace Ddl.Store.Notary;

/// <summary>The SQL of the notary on PostgreSQL, in one place. Parameters are positional ($n).</summary>
internal static class PostgresNotarySql
{
    // Serializes seals across every process on this database (a second notary activation during a
    // partition waits here, then seals only what is left). EXCLUSIVE mode still lets readers of
    // checkpoints and proofs through, and the lock goes with the transaction, crash included.
    public const string LockSeals = "LOCK TABLE ddl_checkpoints IN EXCLUSIVE MODE";

    public const string Latest = "SELECT canonical_json, sig FROM ddl_checkpoints ORDER BY number DESC LIMIT 1";

    public const string ByNumber = "SELECT canonical_json, sig FROM ddl_checkpoints WHERE number = $1";

    // Takes (and, at commit, removes) the longest-waiting outbox rows: every row below the
    // position of the ($1 + 1)-th, or all of them when there are no more than $1. One snapshot
    // serves both halves, so exactly the rows returned are deleted; rows committed after it stay
    // for the next seal, and rows of a rolled-back seal come back. A range over the primary key
    // is much cheaper to delete than a semi-join against a LIMIT subquery.
    public const string TakeUnsealed = """
        DELETE FROM ddl_unsealed
        WHERE position < coalesce(
            (SELECT position FROM ddl_unsealed ORDER BY position OFFSET $1 LIMIT 1),
            9223372036854775807)
        RETURNING position, chain, seq, hash
        """;

    public const string CopyNodes = "COPY ddl_merkle_nodes (level, idx, hash) FROM STDIN (FORMAT BINARY)";

    public const string CopyLeaves = "COPY ddl_leaves (leaf_index, position, hash) FROM STDIN (FORMAT BINARY)";

    public const string InsertCheckpoint = """
        INSERT INTO ddl_checkpoints (number, size, root, sealed_at, key_id, sig, canonical_json)
        VALUES ($1, $2, $3, $4, $5, $6, $7)
        """;

    // One round trip for every subtree a proof needs, an index probe per key: leaves (level 0)
    // live in ddl_leaves, larger subtrees in ddl_merkle_nodes.
    public const string ReadNodes = """
        SELECT 0::smallint, l.leaf_index, l.hash FROM ddl_leaves l WHERE l.leaf_index = ANY($1)
        UNION ALL
        SELECT n.level, n.idx, n.hash
        FROM unnest($2::smallint[], $3::bigint[]) AS k (level, idx)
        JOIN ddl_merkle_nodes n ON n.level = k.level AND n.idx = k.idx
        """;

    public const string LeafIndex = """
        SELECT l.leaf_index FROM ddl_entries e JOIN ddl_leaves l ON l.position = e.position
        WHERE e.chain = $1 AND e.seq = $2
        """;

    public const string UnsealedCount = "SELECT count(*) FROM ddl_unsealed";
}
