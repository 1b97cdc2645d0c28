using Ddl.Grains.Notary;
using Ddl.Ledger;
using GraphQL;
using Microsoft.Extensions.Options;

namespace Ddl.Api.Notary;

/// <summary>
/// The answer for an entry the notary has not sealed yet: code <c>NOT_SEALED_YET</c> and, in
/// <c>extensions.retryAfterSeconds</c>, when a checkpoint should cover it. An ExecutionError of our
/// own, so the hint reaches the client beside the code.
/// </summary>
public static class NotSealedYet
{
    /// <param name="why">What is not sealed, as a sentence without its full stop.</param>
    public static ExecutionError Error(IServiceProvider services, string why)
    {
        var interval = services.GetRequiredService<IOptions<NotaryOptions>>().Value.SealInterval;
        var retryAfter = Math.Max(1, (int)Math.Ceiling(interval.TotalSeconds));
        return new ExecutionError($"{why}; the notary seals every {interval.TotalSeconds:0.###} s, retry in {retryAfter} s.")
        {
            Code = ErrorCodes.NotSealedYet,
        }.AddExtension("retryAfterSeconds", retryAfter);
    }
}
