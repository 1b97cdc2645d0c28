using Ddl.Store.Notary;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace Ddl.Grains.Notary;

/// <summary>
/// Seals on a grain timer (non-interleaved, so one seal at a time per activation; the store's
/// lock orders seals across activations during a partition). Three things bring it back when the
/// silo hosting it dies: a persistent reminder, the <see cref="NotaryWatchdog"/> of every silo,
/// and any call. Sealing is idempotent, so a seal cut short by a crash is simply done again.
/// </summary>
public sealed class NotaryGrain(INotaryStore store, NotarySigner signer, IOptions<NotaryOptions> options, ILocalSiloDetails silo, ILogger<NotaryGrain> logger)
    : Grain, INotaryGrain, IRemindable
{
    /// <summary>The one notary's key.</summary>
    public const long Key = 0;

    private const string KeepAliveReminder = "notary-keep-alive";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        // Due at once: a notary activated after a failover catches up without waiting a period.
        this.RegisterGrainTimer(SealTickAsync, new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.Zero,
            Period = settings.SealInterval,
            Interleave = false,
            KeepAlive = true,
        });
        try
        {
            await this.RegisterOrUpdateReminder(KeepAliveReminder, settings.NotaryReminderPeriod, settings.NotaryReminderPeriod, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The watchdogs keep the notary alive without it, so sealing goes on; but a cluster
            // without a reminder service is misconfigured, and an operator should hear of it.
            logger.LogError(e, "The notary could not register its keep-alive reminder; it relies on the silos' watchdogs alone");
        }

        logger.LogInformation("Notary active on {Silo}, sealing every {Interval}", silo.SiloAddress, settings.SealInterval);
        await base.OnActivateAsync(cancellationToken);
    }

    public async Task<NotaryStatus> SealAsync()
    {
        await SealAllAsync(CancellationToken.None);
        return await StatusAsync();
    }

    public Task<NotaryStatus> PingAsync() => StatusAsync();

    /// <summary>The reminder's only job is to have activated the grain, which has already happened.</summary>
    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;

    private async Task SealTickAsync(CancellationToken ct)
    {
        try
        {
            await SealAllAsync(ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Nothing was committed (a seal is one transaction): the entries wait for the next tick.
            logger.LogError(e, "Seal failed; the entries stay waiting and the next tick retries");
        }
    }

    private async Task SealAllAsync(CancellationToken ct)
    {
        var limit = options.Value.SealBatchLimit;
        while (await store.SealAsync(signer.Sign, limit, ct) is { } result)
        {
            logger.LogDebug("Sealed {Count} entries as checkpoint {Number} (size {Size})",
                result.Sealed, result.Checkpoint.Checkpoint.Number, result.Checkpoint.Checkpoint.Size);
            if (result.Sealed < limit)
            {
                break;
            }
        }
    }

    private async Task<NotaryStatus> StatusAsync()
    {
        var latest = await store.LatestCheckpointAsync();
        return new NotaryStatus(silo.SiloAddress.ToString(), latest?.Checkpoint.Number ?? 0, latest?.Checkpoint.Size ?? 0, latest?.Checkpoint.SealedAt);
    }
}
