using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Ddl.Store.Schedule;

/// <summary>
/// The schedule in the entry store's SQLite file. Times are stored as fixed-width UTC text
/// (yyyy-MM-ddTHH:mm:ss.fffZ) so that text order is time order.
/// </summary>
public sealed class SqliteScheduleStore(string path) : IScheduleStore
{
    private readonly string connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWrite,
        DefaultTimeout = 30,
        Pooling = true,
    }.ConnectionString;

    /// <inheritdoc />
    public async Task ScheduleAsync(string chain, IReadOnlyList<(string Kind, DateTimeOffset DueAt)> work, CancellationToken ct = default)
    {
        ScheduleWork.RequireDistinct(work);
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var transaction = connection.BeginTransaction();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO ddl_schedule (chain, kind, due_at) VALUES ($chain, $kind, $due) " +
                              "ON CONFLICT (chain, kind) DO UPDATE SET due_at = excluded.due_at";
        command.Parameters.AddWithValue("$chain", chain);
        var kindParameter = command.Parameters.Add("$kind", SqliteType.Text);
        var dueParameter = command.Parameters.Add("$due", SqliteType.Text);
        foreach (var (kind, dueAt) in work)
        {
            kindParameter.Value = kind;
            dueParameter.Value = Format(dueAt);
            await command.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
    }

    /// <inheritdoc />
    public Task CompleteAsync(string chain, string kind, CancellationToken ct = default) =>
        ExecuteAsync("DELETE FROM ddl_schedule WHERE chain = $chain AND kind = $kind", ct, ("$chain", chain), ("$kind", kind));

    /// <inheritdoc />
    public async Task<IReadOnlyList<ScheduledWork>> DueAsync(DateTimeOffset now, int limit, CancellationToken ct = default)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT chain, kind, due_at FROM ddl_schedule WHERE due_at <= $now ORDER BY due_at LIMIT $limit";
        command.Parameters.AddWithValue("$now", Format(now));
        command.Parameters.AddWithValue("$limit", limit);
        var due = new List<ScheduledWork>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            due.Add(new ScheduledWork(reader.GetString(0), reader.GetString(1),
                DateTimeOffset.ParseExact(reader.GetString(2), Pattern, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)));
        }

        return due;
    }

    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    private static string Format(DateTimeOffset t) => t.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    private async Task ExecuteAsync(string sql, CancellationToken ct, params (string Name, string Value)[] parameters)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(ct);
    }
}
