using Ddl.Grains.Chains;
using Ddl.Grains.Wire;

namespace Ddl.Grains.Prescriptions;

/// <summary>The chain of one prescription; key is its chain id (prescription:&lt;local&gt;).</summary>
public interface IPrescriptionGrain : IChainGrain
{
    /// <summary>The prescription now, or null when it was never issued.</summary>
    Task<PrescriptionView?> GetAsync();
}
