using Ddl.Store.Postgres;
using Ddl.Store.Sqlite;

namespace Ddl.Store;

/// <summary>Builds the store that <see cref="StoreOptions"/> asks for.</summary>
public static class EntryStoreFactory
{
    /// <summary>
    /// Creates the store without touching the database; call <see cref="IEntryStore.MigrateAsync"/>
    /// before the first use.
    /// </summary>
    /// <exception cref="ArgumentException">The engine is unknown or its setting is missing; the message names the setting.</exception>
    public static IEntryStore Create(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var engine = (options.Engine ?? "").Trim().ToLowerInvariant();
        return engine switch
        {
            StoreOptions.Sqlite => new SqliteEntryStore(
                Require(options.SqlitePath, nameof(StoreOptions.SqlitePath), engine)),
            StoreOptions.Postgres => new PostgresEntryStore(
                Require(options.PostgresConnectionString, nameof(StoreOptions.PostgresConnectionString), engine)),
            _ => throw new ArgumentException(
                $"StoreOptions.Engine must be \"{StoreOptions.Sqlite}\" or \"{StoreOptions.Postgres}\", not \"{options.Engine}\".",
                nameof(options)),
        };
    }

    private static string Require(string? value, string setting, string engine) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new ArgumentException($"StoreOptions.{setting} is required when Engine is \"{engine}\".", setting)
            : value;
}
