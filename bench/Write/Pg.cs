using Npgsql;

namespace Ddl.Bench.Write;

/// <summary>The benchmark's PostgreSQL: a fresh database per command, counters, and the server's CPU time.</summary>
public static class Pg
{
    public static string Server => Environment.GetEnvironmentVariable("DDL_BENCH_POSTGRES")
        ?? throw new InvalidOperationException("Set DDL_BENCH_POSTGRES (bench/write.sh starts a server and sets it).");

    /// <summary>A new, empty database on the server; returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..30];
        await using (var connection = new NpgsqlConnection(Server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(Server) { Database = name, MaxPoolSize = 100, CommandTimeout = 0 }.ConnectionString;
    }

    public static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? 0 : Convert.ToInt64(value);
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Committed transactions of this database and WAL syncs/bytes of the server (pg_stat_wal, PostgreSQL 14+).</summary>
    public static async Task<(long Commits, long WalSyncs, long WalBytes)> CountersAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // Statistics are snapshotted per transaction; clear so that each read is fresh.
        await using (var clear = new NpgsqlCommand("SELECT pg_stat_clear_snapshot()", connection)) await clear.ExecuteNonQueryAsync();
        long commits;
        await using (var c = new NpgsqlCommand("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()", connection))
            commits = Convert.ToInt64(await c.ExecuteScalarAsync());
        long syncs = 0, bytes = 0;
        try
        {
            await using var w = new NpgsqlCommand("SELECT wal_sync, wal_bytes::bigint FROM pg_stat_wal", connection);
            await using var r = await w.ExecuteReaderAsync();
            if (await r.ReadAsync()) { syncs = r.GetInt64(0); bytes = r.GetInt64(1); }
        }
        catch (PostgresException) { }
        return (commits, syncs, bytes);
    }

    /// <summary>CPU seconds (user + system) of the benchmark's PostgreSQL server and its backends, from /proc.</summary>
    public static double ServerCpuSeconds()
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable("DDL_BENCH_PG_PID"), out var postmaster)) return double.NaN;
        double ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                // fields[0] = state, [1] = ppid, [11] = utime, [12] = stime, [13] = cutime, [14] = cstime
                // (stat fields 3, 4, 14-17). The postmaster's cutime and cstime hold what its exited
                // backends used: a connection closed during a run must not take its CPU away with it.
                if (pid == postmaster)
                    ticks += long.Parse(fields[11]) + long.Parse(fields[12]) + long.Parse(fields[13]) + long.Parse(fields[14]);
                else if (int.Parse(fields[1]) == postmaster)
                    ticks += long.Parse(fields[11]) + long.Parse(fields[12]);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return ticks / 100.0;
    }
}
