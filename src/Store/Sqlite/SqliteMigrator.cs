using Ddl.Store.Migrations;
using Microsoft.Data.Sqlite;

namespace Ddl.Store.Sqlite;

/// <summary>Applies the embedded SQLite migrations that the database lacks.</summary>
internal static class SqliteMigrator
{
    public static void Migrate(SqliteConnection connection)
    {
        // BEGIN IMMEDIATE takes the write lock before reading the applied versions, so a second
        // process migrating the same file waits (busy_timeout) and then finds nothing left to do,
        // instead of both deciding to apply the same script. SQLite DDL is transactional, so a
        // script that fails leaves no half-made schema behind.
        using var transaction = connection.BeginTransaction(deferred: false);
        Execute(connection, transaction, SqliteSql.CreateMigrationsTable);

        var applied = new HashSet<int>();
        using (var read = Command(connection, transaction, SqliteSql.AppliedVersions))
        using (var reader = read.ExecuteReader())
        {
            while (reader.Read())
                applied.Add(reader.GetInt32(0));
        }

        foreach (var script in MigrationScript.Load(StoreOptions.Sqlite))
        {
            if (applied.Contains(script.Version))
                continue;
            Execute(connection, transaction, script.Sql);
            using var record = Command(connection, transaction, SqliteSql.RecordMigration);
            record.Parameters.AddWithValue("@version", script.Version);
            record.Parameters.AddWithValue("@name", script.Name);
            record.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = Command(connection, transaction, sql);
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql) =>
        new(sql, connection, transaction);
}
