using Xunit;

namespace Ddl.Store.Tests.Sqlite;

/// <summary>One migrated SQLite file for the whole test class.</summary>
public sealed class SqliteFixture : IAsyncLifetime
{
    public SqliteTestDatabase Database { get; } = new();

    public async Task InitializeAsync()
    {
        await using var store = Database.OpenStore();
        await store.MigrateAsync();
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();
}
