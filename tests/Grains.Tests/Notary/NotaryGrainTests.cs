using Ddl.Ledger;

namespace Ddl.Grains.Tests.Notary;

public sealed class NotaryGrainTests(NotaryClusterFixture fixture) : IClassFixture<NotaryClusterFixture>
{
    [Fact]
    public async Task the_notary_seals_what_the_cluster_commits_within_its_interval_and_signs_with_the_genesis_notary_key()
    {
        var before = await fixture.NotaryGrain.PingAsync();
        var entries = await fixture.AppendAsync(40);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (await fixture.Notary.UnsealedCountAsync() > 0 && clock.Elapsed < TimeSpan.FromSeconds(20))
            await Task.Delay(50);

        Assert.Equal(0, await fixture.Notary.UnsealedCountAsync());
        Assert.True(clock.Elapsed < NotaryClusterFixture.SealInterval + TimeSpan.FromSeconds(3), $"sealed after {clock.Elapsed}");
        var latest = (await fixture.Notary.LatestCheckpointAsync())!;
        Assert.Equal(before.Size + entries.Count, latest.Checkpoint.Size);
        Assert.Equal(fixture.Ledger.Genesis.LedgerId, latest.Checkpoint.Ledger);
        Assert.True(latest.Checkpoint.Verify(fixture.Ledger.Genesis.Notary, latest.Sig));
        foreach (var entry in entries)
            Assert.NotNull(await fixture.Notary.LeafIndexAsync(entry.Chain, entry.Seq));
    }

    [Fact]
    public async Task the_notary_answers_its_keep_alive_ping_while_it_seals_a_backlog()
    {
        // The silos' watchdogs give up on a ping after one seal interval (0.5 s), and sealing a
        // backlog after an outage takes longer than that: the ping must not wait for the seal.
        await fixture.AppendAsync(100_000);
        var seal = fixture.NotaryGrain.SealAsync();
        await Task.Delay(100); // a seal of 100,000 entries takes about half a second

        var status = await fixture.NotaryGrain.PingAsync();

        Assert.False(seal.IsCompleted, "the ping was answered only after the seal");
        Assert.Contains(status.Silo, fixture.Cluster.Silos.Select(s => s.SiloAddress.ToString()));
        Assert.True((await seal).Size >= 100_000);
    }

    [Fact]
    public async Task sealing_on_demand_covers_everything_committed_before_the_call()
    {
        var entries = await fixture.AppendAsync(25);

        var status = await fixture.NotaryGrain.SealAsync();

        var latest = (await fixture.Notary.LatestCheckpointAsync())!.Checkpoint;
        Assert.True(status.Size >= entries.Count);
        Assert.Equal(latest.Number, status.Checkpoint);
        foreach (var entry in entries)
            Assert.True(await fixture.Notary.LeafIndexAsync(entry.Chain, entry.Seq) < status.Size);
        Assert.Contains(status.Silo, fixture.Cluster.Silos.Select(s => s.SiloAddress.ToString()));
    }
}
