using Ddl.Store.Migrations;
using Npgsql;
using NpgsqlTypes;

namespace Ddl.Store.Postgres;

/// <summary>Applies the embedded PostgreSQL migrations that the database lacks.</summary>
internal static class PostgresMigrator
{
    public static async Task MigrateAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);

        // A transaction-level advisory lock serializes migrators across processes (even two
        // CREATE TABLE IF NOT EXISTS can collide in the catalog without it) and is released by
        // the commit, or by the server if this process dies half-way. DDL is transactional, so
        // a failed script leaves nothing behind.
        await using (var lockCommand = new NpgsqlCommand(PostgresSql.LockMigrations, connection, transaction))
        {
            lockCommand.Parameters.Add(new NpgsqlParameter<long> { TypedValue = PostgresSql.MigrationLockKey, NpgsqlDbType = NpgsqlDbType.Bigint });
            await lockCommand.ExecuteNonQueryAsync(ct);
        }
        await using (var create = new NpgsqlCommand(PostgresSql.CreateMigrationsTable, connection, transaction))
            await create.ExecuteNonQueryAsync(ct);

        var applied = new HashSet<int>();
        await using (var read = new NpgsqlCommand(PostgresSql.AppliedVersions, connection, transaction))
        await using (var reader = await read.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
                applied.Add(reader.GetInt32(0));
        }

        foreach (var script in MigrationScript.Load(StoreOptions.Postgres))
        {
            if (applied.Contains(script.Version))
                continue;
            await using (var apply = new NpgsqlCommand(script.Sql, connection, transaction))
                await apply.ExecuteNonQueryAsync(ct);
            await using var record = new NpgsqlCommand(PostgresSql.RecordMigration, connection, transaction);
            record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = script.Version, NpgsqlDbType = NpgsqlDbType.Integer });
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = script.Name, NpgsqlDbType = NpgsqlDbType.Text });
            await record.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
    }
}
