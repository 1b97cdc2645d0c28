using System.Runtime.CompilerServices;
using Ddl.Grains.Institutions;
using Ddl.Grains.Patients;
using Ddl.Grains.Prescriptions;
using Ddl.Grains.Treatments;
using Ddl.Ledger;

namespace Ddl.Grains.Chains;

/// <summary>Finds the actor that owns a chain: each chain kind has its own grain type and rules.</summary>
public static class ChainRouter
{
    // GetGrain<TInterface>(key) works out the interface's type id by reflection on every call
    // (about 1 % of a single-entry submission's CPU in bench/Write). The ids of a factory never
    // change, so each kind's pair is taken once from a first reference and reused.
    private static readonly ConditionalWeakTable<IGrainFactory, Route[]> Routes = new();

    public static IChainGrain GetChain(this IGrainFactory grains, string chain)
    {
        var id = ChainId.Parse(chain);
        var route = Routes.GetValue(grains, Resolve)[(int)id.Kind];
        return (IChainGrain)grains.GetGrain(GrainId.Create(route.Grain, id.Value), route.Interface);
    }

    private static Route[] Resolve(IGrainFactory grains)
    {
        var kinds = Enum.GetValues<ChainKind>();
        var routes = new Route[kinds.Length];
        foreach (var kind in kinds)
        {
            // Any key will do: only the reference's types are kept.
            IChainGrain probe = kind switch
            {
                ChainKind.Institution => grains.GetGrain<IInstitutionGrain>("-"),
                ChainKind.Patient => grains.GetGrain<IPatientGrain>("-"),
                ChainKind.Prescription => grains.GetGrain<IPrescriptionGrain>("-"),
                ChainKind.Treatment => grains.GetGrain<ITreatmentGrain>("-"),
                _ => throw new LedgerException(ErrorCodes.InvalidChainId, $"No actor owns chains of kind '{kind}'."),
            };
            var reference = (GrainReference)probe;
            routes[(int)kind] = new Route(reference.GrainId.Type, reference.InterfaceType);
        }

        return routes;
    }

    private readonly record struct Route(GrainType Grain, GrainInterfaceType Interface);
}
