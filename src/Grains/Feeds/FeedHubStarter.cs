using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ddl.Grains.Feeds;

/// <summary>Attaches the silo's feed hub once the host (and so the silo) has started, retrying until it can.</summary>
internal sealed class FeedHubStarter(SiloFeedHub hub, IHostApplicationLifetime lifetime, ILogger<FeedHubStarter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await hub.EnsureAttachedAsync(stoppingToken);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The cluster may still be forming; subscriptions attach the hub themselves meanwhile.
                logger.LogWarning(e, "Feed hub could not attach yet; retrying");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }
}
