using Ddl.Grains.Chains;
using Ddl.Grains.Wire;

namespace Ddl.Grains.Institutions;

/// <summary>An institution's chain: its registration, its keys over time, its suspension.</summary>
public interface IInstitutionGrain : IChainGrain
{
    /// <summary>May this institution sign with <paramref name="keyId"/> at <paramref name="recordedAt"/>?</summary>
    Task<KeyLookup> LookupKeyAsync(string keyId, string recordedAt);

    /// <summary>The institution as registered, or null when its chain is empty.</summary>
    Task<InstitutionView?> GetAsync();
}
