using Ddl.Store.Tests.Postgres;
using Ddl.Store.Tests.Support;
using Npgsql;
using Xunit;
using static Ddl.Store.Tests.Support.TestEntries;

namespace Ddl.Store.Tests.Notary;

public sealed class PostgresNotaryStoreTests(PostgresFixture fixture) : NotaryStoreContract, IClassFixture<PostgresFixture>
{
    protected override async Task<ITestDatabase> CreateFreshDatabaseAsync() =>
        await PostgresTestDatabase.CreateSchemaAsync(fixture.Database.ConnectionString);

    [Fact]
    public async Task postgres_refuses_to_update_delete_or_truncate_the_notary_log()
    {
        var log = await FreshLogAsync();
        // 20 leaves: enough for a stored subtree (16 leaves) besides the leaves themselves.
        await log.Entries.AppendBatchAsync(Chain(NewChain(), 20));
        await log.Notary.SealAsync(Sign, 100);
        await using var connection = new NpgsqlConnection(((PostgresTestDatabase)log.Database).ConnectionString);
        await connection.OpenAsync();

        foreach (var sql in new[]
                 {
                     "UPDATE ddl_leaves SET position = position + 1", "DELETE FROM ddl_leaves", "TRUNCATE ddl_leaves",
                     "UPDATE ddl_merkle_nodes SET idx = idx + 1", "DELETE FROM ddl_merkle_nodes", "TRUNCATE ddl_merkle_nodes",
                     "UPDATE ddl_checkpoints SET size = 0", "DELETE FROM ddl_checkpoints", "TRUNCATE ddl_checkpoints",
                 })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains("append-only", refused.MessageText);
        }
        Assert.Equal(20, (await log.Notary.LatestCheckpointAsync())!.Checkpoint.Size);
    }
}
