using Ddl.Grains.Chains;
using Ddl.Grains.Trust;
using Ddl.Store;
using Microsoft.Extensions.Logging;

namespace Ddl.Grains.Treatments;

public sealed class TreatmentGrain(IEntryStore store, LedgerTrust trust, TimeProvider clock, ILogger<TreatmentGrain> logger)
    : DocumentChainGrain(store, trust, clock, logger), ITreatmentGrain
{
    protected override string TypePrefix => "treatment.";
}
