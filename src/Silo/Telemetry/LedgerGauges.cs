using System.Diagnostics.Metrics;
using System.Globalization;
using Ddl.Grains.Feeds;
using Ddl.Store.Notary;

namespace Ddl.Silo.Telemetry;

/// <summary>
/// Gauges read from state this silo can see: the notary's backlog (entries committed but not yet in
/// a checkpoint, and how long the newest checkpoint is behind them) and the live feeds this silo
/// serves. Seal figures come from the store, so every silo reports the same cluster-wide values
/// wherever the notary grain lives; they are sampled every few seconds because a gauge callback
/// cannot wait for a database.
/// </summary>
public sealed class LedgerGauges : BackgroundService
{
    public const string MeterName = "Ddl.Silo";

    private static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    private readonly INotaryStore notary;
    private readonly ILogger<LedgerGauges> logger;
    private readonly Meter meter = new(MeterName);
    private long unsealed;
    private double lagSeconds;

    public LedgerGauges(INotaryStore notary, SiloFeedHub feeds, ILogger<LedgerGauges> logger)
    {
        this.notary = notary;
        this.logger = logger;
        meter.CreateObservableGauge("ddl.notary.unsealed", () => Interlocked.Read(ref unsealed), "{entry}",
            "Entries committed but not yet sealed into a checkpoint");
        meter.CreateObservableGauge("ddl.notary.seal_lag", () => Volatile.Read(ref lagSeconds), "s",
            "While entries wait to be sealed: seconds since the newest checkpoint was signed; 0 when nothing waits");
        meter.CreateObservableGauge("ddl.feeds.active", () => feeds.FeedCount, "{subscription}",
            "Live feeds (GraphQL subscriptions) this silo serves");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        do
        {
            try
            {
                await SampleAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A database blip leaves the last values in place; the next tick tries again.
                logger.LogDebug(e, "Sampling the notary's backlog failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task SampleAsync(CancellationToken ct)
    {
        var waiting = await notary.UnsealedCountAsync(ct);
        var latest = waiting > 0 ? await notary.LatestCheckpointAsync(ct) : null;
        var lag = 0.0;
        if (waiting > 0 && latest is not null
            && DateTimeOffset.TryParse(latest.Checkpoint.SealedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sealedAt))
        {
            lag = Math.Max(0, (DateTimeOffset.UtcNow - sealedAt).TotalSeconds);
        }
        Interlocked.Exchange(ref unsealed, waiting);
        Volatile.Write(ref lagSeconds, lag);
    }

    public override void Dispose()
    {
        meter.Dispose();
        base.Dispose();
    }
}
