using Ddl.Grains.Chains;

namespace Ddl.Grains.Treatments;

/// <summary>The chain of one treatment; key is its chain id (treatment:&lt;local&gt;).</summary>
public interface ITreatmentGrain : IChainGrain
{
}
