using Microsoft.Data.Sqlite;

namespace Ddl.Store.Sqlite;

/// <summary>
/// The embedded engine: one SQLite file. Writes go through one connection, one at a time (a
/// SQLite file has a single writer anyway, and queuing here is cheaper than busy-waiting on its
/// lock); reads use pooled connections of their own and run beside the writer thanks to WAL.
/// Another process may open the same file: SQLite's own locks and busy_timeout keep it safe.
/// </summary>
public sealed class SqliteEntryStore : IEntryStore
{
    private readonly string _writerConnectionString;
    private readonly string _readerConnectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private SqliteWriter? _writer;
    private bool _disposed;

    /// <summary>Creates a store on the file at <paramref name="path"/>; nothing is opened yet.</summary>
    public SqliteEntryStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            DefaultTimeout = 30,
        };
        // The writer lives as long as the store, so it skips the pool; readers come and go.
        _writerConnectionString = new SqliteConnectionStringBuilder(builder.ConnectionString) { Pooling = false }.ConnectionString;
        _readerConnectionString = new SqliteConnectionStringBuilder(builder.ConnectionString) { Pooling = true }.ConnectionString;
    }

    /// <inheritdoc />
    public string Engine => StoreOptions.Sqlite;

    /// <summary>The full path of the database file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public Task MigrateAsync(CancellationToken ct = default) =>
        WriteAsync(writer => { writer.Migrate(); return true; }, ct);

    /// <inheritdoc />
    public async Task<AppendOutcome> AppendAsync(StoredEntry entry, CancellationToken ct = default)
    {
        EntryValidation.Validate(entry);
        return await WriteAsync(writer => writer.Append(entry), ct);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AppendOutcome>> AppendBatchAsync(IReadOnlyList<StoredEntry> entries, CancellationToken ct = default)
    {
        EntryValidation.ValidateAll(entries);
        if (entries.Count == 0)
            return [];
        return await WriteAsync(writer => writer.AppendBatch(entries), ct);
    }

    /// <inheritdoc />
    public async Task<StoredEntry?> GetAsync(string chain, long seq, CancellationToken ct = default)
    {
        await using var connection = await OpenReaderAsync(ct);
        await using var command = Command(connection, SqliteSql.Get, ("@chain", chain), ("@seq", seq));
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await EntryRows.ReadSingleAsync(reader, ct);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredEntry>> ReadChainAsync(string chain, long fromSeq, int limit, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var connection = await OpenReaderAsync(ct);
        await using var command = Command(connection, SqliteSql.ReadChain, ("@chain", chain), ("@from_seq", fromSeq), ("@limit", limit));
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await EntryRows.ReadAllAsync(reader, ct);
    }

    /// <inheritdoc />
    public async Task<ChainHead?> GetHeadAsync(string chain, CancellationToken ct = default)
    {
        await using var connection = await OpenReaderAsync(ct);
        await using var command = Command(connection, SqliteSql.Head, ("@chain", chain));
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new ChainHead(reader.GetInt64(0), reader.GetString(1)) : null;
    }

    /// <inheritdoc />
    public async Task<StoredEntry?> FindByNonceAsync(string author, string nonce, CancellationToken ct = default)
    {
        await using var connection = await OpenReaderAsync(ct);
        await using var command = Command(connection, SqliteSql.FindByNonce, ("@author", author), ("@nonce", nonce));
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await EntryRows.ReadSingleAsync(reader, ct);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<string> ListChainsAsync(string? kindPrefix, CancellationToken ct = default) =>
        ChainListing.ListAsync(kindPrefix, FetchChainPageAsync, ct);

    private async Task<List<string>> FetchChainPageAsync(string from, bool inclusive, CancellationToken ct)
    {
        var page = new List<string>(ChainListing.PageSize);
        var sql = inclusive ? SqliteSql.ChainsFrom : SqliteSql.ChainsAfter;
        await using var connection = await OpenReaderAsync(ct);
        await using var command = Command(connection, sql, ("@from", from), ("@limit", ChainListing.PageSize));
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            page.Add(reader.GetString(0));
        return page;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredEntry>> ReadSinceAsync(long afterPosition, int limit, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        await using var connection = await OpenReaderAsync(ct);
        await using var command = Command(connection, SqliteSql.ReadSince, ("@after", afterPosition), ("@limit", limit));
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await EntryRows.ReadAllAsync(reader, ct);
    }

    /// <summary>Waits for the write in progress, then closes the file's connections.</summary>
    public async ValueTask DisposeAsync()
    {
        await _writeGate.WaitAsync();
        try
        {
            if (_disposed)
                return;
            _disposed = true;
            _writer?.Dispose();
            _writer = null;
            // Pooled reader connections would keep the file open after the store is gone.
            using var pooled = new SqliteConnection(_readerConnectionString);
            SqliteConnection.ClearPool(pooled);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task<T> WriteAsync<T>(Func<SqliteWriter, T> write, CancellationToken ct)
    {
        await _writeGate.WaitAsync(ct);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_writer is null)
            {
                var folder = System.IO.Path.GetDirectoryName(Path);
                if (!string.IsNullOrEmpty(folder))
                    Directory.CreateDirectory(folder);
                _writer = SqliteWriter.Open(_writerConnectionString);
            }
            // Microsoft.Data.Sqlite is synchronous underneath; the gate keeps one write at a time.
            return write(_writer);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = new SqliteConnection(_readerConnectionString);
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

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = new SqliteCommand(sql, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return command;
    }
}
