using Ddl.Store;
using Ddl.Store.Sqlite;
using Ddl.Store.Tests.Contract;
using Ddl.Store.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Ddl.Store.Tests.Sqlite;

public sealed class SqliteEntryStoreTests(SqliteFixture fixture) : EntryStoreContract, IClassFixture<SqliteFixture>
{
    protected override ITestDatabase Database => fixture.Database;

    protected override Task<ITestDatabase> CreateFreshDatabaseAsync() => Task.FromResult<ITestDatabase>(fixture.Database.Sibling());

    protected override string ExpectedEngine => StoreOptions.Sqlite;

    [Fact]
    public async Task sqlite_file_is_in_wal_mode_so_readers_run_beside_the_writer()
    {
        await using var connection = new SqliteConnection($"Data Source={fixture.Database.FilePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = new SqliteCommand("PRAGMA journal_mode", connection);

        Assert.Equal("wal", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task sqlite_store_creates_its_data_folder()
    {
        var path = Path.Combine(fixture.Database.Folder, $"data-{Guid.NewGuid():N}", "nested", "ddl.db");
        await using var store = EntryStoreFactory.Create(new StoreOptions { Engine = "sqlite", SqlitePath = path });

        await store.MigrateAsync();

        Assert.IsType<SqliteEntryStore>(store);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task sqlite_database_refuses_to_update_or_delete_entries()
    {
        var chain = TestEntries.NewChain();
        Appended(await Store.AppendAsync(TestEntries.Entry(chain, 0)));
        await using var connection = new SqliteConnection($"Data Source={fixture.Database.FilePath};Pooling=False");
        await connection.OpenAsync();

        foreach (var sql in new[] { "UPDATE ddl_entries SET type = 'x' WHERE chain = $c", "DELETE FROM ddl_entries WHERE chain = $c" })
        {
            await using var command = new SqliteCommand(sql, connection);
            command.Parameters.AddWithValue("$c", chain);
            await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync());
        }
        Assert.NotNull(await Store.GetAsync(chain, 0));
    }
}
