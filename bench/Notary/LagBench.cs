using System.Collections.Concurrent;
using System.Diagnostics;
using Ddl.Grains.Notary;
using Ddl.Ledger;
using Ddl.Store;
using Ddl.Store.Notary;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ddl.Bench.Notary;

/// <summary>
/// Seal lag under a steady write rate: a real silo runs the notary grain (timer every `Ddl:SealInterval`,
/// its default unless set) while a writer appends entries through the entry store at the target rate. Each
/// entry's lag is from the moment its append returned to the moment a checkpoint covering it was
/// first seen by a poller (every 20 ms), so the figure includes the poll's delay.
/// </summary>
public static class LagBench
{
    public sealed record Result(int Rate, double AchievedRate, TimeSpan Duration, TimeSpan Interval, int Entries, long Checkpoints, Stats Lag);

    public static async Task<Result> RunAsync(string server, int rate, TimeSpan duration, TextWriter log)
    {
        await using var db = await BenchDatabase.CreateAsync(server, "lag");
        using var key = SigningKey.Generate("notary-lag");
        using var system = SigningKey.Generate("system-lag");
        var genesis = new Genesis("ddl-bench", [new AuthorityKey("authority:bench", system.Public)], key.Public, system.Public);
        using var host = Host.CreateDefaultBuilder()
            .ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .UseOrleans(silo => silo.UseLocalhostClustering(FreePort(), FreePort()).UseInMemoryReminderService())
            .ConfigureServices(services =>
            {
                services.AddSingleton(db.Entries);
                services.AddSingleton(TimeProvider.System);
                services.AddLedgerNotary(db.Entries, key, genesis);
            })
            .Build();
        await host.StartAsync();
        var interval = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<NotaryOptions>>().Value.SealInterval;

        var firstSeen = new ConcurrentDictionary<long, DateTimeOffset>();
        using var stop = new CancellationTokenSource();
        var poller = Task.Run(() => PollAsync(db.Notary, firstSeen, stop.Token));

        // Batches every 20 ms: 50 commits a second, as many appends sharing commits would make.
        var batch = Math.Max(1, rate / 50);
        var committed = new List<(string Chain, long Seq, DateTimeOffset At)>();
        var clock = Stopwatch.StartNew();
        var n = 0;
        while (clock.Elapsed < duration)
        {
            var entries = SyntheticEntries.Make(batch, batch, $"l{n++}");
            await db.Entries.AppendBatchAsync(entries);
            var at = DateTimeOffset.UtcNow;
            committed.AddRange(entries.Select(e => (e.Chain, e.Seq, at)));
            var due = TimeSpan.FromSeconds((double)committed.Count / rate);
            if (due > clock.Elapsed)
                await Task.Delay(due - clock.Elapsed);
        }
        var writing = clock.Elapsed;
        log.WriteLine($"lag: wrote {committed.Count:N0} entries in {writing.TotalSeconds:0.0} s");

        while (await db.Notary.UnsealedCountAsync() > 0)
            await Task.Delay(50);
        await Task.Delay(100);
        await stop.CancelAsync();
        await poller;
        await host.StopAsync();

        var leaves = await LeavesAsync(db.ConnectionString);
        var checkpoints = await CheckpointSizesAsync(db.ConnectionString);
        var lags = committed.Select(e =>
        {
            var leaf = leaves[(e.Chain, e.Seq)];
            var number = checkpoints.First(c => c.Size > leaf).Number;
            return (firstSeen[number] - e.At).TotalMilliseconds;
        });
        return new Result(rate, committed.Count / writing.TotalSeconds, writing, interval, committed.Count, checkpoints.Count, new Stats(lags));
    }

    private static async Task PollAsync(INotaryStore notary, ConcurrentDictionary<long, DateTimeOffset> firstSeen, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (await notary.LatestCheckpointAsync(CancellationToken.None) is { } latest)
            {
                // Checkpoints can follow each other within one poll; each is first seen now.
                var n = latest.Checkpoint.Number;
                while (n >= 1 && firstSeen.TryAdd(n, DateTimeOffset.UtcNow))
                    n--;
            }
            await Task.Delay(20, CancellationToken.None);
        }
    }

    private static async Task<Dictionary<(string, long), long>> LeavesAsync(string connectionString)
    {
        var leaves = new Dictionary<(string, long), long>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT e.chain, e.seq, l.leaf_index FROM ddl_leaves l JOIN ddl_entries e ON e.position = l.position", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            leaves[(reader.GetString(0), reader.GetInt64(1))] = reader.GetInt64(2);
        return leaves;
    }

    private static async Task<List<(long Number, long Size)>> CheckpointSizesAsync(string connectionString)
    {
        var sizes = new List<(long, long)>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT number, size FROM ddl_checkpoints ORDER BY number", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            sizes.Add((reader.GetInt64(0), reader.GetInt64(1)));
        return sizes;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
