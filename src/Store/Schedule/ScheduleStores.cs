using Ddl.Store.Postgres;
using Ddl.Store.Sqlite;

namespace Ddl.Store.Schedule;

/// <summary>Finds the schedule store that lives beside an entry store, on the same database.</summary>
public static class ScheduleStores
{
    /// <summary>The schedule store of the database <paramref name="entries"/> writes to.</summary>
    public static IScheduleStore For(IEntryStore entries) => entries switch
    {
        PostgresEntryStore pg => new PostgresScheduleStore(pg.DataSource),
        SqliteEntryStore sqlite => new SqliteScheduleStore(sqlite.Path),
        _ => throw new ArgumentException($"No schedule store for engine '{entries.Engine}'.", nameof(entries)),
    };
}
