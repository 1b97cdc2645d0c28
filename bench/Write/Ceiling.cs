using System.Diagnostics;
using Npgsql;

namespace Ddl.Bench.Write;

/// <summary>
/// The raw ceiling of a run: the very rows the run wrote (read back from ddl_entries), inserted
/// again as plain batched INSERTs (one multi-row statement = one transaction per batch, fsync on)
/// into a scratch table with the same columns, constraints and indexes — no grains, no signatures,
/// no GraphQL, no outbox tables.
/// </summary>
public static class Ceiling
{
    public const int BatchSize = 500;
    public const int Connections = 4;
    public const string Description = "same rows, INSERT … SELECT FROM unnest(arrays), 500 rows per statement/commit, 4 connections, into `LIKE ddl_entries INCLUDING ALL`";

    public static async Task<double> MeasureAsync(string connectionString, long afterPosition)
    {
        var table = $"bench_ceiling_{Guid.NewGuid():N}"[..30];
        var rows = new List<object[]>();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var read = new NpgsqlCommand(
                "SELECT chain, seq, hash, prev, author, nonce, type, recorded_at, canonical_json FROM ddl_entries WHERE position > $1 ORDER BY position",
                connection) { CommandTimeout = 0 };
            read.Parameters.AddWithValue(afterPosition);
            await using (var reader = await read.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    var row = new object[9];
                    reader.GetValues(row);
                    rows.Add(row);
                }
            }
            await using var create = new NpgsqlCommand($"CREATE TABLE {table} (LIKE ddl_entries INCLUDING ALL)", connection);
            await create.ExecuteNonQueryAsync();
        }

        var batches = rows.Chunk(BatchSize).ToArray();
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Connections).Select(async _ =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            int b;
            while ((b = Interlocked.Increment(ref next)) < batches.Length)
            {
                var batch = batches[b];
                await using var insert = new NpgsqlCommand(
                    $"INSERT INTO {table} (chain, seq, hash, prev, author, nonce, type, recorded_at, canonical_json) " +
                    "SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])",
                    connection);
                for (var c = 0; c < 9; c++)
                {
                    if (c == 1) insert.Parameters.AddWithValue(batch.Select(r => (long)r[1]).ToArray());
                    else insert.Parameters.AddWithValue(batch.Select(r => (string)r[c]).ToArray());
                }
                await insert.ExecuteNonQueryAsync();
            }
        }));
        clock.Stop();
        await Pg.ExecuteAsync(connectionString, $"DROP TABLE {table}");
        return rows.Count / clock.Elapsed.TotalSeconds;
    }
}
