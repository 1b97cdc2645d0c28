using Ddl.Grains.Chains;
using Ddl.Grains.Trust;
using Ddl.Store;
using Microsoft.Extensions.Logging;

namespace Ddl.Grains.Prescriptions;

public sealed class PrescriptionGrain(IEntryStore store, LedgerTrust trust, TimeProvider clock, ILogger<PrescriptionGrain> logger)
    : DocumentChainGrain(store, trust, clock, logger), IPrescriptionGrain
{
    protected override string TypePrefix => "prescription.";
}
