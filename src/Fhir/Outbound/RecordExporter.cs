using Ddl.Grains.Patients;
using Ddl.Grains.Prescriptions;
using Ddl.Grains.Treatments;
using Ddl.Ledger;
using Ddl.Store;
using Hl7.Fhir.Model;

namespace Ddl.Fhir.Outbound;

/// <summary>
/// Reads chains (entries from the store, current state from the actors) and exports them as FHIR
/// collection Bundles: a patient's whole record, one prescription, or the resources one entry
/// created. Authorization is the caller's business (see <see cref="Gateway.FhirGateway"/>).
/// </summary>
public sealed class RecordExporter(IGrainFactory grains, IEntryStore store, TimeProvider clock)
{
    private const int Page = 500;

    /// <summary>Everything linked to the patient's chain, in link order.</summary>
    public async Task<Bundle> PatientAsync(string patientChain, CancellationToken ct = default)
    {
        var resources = new List<DomainResource>();
        foreach (var chain in await grains.GetGrain<IPatientGrain>(patientChain).GetLinkedChainsAsync())
        {
            resources.AddRange(await ChainAsync(chain, onlySeq: null, ct));
        }

        return Collection(resources);
    }

    public async Task<Bundle> DocumentAsync(string chain, CancellationToken ct = default) =>
        Collection(await ChainAsync(chain, onlySeq: null, ct));

    /// <summary>The resources that one entry stands for (what a FHIR submission created).</summary>
    public Task<IReadOnlyList<DomainResource>> EntryAsync(string chain, long seq, CancellationToken ct = default) =>
        ChainAsync(chain, seq, ct);

    private async Task<IReadOnlyList<DomainResource>> ChainAsync(string chain, long? onlySeq, CancellationToken ct)
    {
        var entries = await ReadAsync(chain, ct);
        if (entries.Count == 0)
        {
            return [];
        }

        var first = entries[0];
        var selected = onlySeq is { } seq ? entries.Where(e => e.Entry.Seq == seq) : entries;
        switch (ChainId.Parse(chain).Kind)
        {
            case ChainKind.Prescription when await grains.GetGrain<IPrescriptionGrain>(chain).GetAsync() is { } p:
                return selected.SelectMany(e => PrescriptionExport.Resources(e, p, first)).ToList();
            case ChainKind.Treatment when await grains.GetGrain<ITreatmentGrain>(chain).GetAsync() is { } t:
                return selected.SelectMany(e => TreatmentExport.Resources(e, t, first)).ToList();
            default:
                return [];
        }
    }

    private async Task<List<ChainEntry>> ReadAsync(string chain, CancellationToken ct)
    {
        var entries = new List<ChainEntry>();
        while (true)
        {
            var page = await store.ReadChainAsync(chain, entries.Count, Page, ct);
            entries.AddRange(page.Select(row => new ChainEntry(Entry.Parse(row.CanonicalJson), row.Hash)));
            if (page.Count < Page)
            {
                return entries;
            }
        }
    }

    private Bundle Collection(IEnumerable<DomainResource> resources)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Collection, Timestamp = clock.GetUtcNow() };
        foreach (var resource in resources)
        {
            bundle.Entry.Add(new Bundle.EntryComponent { Resource = resource });
        }

        return bundle;
    }
}
