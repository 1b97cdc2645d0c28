namespace Ddl.Store;

/// <summary>Which engine to use and where its data lives.</summary>
public sealed record StoreOptions
{
    /// <summary>Engine name of the embedded SQLite store.</summary>
    public const string Sqlite = "sqlite";

    /// <summary>Engine name of the PostgreSQL store.</summary>
    public const string Postgres = "postgres";

    /// <summary><c>"sqlite"</c> (the default) or <c>"postgres"</c>.</summary>
    public string Engine { get; init; } = Sqlite;

    /// <summary>The SQLite database file; required when <see cref="Engine"/> is <c>"sqlite"</c>. Its folder is created if missing.</summary>
    public string? SqlitePath { get; init; }

    /// <summary>An Npgsql connection string; required when <see cref="Engine"/> is <c>"postgres"</c>.</summary>
    public string? PostgresConnectionString { get; init; }
}
