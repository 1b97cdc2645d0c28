using Microsoft.Data.Sqlite;

namespace Ddl.Store.Notary;

/// <summary>
/// The notary's log in the entry store's SQLite file. A seal is one immediate (write-locked)
/// transaction on a connection of its own; SQLite's busy timeout queues it behind an entry write
/// in progress, and the entry writer behind it.
/// </summary>
public sealed class SqliteNotaryStore : NotaryStoreBase
{
    private readonly string _connectionString;

    /// <summary>A notary store on the SQLite file at <paramref name="path"/> (already migrated).</summary>
    public SqliteNotaryStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,
            DefaultTimeout = 30,
            Pooling = true,
        }.ConnectionString;
    }

    /// <inheritdoc />
    public override async Task<SealResult?> SealAsync(CheckpointSigner signer, int maxLeaves, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLeaves, 1);
        await using var connection = await OpenAsync(ct);
        await using (var pragmas = Command(connection, null, SqliteNotarySql.WriterPragmas))
            await pragmas.ExecuteNonQueryAsync(ct);
        // BEGIN IMMEDIATE: the write lock first, so no other seal or entry sneaks in between reads and writes.
        await using var transaction = connection.BeginTransaction(deferred: false);

        var previous = await ReadCheckpointAsync(connection, transaction, SqliteNotarySql.Latest, null, ct);
        var oldSize = previous?.Checkpoint.Size ?? 0;
        var entries = await ReadUnsealedAsync(connection, transaction, maxLeaves, ct);
        if (entries.Count == 0)
            return null; // disposing the transaction rolls it back: nothing was changed

        var frontier = await ReadNodesAsync(connection, transaction, NodePlan.Frontier(oldSize), ct);
        SealPlan.Order(entries);
        var plan = new SealPlan(oldSize, new StoredNodes(frontier), entries);
        plan.Hash(0, entries.Count);
        plan.Append(0, entries.Count);
        await using (var delete = Command(connection, transaction, SqliteNotarySql.DeleteUnsealed, ("@last", entries.Max(e => e.Position))))
            await delete.ExecuteNonQueryAsync(ct);
        InsertNodes(connection, transaction, plan);
        InsertLeaves(connection, transaction, plan);

        var signed = SealSigning.Sign(signer, plan, previous);
        var c = signed.Checkpoint;
        await using (var insert = Command(connection, transaction, SqliteNotarySql.InsertCheckpoint,
            ("@number", c.Number), ("@size", c.Size), ("@root", c.Root), ("@sealed_at", c.SealedAt), ("@key_id", c.Key),
            ("@sig", signed.Sig), ("@canonical_json", signed.CanonicalJson)))
        {
            await insert.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return new SealResult(signed, plan.Leaves.Count);
    }

    /// <inheritdoc />
    public override async Task<SignedCheckpoint?> LatestCheckpointAsync(CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        return await ReadCheckpointAsync(connection, null, SqliteNotarySql.Latest, null, ct);
    }

    /// <inheritdoc />
    public override async Task<SignedCheckpoint?> GetCheckpointAsync(long number, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        return await ReadCheckpointAsync(connection, null, SqliteNotarySql.ByNumber, number, ct);
    }

    /// <inheritdoc />
    public override async Task<long?> LeafIndexAsync(string chain, long seq, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection, null, SqliteNotarySql.LeafIndex, ("@chain", chain), ("@seq", seq));
        return await command.ExecuteScalarAsync(ct) is long index ? index : null;
    }

    /// <inheritdoc />
    public override async Task<long> UnsealedCountAsync(CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection, null, SqliteNotarySql.UnsealedCount);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    internal override async Task<Dictionary<NodeKey, byte[]>> ReadNodesAsync(IReadOnlyCollection<NodeKey> keys, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        return await ReadNodesAsync(connection, null, keys, ct);
    }

    // SQLite runs in-process: a prepared lookup per node costs microseconds, no round trip.
    private static async Task<Dictionary<NodeKey, byte[]>> ReadNodesAsync(
        SqliteConnection connection, SqliteTransaction? transaction, IReadOnlyCollection<NodeKey> keys, CancellationToken ct)
    {
        var nodes = new Dictionary<NodeKey, byte[]>(keys.Count);
        await using var leaf = Command(connection, transaction, SqliteNotarySql.ReadLeaf, ("@idx", 0L));
        await using var node = Command(connection, transaction, SqliteNotarySql.ReadNode, ("@level", 0), ("@idx", 0L));
        foreach (var key in keys)
        {
            var command = key.Level == 0 ? leaf : node;
            command.Parameters["@idx"].Value = key.Index;
            if (key.Level > 0)
                command.Parameters["@level"].Value = key.Level;
            if (await command.ExecuteScalarAsync(ct) is byte[] hash)
                nodes[key] = hash;
        }
        return nodes;
    }

    private static async Task<SignedCheckpoint?> ReadCheckpointAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string sql, long? number, CancellationToken ct)
    {
        await using var command = number is { } n
            ? Command(connection, transaction, sql, ("@number", n))
            : Command(connection, transaction, sql);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? SignedCheckpoint.FromStored(reader.GetString(0), reader.GetString(1)) : null;
    }

    private static async Task<List<UnsealedEntry>> ReadUnsealedAsync(
        SqliteConnection connection, SqliteTransaction transaction, int maxLeaves, CancellationToken ct)
    {
        var entries = new List<UnsealedEntry>();
        await using var command = Command(connection, transaction, SqliteNotarySql.Unsealed, ("@limit", maxLeaves));
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            entries.Add(new UnsealedEntry(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3)));
        return entries;
    }

    private static void InsertNodes(SqliteConnection connection, SqliteTransaction transaction, SealPlan plan)
    {
        using var insert = Command(connection, transaction, SqliteNotarySql.InsertNode, ("@level", 0), ("@idx", 0L), ("@hash", Array.Empty<byte>()));
        foreach (var node in plan.Nodes)
        {
            insert.Parameters[0].Value = node.Level;
            insert.Parameters[1].Value = node.Index;
            insert.Parameters[2].Value = node.Hash;
            insert.ExecuteNonQuery();
        }
    }

    private static void InsertLeaves(SqliteConnection connection, SqliteTransaction transaction, SealPlan plan)
    {
        using var insert = Command(connection, transaction, SqliteNotarySql.InsertLeaf, ("@leaf_index", 0L), ("@position", 0L), ("@hash", Array.Empty<byte>()));
        for (var i = 0; i < plan.Leaves.Count; i++)
        {
            insert.Parameters[0].Value = plan.OldSize + i;
            insert.Parameters[1].Value = plan.Leaves[i].Position;
            insert.Parameters[2].Value = plan.LeafHashes[i];
            insert.ExecuteNonQuery();
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = new SqliteCommand(sql, connection, transaction);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return command;
    }
}
