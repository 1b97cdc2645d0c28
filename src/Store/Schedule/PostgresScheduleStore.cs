using Npgsql;
using NpgsqlTypes;

namespace Ddl.Store.Schedule;

/// <summary>The schedule on PostgreSQL, sharing the entry store's data source.</summary>
public sealed class PostgresScheduleStore(NpgsqlDataSource dataSource) : IScheduleStore
{
    /// <inheritdoc />
    public async Task ScheduleAsync(string chain, string kind, DateTimeOffset dueAt, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO ddl_schedule (chain, kind, due_at) VALUES ($1, $2, $3) " +
            "ON CONFLICT (chain, kind) DO UPDATE SET due_at = EXCLUDED.due_at");
        command.Parameters.Add(new NpgsqlParameter { Value = chain, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = kind, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = dueAt.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <inheritdoc />
    public async Task CompleteAsync(string chain, string kind, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM ddl_schedule WHERE chain = $1 AND kind = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = chain, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = kind, NpgsqlDbType = NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ScheduledWork>> DueAsync(DateTimeOffset now, int limit, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT chain, kind, due_at FROM ddl_schedule WHERE due_at <= $1 ORDER BY due_at LIMIT $2");
        command.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = limit, NpgsqlDbType = NpgsqlDbType.Integer });
        var due = new List<ScheduledWork>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            due.Add(new ScheduledWork(reader.GetString(0), reader.GetString(1), new DateTimeOffset(reader.GetDateTime(2), TimeSpan.Zero)));
        }

        return due;
    }
}
