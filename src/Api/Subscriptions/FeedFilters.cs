using Ddl.Store;

namespace Ddl.Api.Subscriptions;

internal static class FeedFilters
{
    /// <summary>Entries a prescription feed must look at while catching up: all of a prescription chain, so its history stays folded.</summary>
    public static bool IsPrescription(StoredEntry row) => row.Chain.StartsWith("prescription:", StringComparison.Ordinal);
}
