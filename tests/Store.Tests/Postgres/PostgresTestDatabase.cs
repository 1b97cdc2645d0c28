using Ddl.Store;
using Ddl.Store.Postgres;
using Ddl.Store.Tests.Support;
using Npgsql;

namespace Ddl.Store.Tests.Postgres;

/// <summary>
/// A PostgreSQL database for the tests: the one DDL_TEST_POSTGRES names, or a fresh schema in it
/// (search_path pointed at the schema makes it look like an empty database to the store).
/// </summary>
public sealed class PostgresTestDatabase(string connectionString, string? ownedSchema = null) : ITestDatabase
{
    public string ConnectionString { get; } = connectionString;

    public static async Task<PostgresTestDatabase> CreateSchemaAsync(string connectionString)
    {
        var schema = $"ddl_t_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await create.ExecuteNonQueryAsync();
        }
        var scoped = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = schema }.ConnectionString;
        return new PostgresTestDatabase(scoped, schema);
    }

    public IEntryStore OpenStore() => new PostgresEntryStore(ConnectionString);

    public async Task<IReadOnlyList<int>> AppliedMigrationVersionsAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT version FROM ddl_schema_migrations ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new List<int>();
        while (await reader.ReadAsync())
            versions.Add(reader.GetInt32(0));
        return versions;
    }

    public async ValueTask DisposeAsync()
    {
        if (ownedSchema is null)
            return;
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA {ownedSchema} CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
