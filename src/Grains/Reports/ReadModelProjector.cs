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
                while (await model.ProjectPendingAsync(options.BatchSize, stoppingToken) > 0)
                {
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "The read model could not be brought up to date this round; retrying");
            }

            try
            {
                await nudge.WaitAsync(options.PollInterval, stoppingToken);
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

    public int BatchSize { get; set; } = 500;
}
