using Ddl.Store.Postgres;
using Ddl.Store.Sqlite;

namespace Ddl.Store.Notary;

/// <summary>Finds the notary store that lives beside an entry store, on the same database.</summary>
public static class NotaryStores
{
    /// <summary>The notary store of the database <paramref name="entries"/> writes to (migrations included in its).</summary>
    public static INotaryStore For(IEntryStore entries) => entries switch
    {
        PostgresEntryStore pg => new PostgresNotaryStore(pg.DataSource),
        SqliteEntryStore sqlite => new SqliteNotaryStore(sqlite.Path),
        _ => throw new ArgumentException($"No notary store for engine '{entries.Engine}'.", nameof(entries)),
    };
}
