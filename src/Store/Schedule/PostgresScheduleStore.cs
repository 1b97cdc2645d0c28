using Npgsql;
using NpgsqlTypes;

namespace Ddl.Store.Schedule;

/// <summary>The schedule on PostgreSQL, sharing the entry store's data source.</summary>
public sealed class PostgresScheduleStore(NpgsqlDataSource dataSource) : IScheduleStore
{
    // Both statements run once or more per prescription or treatment sheet, so they are prepared
    // (PostgreSQL keeps the plan per pooled connection) rather than planned anew each time.
    private const string Upsert = """
        INSERT INTO ddl_schedule (chain, kind, due_at)
        SELECT $1, kind, due_at FROM unnest($2::text[], $3::timestamptz[]) AS work (kind, due_at)
        ON CONFLICT (chain, kind) DO UPDATE SET due_at = EXCLUDED.due_at
        """;

    private const string Delete = "DELETE FROM ddl_schedule WHERE chain = $1 AND kind = $2";

    /// <inheritdoc />
    public async Task ScheduleAsync(string chain, IReadOnlyList<(string Kind, DateTimeOffset DueAt)> work, CancellationToken ct = default)
    {
        ScheduleWork.RequireDistinct(work);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(Upsert, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = chain, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = work.Select(w => w.Kind).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = work.Select(w => w.DueAt.UtcDateTime).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        await command.PrepareAsync(ct);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <inheritdoc />
    public async Task CompleteAsync(string chain, string kind, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(Delete, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = chain, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = kind, NpgsqlDbType = NpgsqlDbType.Text });
        await command.PrepareAsync(ct);
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
