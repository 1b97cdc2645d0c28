using System.Collections.Concurrent;
using Ddl.Ledger;
using Ddl.Store;
using Xunit.Abstractions;

namespace Ddl.Grains.Tests.Notary;

/// <summary>The silo hosting the notary dies under write load; sealing goes on elsewhere.</summary>
public sealed class NotaryFailoverTests(NotaryClusterFixture fixture, ITestOutputHelper output) : IClassFixture<NotaryClusterFixture>
{
    [Fact]
    public async Task killing_the_silo_that_hosts_the_notary_under_write_load_leaves_no_entry_unsealed_beyond_interval_plus_failure_detection()
    {
        var host = (await fixture.NotaryGrain.PingAsync()).Silo;
        var victim = fixture.Cluster.Silos.Single(s => s.SiloAddress.ToString() == host);
        var committed = new ConcurrentBag<(StoredEntry Entry, DateTimeOffset At)>();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var entry in await fixture.AppendAsync(20))
                    committed.Add((entry, DateTimeOffset.UtcNow));
                await Task.Delay(50);
            }
        });

        await Task.Delay(TimeSpan.FromSeconds(2));
        await fixture.Cluster.KillSiloAsync(victim);
        await Task.Delay(TimeSpan.FromSeconds(12));
        await stop.CancelAsync();
        await writer;

        var deadline = DateTime.UtcNow + NotaryClusterFixture.FailureDetection + TimeSpan.FromSeconds(10);
        while (await fixture.Notary.UnsealedCountAsync() > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        Assert.Equal(0, await fixture.Notary.UnsealedCountAsync());

        // Each entry's seal time is the sealedAt of the first checkpoint whose size covers its leaf.
        var checkpoints = new List<Checkpoint>();
        var latest = (await fixture.Notary.LatestCheckpointAsync())!.Checkpoint;
        for (var n = 1; n <= latest.Number; n++)
            checkpoints.Add((await fixture.Notary.GetCheckpointAsync(n))!.Checkpoint);
        var leaves = new HashSet<long>();
        var worst = TimeSpan.Zero;
        foreach (var (entry, at) in committed)
        {
            var leaf = (await fixture.Notary.LeafIndexAsync(entry.Chain, entry.Seq))!.Value;
            Assert.True(leaves.Add(leaf), $"leaf {leaf} was given twice");
            var sealedAt = LedgerTime.Parse(checkpoints.First(c => c.Size > leaf).SealedAt);
            worst = TimeSpan.FromTicks(Math.Max(worst.Ticks, (sealedAt - at).Ticks));
        }

        var allowed = NotaryClusterFixture.SealInterval + NotaryClusterFixture.FailureDetection;
        output.WriteLine($"{committed.Count} entries, {checkpoints.Count} checkpoints; the longest wait for a seal was {worst.TotalMilliseconds:0} ms");
        Assert.True(worst <= allowed, $"an entry waited {worst} for its seal; allowed {allowed}");
        var now = await fixture.NotaryGrain.PingAsync();
        Assert.NotEqual(host, now.Silo);
        Assert.True(committed.Count > 200, $"only {committed.Count} entries were written");
    }
}
