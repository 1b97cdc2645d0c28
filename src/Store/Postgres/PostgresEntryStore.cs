using Npgsql;

namespace Ddl.Store.Postgres;

/// <summary>
/// The production engine. It owns one <see cref="NpgsqlDataSource"/> (one connection pool),
/// which the host may share with Orleans' ADO.NET providers; dispose the store after them.
/// Hot statements are prepared: PostgreSQL keeps them per physical connection, so pooled
/// connections reuse the plan after the first use. synchronous_commit is left as the server
/// has it (on by default), so a completed append is durable.
/// </summary>
public sealed class PostgresEntryStore : IEntryStore
{
    /// <summary>Creates a store and its connection pool; nothing is opened yet.</summary>
    public PostgresEntryStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.ConnectionStringBuilder.ApplicationName))
            builder.ConnectionStringBuilder.ApplicationName = "ddl";
        // By default Npgsql resets a pooled connection's session each time it is used again: six
        // statements PostgreSQL parses anew, once per commit of the write path (about 3 % of a
        // single-entry submission's CPU). Nothing here leaves session state behind: no SET, no
        // temporary tables, no LISTEN, no open cursors; a transaction left open is rolled back on
        // close whatever this says; and the one session-level lock, the report rebuild's, is given
        // back in a finally (PostgresEntryStoreTests checks it).
        builder.ConnectionStringBuilder.NoResetOnClose = true;
        DataSource = builder.Build();
    }

    /// <inheritdoc />
    public string Engine => StoreOptions.Postgres;

    /// <summary>The store's connection pool, to share with the rest of the host.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <inheritdoc />
    public Task MigrateAsync(CancellationToken ct = default) => PostgresMigrator.MigrateAsync(DataSource, ct);

    /// <inheritdoc />
    public async Task<AppendOutcome> AppendAsync(StoredEntry entry, CancellationToken ct = default)
    {
        EntryValidation.Validate(entry);
        await using var connection = await DataSource.OpenConnectionAsync(ct);
        await using (var insert = new NpgsqlCommand(PostgresSql.Insert, connection).WithEntry(entry))
        {
            await insert.PrepareAsync(ct);
            try
            {
                if (await insert.ExecuteScalarAsync(ct) is long position)
                    return new AppendOutcome.Appended(entry with { Position = position });
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation
                                               && ex.ConstraintName == PostgresSql.ChainSeqConstraint)
            {
                throw new ChainConflictException(entry.Chain, entry.Seq, ex);
            }
        }

        // No row came back: the nonce was already used. ON CONFLICT waited for the other
        // transaction to commit, and this new statement's snapshot sees its row.
        var existing = await FindByNonceAsync(connection, entry.Author, entry.Nonce, ct)
            ?? throw new InvalidOperationException($"Nonce {entry.Author}/{entry.Nonce} was refused as a duplicate but cannot be found.");
        return new AppendOutcome.DuplicateNonce(existing);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AppendOutcome>> AppendBatchAsync(IReadOnlyList<StoredEntry> entries, CancellationToken ct = default)
    {
        EntryValidation.ValidateAll(entries);
        if (entries.Count == 0)
            return [];
        return await PostgresBatchAppend.RunAsync(DataSource, entries, ct);
    }

    /// <inheritdoc />
    public async Task<StoredEntry?> GetAsync(string chain, long seq, CancellationToken ct = default)
    {
        await using var connection = await DataSource.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(PostgresSql.Get, connection).With(chain).With(seq);
        await command.PrepareAsync(ct);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await EntryRows.ReadSingleAsync(reader, ct);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredEntry>> ReadChainAsync(string chain, long fromSeq, int limit, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var connection = await DataSource.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(PostgresSql.ReadChain, connection).With(chain).With(fromSeq).With((long)limit);
        await command.PrepareAsync(ct);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await EntryRows.ReadAllAsync(reader, ct);
    }

    /// <inheritdoc />
    public async Task<ChainHead?> GetHeadAsync(string chain, CancellationToken ct = default)
    {
        await using var connection = await DataSource.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(PostgresSql.Head, connection).With(chain);
        await command.PrepareAsync(ct);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new ChainHead(reader.GetInt64(0), reader.GetString(1)) : null;
    }

    /// <inheritdoc />
    public async Task<StoredEntry?> FindByNonceAsync(string author, string nonce, CancellationToken ct = default)
    {
        await using var connection = await DataSource.OpenConnectionAsync(ct);
        return await FindByNonceAsync(connection, author, nonce, ct);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<string> ListChainsAsync(string? kindPrefix, CancellationToken ct = default) =>
        ChainListing.ListAsync(kindPrefix, FetchChainPageAsync, ct);

    private async Task<List<string>> FetchChainPageAsync(string from, bool inclusive, CancellationToken ct)
    {
        var page = new List<string>(ChainListing.PageSize);
        var sql = inclusive ? PostgresSql.ChainsFrom : PostgresSql.ChainsAfter;
        await using var connection = await DataSource.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection).With(from).With((long)ChainListing.PageSize);
        await command.PrepareAsync(ct);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            page.Add(reader.GetString(0));
        return page;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredEntry>> ReadSinceAsync(long afterPosition, int limit, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var connection = await DataSource.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(PostgresSql.ReadSince, connection).With(afterPosition).With((long)limit);
        await command.PrepareAsync(ct);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await EntryRows.ReadAllAsync(reader, ct);
    }

    /// <summary>Closes the connection pool.</summary>
    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    private static async Task<StoredEntry?> FindByNonceAsync(NpgsqlConnection connection, string author, string nonce, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(PostgresSql.FindByNonce, connection).With(author).With(nonce);
        await command.PrepareAsync(ct);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await EntryRows.ReadSingleAsync(reader, ct);
    }
}
