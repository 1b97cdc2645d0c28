using Npgsql;
using Xunit;

namespace Ddl.Store.Tests.Postgres;

/// <summary>
/// The PostgreSQL the tests use comes from DDL_TEST_POSTGRES (test.sh starts one and sets it).
/// When it is missing or unreachable every PostgreSQL test fails with a message that says so:
/// a skipped engine would let a broken store pass.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public const string Variable = "DDL_TEST_POSTGRES";

    private PostgresTestDatabase? _database;
    private string? _problem;
    private Exception? _cause;

    public PostgresTestDatabase Database => _database ?? throw new InvalidOperationException(_problem, _cause);

    public async Task InitializeAsync()
    {
        var raw = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(raw))
        {
            _problem = $"{Variable} is not set. The PostgreSQL tests need it: run ./test.sh (it starts a throwaway " +
                       $"PostgreSQL and sets {Variable}), or set {Variable} to an Npgsql connection string " +
                       "such as \"Host=127.0.0.1;Port=5432;Username=postgres;Password=...;Database=ddl_test\".";
            return;
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(raw) { MaxPoolSize = 20, Timeout = 15 };
        }
        catch (Exception ex)
        {
            (_problem, _cause) = ($"{Variable} is not a valid Npgsql connection string: {ex.Message}", ex);
            return;
        }

        var database = new PostgresTestDatabase(builder.ConnectionString);
        try
        {
            await using var store = database.OpenStore();
            await store.MigrateAsync();
            _database = database;
        }
        catch (Exception ex)
        {
            var shown = new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Password = null };
            (_problem, _cause) = ($"PostgreSQL from {Variable} ({shown}) cannot be reached or migrated: {ex.Message}", ex);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
