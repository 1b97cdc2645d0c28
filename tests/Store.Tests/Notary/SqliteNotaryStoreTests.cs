using Ddl.Store.Tests.Sqlite;
using Ddl.Store.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit;
using static Ddl.Store.Tests.Support.TestEntries;

namespace Ddl.Store.Tests.Notary;

public sealed class SqliteNotaryStoreTests(SqliteFixture fixture) : NotaryStoreContract, IClassFixture<SqliteFixture>
{
    protected override Task<ITestDatabase> CreateFreshDatabaseAsync() => Task.FromResult<ITestDatabase>(fixture.Database.Sibling());

    [Fact]
    public async Task sqlite_refuses_to_update_or_delete_the_notary_log()
    {
        var log = await FreshLogAsync();
        // 20 leaves: enough for a stored subtree (16 leaves) besides the leaves themselves.
        await log.Entries.AppendBatchAsync(Chain(NewChain(), 20));
        await log.Notary.SealAsync(Sign, 100);
        await using var connection = new SqliteConnection($"Data Source={((SqliteTestDatabase)log.Database).FilePath};Pooling=False");
        await connection.OpenAsync();

        foreach (var sql in new[]
                 {
                     "UPDATE ddl_leaves SET position = position + 1", "DELETE FROM ddl_leaves",
                     "UPDATE ddl_merkle_nodes SET idx = idx + 1", "DELETE FROM ddl_merkle_nodes",
                     "UPDATE ddl_checkpoints SET size = 0", "DELETE FROM ddl_checkpoints",
                 })
        {
            await using var command = new SqliteCommand(sql, connection);
            var refused = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains("append-only", refused.Message);
        }
        Assert.Equal(20, (await log.Notary.LatestCheckpointAsync())!.Checkpoint.Size);
    }
}
