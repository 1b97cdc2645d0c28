using Ddl.Store.Notary;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ddl.Grains.Feeds;

/// <summary>
/// Notices new notary checkpoints for this silo's checkpoint feeds. The notary seals every few
/// seconds on whichever silo hosts it and announces nothing, so one loop per silo reads the latest
/// checkpoint every <see cref="FeedOptions.CheckpointPoll"/> while any feed is waiting, and wakes
/// them all: one small query per silo and period, whatever the number of subscribers.
/// </summary>
public sealed class CheckpointWatcher(INotaryStore notary, IOptions<FeedOptions> options, ILogger<CheckpointWatcher> logger)
{
    private readonly Lock gate = new();
    private TaskCompletionSource newer = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long latest;
    private int waiters;
    private bool polling;

    /// <summary>Returns once a checkpoint numbered above <paramref name="number"/> is known to exist.</summary>
    public async Task WaitBeyondAsync(long number, CancellationToken ct)
    {
        while (true)
        {
            Task signal;
            lock (gate)
            {
                if (latest > number)
                {
                    return;
                }

                signal = newer.Task;
                waiters++;
                if (!polling)
                {
                    polling = true;
                    _ = Task.Run(PollAsync, CancellationToken.None);
                }
            }

            try
            {
                await signal.WaitAsync(ct);
            }
            finally
            {
                lock (gate)
                {
                    waiters--;
                }
            }
        }
    }

    private async Task PollAsync()
    {
        while (true)
        {
            lock (gate)
            {
                if (waiters == 0)
                {
                    polling = false;
                    return;
                }
            }

            try
            {
                if (await notary.LatestCheckpointAsync() is { } found)
                {
                    TaskCompletionSource? wake = null;
                    lock (gate)
                    {
                        if (found.Checkpoint.Number > latest)
                        {
                            latest = found.Checkpoint.Number;
                            wake = newer;
                            newer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                        }
                    }

                    wake?.TrySetResult();
                }
            }
            catch (Exception e)
            {
                // Waiting feeds keep waiting; the next period tries again.
                logger.LogWarning(e, "Could not read the latest checkpoint");
            }

            await Task.Delay(options.Value.CheckpointPoll);
        }
    }
}
