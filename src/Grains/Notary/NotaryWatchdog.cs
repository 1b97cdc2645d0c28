using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ddl.Grains.Notary;

/// <summary>
/// Every silo pings the notary once per seal interval, from the moment the silo has started. A
/// ping activates the notary wherever Orleans places it, so after the silo hosting it dies the
/// notary is back as soon as the cluster has declared that silo dead, whatever the reminder
/// period (Orleans allows no reminder under a minute by default) and even if the reminder
/// service itself lost its state with the dead silo.
/// </summary>
public sealed class NotaryWatchdog(IGrainFactory grains, IOptions<NotaryOptions> options, IHostApplicationLifetime lifetime, ILogger<NotaryWatchdog> logger)
    : BackgroundService
{
    private const int QuietFailures = 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Pinging stops as soon as the host begins to shut down, before the silo itself stops:
        // a ping then would only be refused by a silo on its way out.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lifetime.ApplicationStopping);
        var stop = stopping.Token;
        try
        {
            await PingEachPeriodAsync(stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            logger.LogDebug("The notary watchdog stops with the host");
        }
    }

    private async Task PingEachPeriodAsync(CancellationToken stop)
    {
        // Grain calls work once the silo is up and has told the cluster its grain types: wait for
        // the host to have started, then a period more.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stop);
        }

        var period = options.Value.SealInterval;
        using var timer = new PeriodicTimer(period);
        var failures = 0;
        while (await timer.WaitForNextTickAsync(stop))
        {
            try
            {
                // A ping stuck on a silo that just died is abandoned after one period (it times
                // out by itself later); the next ping goes to wherever the notary lives by then.
                await grains.GetGrain<INotaryGrain>(NotaryGrain.Key).PingAsync().WaitAsync(period, stop);
                failures = 0;
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                // A few misses are normal while a dead silo is being declared dead.
                failures++;
                logger.Log(failures >= QuietFailures ? LogLevel.Warning : LogLevel.Debug, e,
                    "The notary did not answer its keep-alive ping ({Failures} in a row)", failures);
            }
        }
    }
}
