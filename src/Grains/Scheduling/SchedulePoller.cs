using Ddl.Grains.Chains;
using Ddl.Store.Schedule;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ddl.Grains.Scheduling;

/// <summary>
/// Hands due work (expiries, links left behind by a crash) to the chain actors. Every silo polls;
/// the work is idempotent and each chain's actor is single-threaded, so two silos finding the same
/// row do it once. The row is the durable part: a crash anywhere only delays the work.
/// </summary>
public sealed class SchedulePoller(IScheduleStore schedule, IGrainFactory grains, TimeProvider clock, ScheduleOptions options, ILogger<SchedulePoller> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.PollInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunDueAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Scheduled work could not be run this round; retrying next round");
            }
        }
    }

    /// <summary>Runs every piece of work due now; returns how many were handed out.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        var due = await schedule.DueAsync(clock.GetUtcNow(), options.BatchSize, ct);
        await Task.WhenAll(due.Select(async work =>
        {
            try
            {
                await grains.GetChain(work.Chain).RunScheduledAsync(work.Kind);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Scheduled {Kind} for {Chain} failed; it stays scheduled", work.Kind, work.Chain);
            }
        }));
        return due.Count;
    }
}

public sealed class ScheduleOptions
{
    public const string Section = "Ddl:Schedule";

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    public int BatchSize { get; set; } = 500;
}
