using Ddl.Store;
using Ddl.Store.Notary;
using Npgsql;

namespace Ddl.Bench.Notary;

/// <summary>A fresh, migrated schema for one measurement, so runs never see each other's rows.</summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private BenchDatabase(string connectionString, IEntryStore entries)
    {
        ConnectionString = connectionString;
        Entries = entries;
        Notary = NotaryStores.For(entries);
    }

    public string ConnectionString { get; }

    public IEntryStore Entries { get; }

    public INotaryStore Notary { get; }

    public static async Task<BenchDatabase> CreateAsync(string server, string name)
    {
        var schema = $"bench_{name}_{Guid.NewGuid():N}"[..40];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await create.ExecuteNonQueryAsync();
        }
        var scoped = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema, MaxPoolSize = 50 }.ConnectionString;
        var entries = EntryStoreFactory.Create(new StoreOptions { Engine = StoreOptions.Postgres, PostgresConnectionString = scoped });
        await entries.MigrateAsync();
        return new BenchDatabase(scoped, entries);
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    public ValueTask DisposeAsync() => Entries.DisposeAsync();
}
