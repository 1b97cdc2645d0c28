using Npgsql;

namespace Ddl.Tests.Support;

/// <summary>
/// A schema of its own on the test PostgreSQL, for a ledger whose notary must see only its own
/// entries: a seal takes every waiting entry of the database it runs on, and checkpoints are signed
/// with the key of one ledger. search_path points the store at the schema.
/// </summary>
public static class PostgresSchemas
{
    /// <summary>Creates an empty schema and returns a connection string scoped to it.</summary>
    public static async Task<string> CreateAsync(string prefix = "ddl_n")
    {
        var schema = $"{prefix}_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(TestPostgres.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionString) { SearchPath = schema }.ConnectionString;
    }
}
