using Ddl.Store.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace Ddl.Store.Notary;

/// <summary>
/// The notary's log on PostgreSQL, sharing the entry store's connection pool. A seal is one
/// transaction: lock, read the frontier, take the outbox, binary-COPY the new subtrees and leaf
/// indexes, insert the signed checkpoint, commit.
/// </summary>
public sealed class PostgresNotaryStore(NpgsqlDataSource dataSource) : NotaryStoreBase
{
    /// <inheritdoc />
    public override async Task<SealResult?> SealAsync(CheckpointSigner signer, int maxLeaves, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLeaves, 1);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var lockSeals = new NpgsqlCommand(PostgresNotarySql.LockSeals, connection, transaction))
            await lockSeals.ExecuteNonQueryAsync(ct);

        var previous = await ReadCheckpointAsync(connection, transaction, PostgresNotarySql.Latest, null, ct);
        var oldSize = previous?.Checkpoint.Size ?? 0;
        var frontier = await ReadNodesAsync(connection, transaction, NodePlan.Frontier(oldSize), ct);
        var entries = await TakeUnsealedAsync(connection, transaction, maxLeaves, ct);
        if (entries.Count == 0)
            return null; // disposing the transaction rolls it back: nothing was changed

        // The leaves stream to the server as they are hashed on another core, and the stored
        // subtrees are computed along with them: the seal's CPU work overlaps its biggest write.
        SealPlan.Order(entries);
        var plan = new SealPlan(oldSize, new StoredNodes(frontier), entries);
        var hashing = LeafHashing.Start(plan, ct);
        await CopyLeavesAsync(connection, plan, hashing, ct);
        await hashing.Completion;
        await CopyNodesAsync(connection, plan, ct);

        var signed = SealSigning.Sign(signer, plan, previous);
        await using (var insert = new NpgsqlCommand(PostgresNotarySql.InsertCheckpoint, connection, transaction))
        {
            var c = signed.Checkpoint;
            insert.With(c.Number).With(c.Size).With(c.Root).With(c.SealedAt).With(c.Key).With(signed.Sig).With(signed.CanonicalJson);
            await insert.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return new SealResult(signed, plan.Leaves.Count);
    }

    /// <inheritdoc />
    public override async Task<SignedCheckpoint?> LatestCheckpointAsync(CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await ReadCheckpointAsync(connection, null, PostgresNotarySql.Latest, null, ct);
    }

    /// <inheritdoc />
    public override async Task<SignedCheckpoint?> GetCheckpointAsync(long number, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await ReadCheckpointAsync(connection, null, PostgresNotarySql.ByNumber, number, ct);
    }

    /// <inheritdoc />
    public override async Task<long?> LeafIndexAsync(string chain, long seq, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(PostgresNotarySql.LeafIndex, connection).With(chain).With(seq);
        await command.PrepareAsync(ct);
        return await command.ExecuteScalarAsync(ct) is long index ? index : null;
    }

    /// <inheritdoc />
    public override async Task<long> UnsealedCountAsync(CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(PostgresNotarySql.UnsealedCount, connection);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    internal override async Task<Dictionary<NodeKey, byte[]>> ReadNodesAsync(IReadOnlyCollection<NodeKey> keys, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await ReadNodesAsync(connection, null, keys, ct);
    }

    private static async Task<Dictionary<NodeKey, byte[]>> ReadNodesAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyCollection<NodeKey> keys, CancellationToken ct)
    {
        var nodes = new Dictionary<NodeKey, byte[]>(keys.Count);
        if (keys.Count == 0)
            return nodes;
        var inner = keys.Where(k => k.Level > 0).ToList();
        await using var command = new NpgsqlCommand(PostgresNotarySql.ReadNodes, connection, transaction);
        command.With(keys.Where(k => k.Level == 0).Select(k => k.Index).ToArray());
        command.Parameters.Add(new NpgsqlParameter<short[]>
        {
            TypedValue = inner.Select(k => (short)k.Level).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint,
        });
        command.With(inner.Select(k => k.Index).ToArray());
        await command.PrepareAsync(ct);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            nodes[new NodeKey(reader.GetInt16(0), reader.GetInt64(1))] = (byte[])reader.GetValue(2);
        return nodes;
    }

    private static async Task<SignedCheckpoint?> ReadCheckpointAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, long? number, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        if (number is { } n)
            command.With(n);
        await command.PrepareAsync(ct);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? SignedCheckpoint.FromStored(reader.GetString(0), reader.GetString(1)) : null;
    }

    private static async Task<List<UnsealedEntry>> TakeUnsealedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, int maxLeaves, CancellationToken ct)
    {
        var entries = new List<UnsealedEntry>();
        await using var command = new NpgsqlCommand(PostgresNotarySql.TakeUnsealed, connection, transaction).With((long)maxLeaves);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            entries.Add(new UnsealedEntry(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3)));
        return entries;
    }

    // Binary COPY with synchronous writes: the values land in Npgsql's buffer, and an async call
    // per value would cost more than the copy itself. Only CompleteAsync waits on the server.
    private static async Task CopyNodesAsync(NpgsqlConnection connection, SealPlan plan, CancellationToken ct)
    {
        await using var copy = await connection.BeginBinaryImportAsync(PostgresNotarySql.CopyNodes, ct);
        foreach (var node in plan.Nodes)
        {
            copy.StartRow();
            copy.Write((short)node.Level, NpgsqlDbType.Smallint);
            copy.Write(node.Index, NpgsqlDbType.Bigint);
            copy.Write(node.Hash, NpgsqlDbType.Bytea);
        }
        await copy.CompleteAsync(ct);
    }

    private static async Task CopyLeavesAsync(NpgsqlConnection connection, SealPlan plan, LeafHashing hashing, CancellationToken ct)
    {
        await using var copy = await connection.BeginBinaryImportAsync(PostgresNotarySql.CopyLeaves, ct);
        for (var i = 0; i < plan.Leaves.Count; i++)
        {
            if (hashing.ChunkStartsAt(i))
                await hashing.ReadyAsync(i);
            copy.StartRow();
            copy.Write(plan.OldSize + i, NpgsqlDbType.Bigint);
            copy.Write(plan.Leaves[i].Position, NpgsqlDbType.Bigint);
            copy.Write(plan.LeafHashes[i], NpgsqlDbType.Bytea);
        }
        await copy.CompleteAsync(ct);
    }
}
