using Ddl.Grains.Chains;
using Ddl.Store;
using Ddl.Store.Reports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ddl.Grains.Reports;

/// <summary>
/// Keeps the read model up to date on this silo: drains the projection outbox whenever a chain on
/// this silo commits (the nudge) and at least every <see cref="ReportOptions.PollInterval"/>
/// (entries committed on other silos, nudges lost). The outbox, not the nudge, is the truth, and
/// every silo may drain it: the projection lock lets one at a time.
/// </summary>
public sealed class ReadModelProjector(ReadModel model, ReportOptions options, ILogger<ReadModelProjector> logger)
    : BackgroundService, ICommitListener
{
    private readonly SemaphoreSlim nudge = new(0, 1);

    public void OnCommitted(StoredEntry entry)
    {
        if (nudge.CurrentCount == 0)
        {
            try
            {
                nudge.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another commit nudged first between the check and the release: one nudge is enough.
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // A round that found less than a full batch emptied the outbox as of its snapshot;
                // whatever committed since has nudged again, so no extra query to find nothing.
                while (await model.ProjectPendingAsync(options.BatchSize, stoppingToken) == options.BatchSize)
                {
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "The read model could not be brought up to date this round; retrying");
            }

            try
            {
                if (await nudge.WaitAsync(options.PollInterval, stoppingToken) && options.Coalesce > TimeSpan.Zero)
                {
                    // Let the commits of the next few milliseconds join this round: under a stream of
                    // small commits a round per commit cost PostgreSQL a transaction (and an fsync)
                    // for every one or two entries.
                    await Task.Delay(options.Coalesce, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}

public sealed class ReportOptions
{
    public const string Section = "Ddl:Reports";

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a nudged projector waits for more commits before its round: the read model's added lag.</summary>
    public TimeSpan Coalesce { get; set; } = TimeSpan.FromMilliseconds(10);

    public int BatchSize { get; set; } = 500;
}
