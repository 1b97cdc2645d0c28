namespace Ddl.Grains.Feeds;

/// <summary>Tuning of the live feeds (configuration section <c>Ddl:Feeds</c>); the defaults suit a cluster of a few silos.</summary>
public sealed class FeedOptions
{
    public const string Section = "Ddl:Feeds";

    /// <summary>
    /// How many shard grains carry the committed entries between silos. A chain always goes through
    /// the same shard, which keeps its entries in order; more shards spread the load over more grains.
    /// </summary>
    public int Shards { get; set; } = 8;

    /// <summary>Most entries a publisher hands to a shard in one call (it sends whatever has queued up, up to this).</summary>
    public int MaxBatch { get; set; } = 256;

    /// <summary>How long a shard keeps a silo's hub without hearing from it (the hub renews well before).</summary>
    public TimeSpan ObserverExpiry { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often a silo's hub renews its place at every shard and checks the cluster for lost silos.</summary>
    public TimeSpan RenewPeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How far back a multi-chain feed without a cursor starts: the entries committed this long before
    /// the subscription are included, so one made just before a write never loses the race to it.
    /// </summary>
    public TimeSpan StartGrace { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How far back a hub re-reads the store when it may have missed events (a shard restarted, a
    /// batch went missing, a silo left the cluster): longer than it takes the cluster to notice a dead silo.
    /// </summary>
    public TimeSpan RepairLookback { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long after an entry is delivered every entry with a lower store position is taken to have
    /// committed and been delivered too. PostgreSQL draws positions at insert and commits them out of
    /// order for a few milliseconds; this is the margin a multi-chain cursor keeps for that.
    /// </summary>
    public TimeSpan Settle { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How many events may wait for one subscriber's GraphQL execution before it is told it is too slow
    /// (SLOW_CONSUMER); the transport bounds what waits for the socket on its own.
    /// </summary>
    public int DeliveryBuffer { get; set; } = 4096;

    /// <summary>How often a silo looks for a new notary checkpoint while it has checkpoint subscribers.</summary>
    public TimeSpan CheckpointPoll { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How many live events a subscription holds while it catches up from the store before it falls back to the store alone.</summary>
    public int CatchUpBuffer { get; set; } = 10_000;

    /// <summary>
    /// How many chains a silo's hub remembers the last delivered seq of. A chain it has forgotten
    /// costs a store read when its next entry arrives (to check that none before it is missing), so
    /// this should cover the chains written to within a few minutes. About 150 bytes each: with
    /// 1,000,000 chains written in turn, 100,000 made every event a store read (bench/Write scaling).
    /// </summary>
    public int OrderedChains { get; set; } = 1_000_000;
}
