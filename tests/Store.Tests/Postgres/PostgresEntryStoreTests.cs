using Ddl.Store;
using Ddl.Store.Postgres;
using Ddl.Store.Tests.Contract;
using Ddl.Store.Tests.Support;
using Npgsql;
using Xunit;

namespace Ddl.Store.Tests.Postgres;

public sealed class PostgresEntryStoreTests(PostgresFixture fixture) : EntryStoreContract, IClassFixture<PostgresFixture>
{
    protected override ITestDatabase Database => fixture.Database;

    protected override async Task<ITestDatabase> CreateFreshDatabaseAsync() =>
        await PostgresTestDatabase.CreateSchemaAsync(fixture.Database.ConnectionString);

    protected override string ExpectedEngine => StoreOptions.Postgres;

    [Fact]
    public async Task postgres_store_shares_one_data_source_with_synchronous_commit_on()
    {
        var store = Assert.IsType<PostgresEntryStore>(
            Track(EntryStoreFactory.Create(new StoreOptions { Engine = "postgres", PostgresConnectionString = fixture.Database.ConnectionString })));

        await using var connection = await store.DataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SHOW synchronous_commit", connection);

        Assert.Equal("on", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task postgres_database_refuses_to_update_delete_or_truncate_entries()
    {
        var chain = TestEntries.NewChain();
        Appended(await Store.AppendAsync(TestEntries.Entry(chain, 0)));
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync();

        foreach (var sql in new[] { "UPDATE ddl_entries SET type = 'x' WHERE chain = $1", "DELETE FROM ddl_entries WHERE chain = $1" })
        {
            await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new NpgsqlParameter { Value = chain } } };
            await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        }
        await using (var truncate = new NpgsqlCommand("TRUNCATE ddl_entries", connection))
            await Assert.ThrowsAsync<PostgresException>(() => truncate.ExecuteNonQueryAsync());
        Assert.NotNull(await Store.GetAsync(chain, 0));
    }
}
