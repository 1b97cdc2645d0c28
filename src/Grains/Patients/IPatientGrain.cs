using Ddl.Grains.Chains;
using Ddl.Grains.Wire;

namespace Ddl.Grains.Patients;

/// <summary>The chain of one (pseudonymous) patient: links to every prescription and treatment sheet issued to them.</summary>
public interface IPatientGrain : IChainGrain
{
    /// <summary>Writes the link to a document once; calling again returns the same receipt.</summary>
    Task<Receipt> LinkAsync(string chain, long seq, string hash, string type);

    /// <summary>The chains linked so far, in link order.</summary>
    Task<IReadOnlyList<string>> GetLinkedChainsAsync();
}
