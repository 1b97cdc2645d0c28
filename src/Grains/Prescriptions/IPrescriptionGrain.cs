using Ddl.Grains.Chains;

namespace Ddl.Grains.Prescriptions;

/// <summary>The chain of one prescription; key is its chain id (prescription:&lt;local&gt;).</summary>
public interface IPrescriptionGrain : IChainGrain
{
}
