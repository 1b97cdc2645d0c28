using Ddl.Store;
using Ddl.Store.Postgres;
using Ddl.Store.Reports;
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

    [Fact]
    public async Task a_failed_report_rebuild_leaves_no_lock_on_its_pooled_connection()
    {
        // The pool does not reset a connection's session when it takes it back (No Reset On
        // Close, to spare PostgreSQL six statements per use), so the rebuild's session-level
        // advisory lock must be given back by the rebuild itself, failed or not. One connection
        // in the pool: the session checked afterwards is the one the rebuild ran on.
        await using var database = await PostgresTestDatabase.CreateSchemaAsync(fixture.Database.ConnectionString);
        var store = (PostgresEntryStore)Track(new PostgresEntryStore(
            new NpgsqlConnectionStringBuilder(database.ConnectionString) { MaxPoolSize = 1 }.ConnectionString));
        await store.MigrateAsync();
        Appended(await store.AppendAsync(TestEntries.Entry(TestEntries.NewChain(), 0)));

        // The test entry is not a ledger document (no "submission"): the fold refuses it mid-rebuild.
        var failure = await Assert.ThrowsAsync<AggregateException>(() => ReadModel.For(store).RebuildAsync());
        Assert.IsType<KeyNotFoundException>(Assert.Single(failure.InnerExceptions));

        Assert.True(new NpgsqlConnectionStringBuilder(store.DataSource.ConnectionString).NoResetOnClose);
        await using var connection = await store.DataSource.OpenConnectionAsync();
        await using var locks = new NpgsqlCommand("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()", connection);
        Assert.Equal(0L, await locks.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("hash")]
    [InlineData("prev")]
    public async Task postgres_database_refuses_a_hash_that_is_not_64_lowercase_hex_digits(string column)
    {
        // The store checks hashes before it writes; the database's own check is the backstop for
        // anyone else who writes (migration 0007 made it cheaper, not looser).
        await using var database = await PostgresTestDatabase.CreateSchemaAsync(fixture.Database.ConnectionString);
        var store = Track(database.OpenStore());
        await store.MigrateAsync();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var good = new string('a', 32) + "0123456789abcdef0123456789abcdef";
        var bad = new[]
        {
            good.ToUpperInvariant(), good[..63], good + "0", good[..63] + "g", good[..63] + " ", good[..62] + "é", new string('é', 32), "",
        };

        var inserted = 0;
        foreach (var value in bad.Append(good))
        {
            await using var insert = new NpgsqlCommand(
                "INSERT INTO ddl_entries (chain, seq, hash, prev, author, nonce, type, recorded_at, canonical_json) " +
                "VALUES ($1, 0, $2, $3, 'a', $1, 't', 'r', '{}')", connection)
            {
                Parameters =
                {
                    new NpgsqlParameter { Value = TestEntries.NewChain() },
                    new NpgsqlParameter { Value = column == "hash" ? value : good },
                    new NpgsqlParameter { Value = column == "prev" ? value : good },
                },
            };
            if (value == good)
            {
                inserted += await insert.ExecuteNonQueryAsync();
                continue;
            }

            var refused = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.CheckViolation, refused.SqlState);
            Assert.Equal($"ddl_entries_{column}_check", refused.ConstraintName);
        }

        Assert.Equal(1, inserted);
    }
}
