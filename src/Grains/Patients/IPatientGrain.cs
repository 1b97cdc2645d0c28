using Ddl.Grains.Chains;

namespace Ddl.Grains.Patients;

/// <summary>The chain of one patient; key is its chain id (patient:&lt;local&gt;).</summary>
public interface IPatientGrain : IChainGrain
{
}
