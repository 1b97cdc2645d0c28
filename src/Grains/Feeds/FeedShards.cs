namespace Ddl.Grains.Feeds;

/// <summary>Which shard carries a chain: a hash that is the same in every process (string.GetHashCode is not).</summary>
internal static class FeedShards
{
    public static int Of(string chain, int shards)
    {
        // FNV-1a, 32 bits.
        var hash = 2166136261u;
        foreach (var c in chain)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)shards);
    }
}
