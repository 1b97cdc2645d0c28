using Ddl.Grains.Chains;
using Ddl.Grains.Wire;

namespace Ddl.Grains.Treatments;

/// <summary>The chain of one treatment sheet; key is its chain id (treatment:&lt;local&gt;).</summary>
public interface ITreatmentGrain : IChainGrain
{
    Task<TreatmentView?> GetAsync();
}
