using Ddl.Store;
using Npgsql;

namespace Ddl.Cluster.Tests.Support;

/// <summary>
/// A fresh schema in the test database, brought up to date by the project's own migrations (the
/// same path a silo takes), with search_path pointed at it so that it looks like an empty
/// database to Orleans and the store. Dropped again on dispose.
/// </summary>
public sealed class ClusterDatabase : IAsyncDisposable
{
    private readonly string _schema;

    private ClusterDatabase(string schema, string connectionString)
    {
        _schema = schema;
        ConnectionString = connectionString;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string ConnectionString { get; }

    /// <summary>One pool shared by every silo and client of the test, as a silo shares the store's.</summary>
    public NpgsqlDataSource DataSource { get; }

    public static async Task<ClusterDatabase> CreateAsync()
    {
        var server = TestPostgres.ConnectionString;
        var schema = $"ddl_cluster_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var scoped = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ConnectionString;
        await using (var store = EntryStoreFactory.Create(new StoreOptions { Engine = StoreOptions.Postgres, PostgresConnectionString = scoped }))
        {
            await store.MigrateAsync();
        }
        return new ClusterDatabase(schema, scoped);
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        // Idle pooled connections hold no locks, so the drop does not wait for them.
        await using var connection = new NpgsqlConnection(TestPostgres.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA {_schema} CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
