using System.Text.Json.Nodes;
using Ddl.Grains.Chains;
using Ddl.Grains.Feeds;
using Ddl.Grains.Prescriptions;
using Ddl.Grains.Wire;
using Ddl.Ledger;
using Ddl.Tests.Support;
using static Ddl.Tests.Support.Prescribing;

namespace Ddl.Grains.Tests;

/// <summary>The live feeds across a 3-silo cluster: fan-out to every silo, repair after a shard restart, slow subscribers.</summary>
[Collection(FeedClusterCollection.Name)]
public sealed class FeedClusterTests(FeedClusterFixture fixture)
{
    private sealed record Institution(string Id, SigningKey Key);

    private async Task<Institution> RegisterAsync(string kind)
    {
        var id = TestLedger.NewId("institution");
        var key = SigningKey.Generate("k1");
        await fixture.Grains.GetChain(id).SubmitAsync(fixture.Ledger.Registration(id, kind, key));
        return new Institution(id, key);
    }

    private Task<Receipt> SubmitAsync(Institution who, string chain, string type, JsonObject body) =>
        fixture.Grains.GetChain(chain).SubmitAsync(TestLedger.Sign(who.Key, who.Id, chain, type, body));

    private async Task<(Institution Pharmacy, string Rx, Receipt Issued)> PrescriptionAsync()
    {
        var centre = await RegisterAsync("medical_centre");
        var pharmacy = await RegisterAsync("pharmacy");
        var rx = TestLedger.NewId("prescription");
        var issued = await SubmitAsync(centre, rx, PrescriptionEvents.Issued, Issue(TestLedger.NewId("patient"), TimeSpan.FromDays(30), Item("N02BE01", "Paracetamol 500 mg", 1000)));
        return (pharmacy, rx, issued);
    }

    private Task<Receipt> DispenseAsync(Institution pharmacy, string rx) =>
        SubmitAsync(pharmacy, rx, PrescriptionEvents.Dispensed, Dispense(0, 1, 1, "N02BE01", "Paracetamol 500 mg"));

    private static LogFeed PharmacyFeed(FeedContext silo, Institution pharmacy) =>
        new(silo, "party:" + pharmacy.Id, e => e.Chain.StartsWith("prescription:", StringComparison.Ordinal),
            e => e.Prescription?.Pharmacies.Contains(pharmacy.Id) == true, resumeFrom: null);

