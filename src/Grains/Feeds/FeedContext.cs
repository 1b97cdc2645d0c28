using Ddl.Store;
using Microsoft.Extensions.Options;

namespace Ddl.Grains.Feeds;

/// <summary>What every feed on a silo shares: its hub, the store to catch up from, the settings, the clock.</summary>
public sealed class FeedContext(SiloFeedHub hub, IEntryStore store, InstitutionRegions regions, IOptions<FeedOptions> options, TimeProvider clock)
{
    public SiloFeedHub Hub => hub;

    public IEntryStore Store => store;

    public FeedOptions Options => options.Value;

    public TimeProvider Clock => clock;

    internal FeedEnricher NewEnricher() => new(store, regions, capacity: 1_000);
}
