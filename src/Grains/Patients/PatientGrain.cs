using Ddl.Grains.Chains;
using Ddl.Grains.Trust;
using Ddl.Store;
using Microsoft.Extensions.Logging;

namespace Ddl.Grains.Patients;

public sealed class PatientGrain(IEntryStore store, LedgerTrust trust, TimeProvider clock, ILogger<PatientGrain> logger)
    : DocumentChainGrain(store, trust, clock, logger), IPatientGrain
{
    protected override string TypePrefix => "patient.";
}