    /// <summary>
    /// Feeds start where the store stands once they are set up: write only after each has caught up
    /// with the store and follows the live events (being filed with its hub is not enough: an entry
    /// committed during its first store read would reach it from the store, not live).
    /// </summary>
    private static async Task WaitUntilLiveAsync(params IEnumerable<LiveFeed> feeds)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!feeds.All(f => f.IsLive))
        {
            Assert.True(DateTime.UtcNow < deadline, "the feeds were not live in time");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task entries_committed_on_one_silo_reach_the_feeds_of_every_silo_in_chain_order()
    {
        var (pharmacy, rx, issued) = await PrescriptionAsync();
        var chainFeeds = fixture.Feeds.Select(silo => new ChainFeed(silo, rx, fromSeq: null)).ToList();
        var pharmacyFeeds = fixture.Feeds.Select(silo => PharmacyFeed(silo, pharmacy)).ToList();
        var chains = chainFeeds.Select(feed => new FeedCollector(feed)).ToList();
        var pharmacies = pharmacyFeeds.Select(feed => new FeedCollector(feed)).ToList();
        await WaitUntilLiveAsync([.. chainFeeds, .. pharmacyFeeds]);

        var dispensed = new List<Receipt>();
        for (var i = 0; i < 5; i++)
        {
            dispensed.Add(await DispenseAsync(pharmacy, rx));
        }

        // The prescription's grain lives on one silo: the other two get its entries across the cluster.
        foreach (var collector in chains)
        {
            var events = await collector.WaitForAsync(5);
            Assert.Equal(dispensed.Select(r => (r.Seq, r.Hash)), events.Select(d => (d.Event.Seq, d.Event.Hash)));
            Assert.All(events, d => Assert.False(d.Replayed));
            Assert.Equal(issued.Hash, events[0].Event.Prev);
            Assert.Equal([pharmacy.Id], events[0].Event.Prescription!.Pharmacies);
        }

        foreach (var collector in pharmacies)
        {
            var events = await collector.WaitForAsync(5);
            Assert.Equal(dispensed.Select(r => r.Seq), events.Select(d => d.Event.Seq));
            Assert.All(events, d => Assert.Equal(pharmacy.Id, d.Event.Dispensing!.Pharmacy));
            Assert.NotNull(events[^1].Cursor);
        }

        await Task.Delay(200);
        Assert.All(chains.Concat(pharmacies), c => Assert.Equal(5, c.Received.Count));
        chains.Concat(pharmacies).ToList().ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task events_lost_while_the_shards_restart_reach_every_silo_once_the_hubs_repair_from_the_store()
    {
        var (pharmacy, rx, _) = await PrescriptionAsync();
        var feeds = fixture.Feeds.Select(silo => PharmacyFeed(silo, pharmacy)).ToList();
        var collectors = feeds.Select(feed => new FeedCollector(feed)).ToList();
        await WaitUntilLiveAsync(feeds);

        var first = await DispenseAsync(pharmacy, rx);
        foreach (var collector in collectors)
        {
            await collector.WaitForAsync(1);
        }

        // Restarted shards have no hub to pass events on to until the hubs renew: the live path loses these.
        var repairsBefore = fixture.Feeds.Select(f => f.Hub.Repairs).ToList();
        var shards = fixture.Feeds[0].Options.Shards;
        for (var shard = 0; shard < shards; shard++)
        {
            await fixture.Cluster.DeactivateAsync(fixture.Grains.GetGrain<IFeedShardGrain>(shard));
        }

        var later = new List<Receipt> { first };
        for (var i = 0; i < 3; i++)
        {
            later.Add(await DispenseAsync(pharmacy, rx));
        }

        foreach (var collector in collectors)
        {
            var events = await collector.WaitForAsync(4);
            Assert.Equal(later.Select(r => (r.Seq, r.Hash)), events.Select(d => (d.Event.Seq, d.Event.Hash)));
        }

        Assert.All(fixture.Feeds.Select((f, i) => (f.Hub.Repairs, repairsBefore[i])), r => Assert.True(r.Item1 > r.Item2, "every hub should have repaired"));
        await Task.Delay(300);
        Assert.All(collectors, c => Assert.Equal(4, c.Received.Count));
        collectors.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task a_subscriber_that_stops_reading_is_told_it_is_too_slow_and_the_others_on_its_silo_keep_up()
    {
        var (pharmacy, rx, _) = await PrescriptionAsync();
        var silo = fixture.Feeds[1];
        var stalledFeed = new ChainFeed(silo, rx, fromSeq: null);
        var healthyFeed = new ChainFeed(silo, rx, fromSeq: null);
        var stalled = new FeedCollector(stalledFeed, stalled: true);
        var healthy = new FeedCollector(healthyFeed);
        await WaitUntilLiveAsync(stalledFeed, healthyFeed);

        var count = FeedClusterFixture.DeliveryBuffer + 20;
        for (var i = 0; i < count; i++)
        {
            await DispenseAsync(pharmacy, rx);
        }

        Assert.Equal(count, (await healthy.WaitForAsync(count)).Count);
        stalled.Release();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (stalled.Error is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal(ErrorCodes.SlowConsumer, Assert.IsType<LedgerException>(stalled.Error).Code);
        Assert.True(stalled.Received.Count <= FeedClusterFixture.DeliveryBuffer + 1);
        stalled.Dispose();
        healthy.Dispose();
    }
}
