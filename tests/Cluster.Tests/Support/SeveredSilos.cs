using System.Collections.Concurrent;
using Orleans.Runtime;

namespace Ddl.Cluster.Tests.Support;

/// <summary>
/// The silos of one test cluster whose membership table has been cut. Keyed by silo address
/// (address, port and generation): the harness reuses silo names for silos started later.
/// </summary>
public sealed class SeveredSilos
{
    private readonly ConcurrentDictionary<SiloAddress, bool> _severed = new();

    public void Sever(SiloAddress silo) => _severed[silo] = true;

    public bool IsSevered(SiloAddress silo) => _severed.ContainsKey(silo);
}
