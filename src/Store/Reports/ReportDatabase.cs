using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Ddl.Store.Reports;

/// <summary>
/// The database beside an entry store, seen through ADO.NET: the read model's SQL is one dialect
/// (named parameters, text and bigint, ON CONFLICT), so only connection and locking differ.
/// </summary>
internal abstract class ReportDatabase
{
    public abstract string Engine { get; }

    public abstract ValueTask<DbConnection> OpenAsync(CancellationToken ct);

    /// <summary>A transaction no other projector or rebuild runs beside (the projection lock).</summary>
    public abstract Task<DbTransaction> BeginProjectionAsync(DbConnection connection, CancellationToken ct);

    /// <summary>Takes the projection lock for a whole rebuild and a transaction that sees one snapshot of the entries.</summary>
    public abstract Task<DbTransaction> BeginRebuildAsync(DbConnection connection, CancellationToken ct);

    /// <summary>Gives back what <see cref="BeginRebuildAsync"/> took beyond the transaction.</summary>
    public abstract Task EndRebuildAsync(DbConnection connection, CancellationToken ct);

    /// <summary>Empties the derived tables (never the entries, never the access log).</summary>
    public abstract string EmptySql { get; }

    /// <summary>
    /// Run after a rebuild commits, outside any transaction: fresh statistics for the planner, and
    /// (PostgreSQL) the visibility map that lets index-only scans skip the heap, rather than
    /// waiting for autovacuum to find millions of new rows.
    /// </summary>
    public abstract string? AfterRebuildSql { get; }

    public static ReportDatabase For(IEntryStore entries) => entries switch
    {
        Postgres.PostgresEntryStore pg => new PostgresReportDatabase(pg.DataSource),
        Sqlite.SqliteEntryStore sqlite => new SqliteReportDatabase(sqlite.Path),
        _ => throw new ArgumentException($"No read model for engine '{entries.Engine}'.", nameof(entries)),
    };

    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, IEnumerable<(string Name, object? Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            // An untyped null would leave PostgreSQL guessing; every nullable column is text.
            if (value is null)
            {
                p.DbType = DbType.String;
            }

            command.Parameters.Add(p);
        }

        return command;
    }

    internal const string DerivedTables =
        "rm_institutions, rm_prescriptions, rm_items, rm_issues, rm_dispensings, rm_treatments, rm_medications, rm_procedure_orders, rm_administrations, rm_procedures";
}

internal sealed class SqliteReportDatabase(string path) : ReportDatabase
{
    private readonly string connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path, Mode = SqliteOpenMode.ReadWrite, DefaultTimeout = 60, Pooling = true,
    }.ConnectionString;

    public override string Engine => StoreOptions.Sqlite;

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    // BEGIN IMMEDIATE: SQLite has one writer, so the write lock is the projection lock.
    public override Task<DbTransaction> BeginProjectionAsync(DbConnection connection, CancellationToken ct) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    public override Task<DbTransaction> BeginRebuildAsync(DbConnection connection, CancellationToken ct) => BeginProjectionAsync(connection, ct);

    public override Task EndRebuildAsync(DbConnection connection, CancellationToken ct) => Task.CompletedTask;

    public override string EmptySql => string.Join(";", DerivedTables.Split(", ").Select(t => $"DELETE FROM {t}")) + "; DELETE FROM ddl_unprojected";

    public override string? AfterRebuildSql => null;
}

internal sealed class PostgresReportDatabase(NpgsqlDataSource dataSource) : ReportDatabase
{
    // "ddl_proj" in ASCII: one lock for every projector and rebuild on the database.
    private const long ProjectionLock = 0x64646c5f70726f6a;

    public override string Engine => StoreOptions.Postgres;

    public override async ValueTask<DbConnection> OpenAsync(CancellationToken ct) => await dataSource.OpenConnectionAsync(ct);

    public override async Task<DbTransaction> BeginProjectionAsync(DbConnection connection, CancellationToken ct)
    {
        var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        await using var lockCommand = Command(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", [("@key", ProjectionLock)]);
        await lockCommand.ExecuteNonQueryAsync(ct);
        return transaction;
    }

    // The lock is taken at session level before the transaction starts, so the repeatable-read
    // snapshot is taken after every earlier projector has committed. The rebuild then projects
    // exactly the entries of its snapshot and deletes exactly their outbox rows; entries that
    // commit meanwhile keep theirs and the projector takes them afterwards.
    public override async Task<DbTransaction> BeginRebuildAsync(DbConnection connection, CancellationToken ct)
    {
        await using (var lockCommand = Command(connection, null, "SELECT pg_advisory_lock(@key)", [("@key", ProjectionLock)]))
        {
            await lockCommand.ExecuteNonQueryAsync(ct);
        }

        return await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
    }

    public override async Task EndRebuildAsync(DbConnection connection, CancellationToken ct)
    {
        await using var unlock = Command(connection, null, "SELECT pg_advisory_unlock(@key)", [("@key", ProjectionLock)]);
        await unlock.ExecuteNonQueryAsync(ct);
    }

    public override string EmptySql => $"TRUNCATE {DerivedTables}; DELETE FROM ddl_unprojected";

    public override string? AfterRebuildSql => $"VACUUM (ANALYZE) {DerivedTables}, ddl_unprojected";
}
