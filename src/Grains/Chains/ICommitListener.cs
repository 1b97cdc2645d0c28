using Ddl.Store;

namespace Ddl.Grains.Chains;

/// <summary>
/// Told about every entry a chain grain on this silo has durably committed, right after the
/// commit and before the writer is acknowledged. Listeners must be quick and must not throw
/// (live feeds hand the entry on and return); the store, not a listener, is the truth, so a
/// listener that misses an entry is caught up from the store.
/// </summary>
public interface ICommitListener
{
    void OnCommitted(StoredEntry entry);
}
