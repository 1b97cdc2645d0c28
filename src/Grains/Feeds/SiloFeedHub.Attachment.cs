using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Ddl.Grains.Feeds;

/// <summary>
/// Attaching to the shards and renewing. A hub attaches when its silo starts (see
/// <see cref="FeedHubStarter"/>) and stays attached: it then always knows the store's recent head,
/// so a subscription made at any moment starts in the right place, and each event costs a silo
/// without subscribers one cheap dispatch.
/// </summary>
public sealed partial class SiloFeedHub
{
    private readonly DispatchState dispatch;
    private int renewing;

    /// <summary>Call under <see cref="attachGate"/>.</summary>
    private async Task AttachAsync(CancellationToken ct)
    {
        // Created once: grain calls from outside a grain (this is the web tier) may make observer references.
        reference ??= grains.CreateObjectReference<IFeedObserver>(this);
        dispatch.Reset(0);
        await Task.WhenAll(Enumerable.Range(0, options.Shards).Select(shard => grains.GetGrain<IFeedShardGrain>(shard).SubscribeAsync(reference)));
        // Read after subscribing: whatever commits from now on reaches this hub live, the rest is below the head.
        var head = await StoreHead.LastPositionAsync(store, ct);
        dispatch.Reset(head);
        lock (dispatchGate)
        {
            chains.Clear();
            shardOrder.Clear();
        }

        knownSilos = await ActiveSilosAsync();
        attached = true;
        renewal ??= clock.CreateTimer(_ => _ = RenewAsync(), null, options.RenewPeriod, options.RenewPeriod);
        logger.LogInformation("Feed hub attached to {Shards} shards at store position {Head}", options.Shards, head);
    }

    private async Task RenewAsync()
    {
        if (Interlocked.Exchange(ref renewing, 1) == 1)
        {
            return;
        }

        await attachGate.WaitAsync();
        try
        {
            if (!attached)
            {
                return;
            }

            var renewed = await Task.WhenAll(Enumerable.Range(0, options.Shards).Select(shard => grains.GetGrain<IFeedShardGrain>(shard).SubscribeAsync(reference!)));
            if (renewed.Contains(false))
            {
                RequestRepair("a shard had forgotten this silo (it restarted)");
            }

            var silos = await ActiveSilosAsync();
            if (knownSilos.Except(silos).Any())
            {
                // A silo that left may have committed entries it never got to publish.
                RequestRepair("a silo left the cluster");
            }

            knownSilos = silos;
        }
        catch (Exception e)
        {
            // A timer callback has no caller to tell: log it, and the next period tries again.
            logger.LogWarning(e, "Feed hub could not renew its shard subscriptions; trying again in {Period}", options.RenewPeriod);
        }
        finally
        {
            attachGate.Release();
            Volatile.Write(ref renewing, 0);
        }
    }

    private async Task<HashSet<string>> ActiveSilosAsync()
    {
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        return hosts.Keys.Select(silo => silo.ToParsableString()).ToHashSet(StringComparer.Ordinal);
    }
}
