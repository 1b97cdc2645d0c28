using Orleans.Concurrency;

namespace Ddl.Grains.Notary;

/// <summary>
/// The notary (one per cluster, key <see cref="NotaryGrain.Key"/>): every half second it appends
/// every entry committed since the last seal to the global Merkle log and signs a checkpoint
/// (PROTOCOL.md section 5). It seals on its own; the methods are for operators and tests.
/// </summary>
public interface INotaryGrain : IGrainWithIntegerKey
{
    /// <summary>Seals everything waiting now (in several checkpoints if it is a lot) and reports the log.</summary>
    Task<NotaryStatus> SealAsync();

    /// <summary>
    /// Activates the notary if it is not running (its keep-alive) and reports the log. Answered
    /// even while a seal runs: it reads only the store's latest checkpoint, and the silos'
    /// watchdogs give up on a ping after one seal interval, which a long catch-up seal outlasts.
    /// </summary>
    [AlwaysInterleave]
    Task<NotaryStatus> PingAsync();
}
