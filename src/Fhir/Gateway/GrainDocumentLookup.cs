using Ddl.Fhir.Inbound;
using Ddl.Grains.Prescriptions;
using Ddl.Grains.Treatments;
using Ddl.Grains.Wire;

namespace Ddl.Fhir.Gateway;

/// <summary>The documents' current state, from their actors.</summary>
public sealed class GrainDocumentLookup(IGrainFactory grains) : IDocumentLookup
{
    public Task<PrescriptionView?> PrescriptionAsync(string chain) => grains.GetGrain<IPrescriptionGrain>(chain).GetAsync();

    public Task<TreatmentView?> TreatmentAsync(string chain) => grains.GetGrain<ITreatmentGrain>(chain).GetAsync();
}
