using Ddl.Grains.Institutions;
using Ddl.Grains.Patients;
using Ddl.Grains.Prescriptions;
using Ddl.Grains.Treatments;
using Ddl.Ledger;

namespace Ddl.Grains.Chains;

/// <summary>Finds the actor that owns a chain: each chain kind has its own grain type and rules.</summary>
public static class ChainRouter
{
    public static IChainGrain GetChain(this IGrainFactory grains, string chain)
    {
        var id = ChainId.Parse(chain);
        return id.Kind switch
        {
            ChainKind.Institution => grains.GetGrain<IInstitutionGrain>(id.Value),
            ChainKind.Patient => grains.GetGrain<IPatientGrain>(id.Value),
            ChainKind.Prescription => grains.GetGrain<IPrescriptionGrain>(id.Value),
            ChainKind.Treatment => grains.GetGrain<ITreatmentGrain>(id.Value),
            _ => throw new LedgerException(ErrorCodes.InvalidChainId, $"No actor owns chains of kind '{id.Kind}'."),
        };
    }
}
