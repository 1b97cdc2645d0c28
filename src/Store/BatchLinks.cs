namespace Ddl.Store;

/// <summary>
/// Entries of one chain that follow each other inside one batch (seq n and n + 1): a chain grain
/// hands its next entry to the writer before the previous one has committed, so both can meet in
/// a batch. The store must then never write n + 1 when it did not write n, or the chain would
/// have a gap that no later write can fill.
/// </summary>
internal static class BatchLinks
{
    /// <summary>Does any entry have its chain predecessor (same chain, seq − 1) in the batch too?</summary>
    public static bool HasLinks(IReadOnlyList<StoredEntry> entries)
    {
        if (entries.Count < 2)
            return false;
        var keys = new HashSet<(string, long)>(entries.Count);
        foreach (var e in entries)
            keys.Add((e.Chain, e.Seq));
        foreach (var e in entries)
            if (e.Seq > 0 && keys.Contains((e.Chain, e.Seq - 1)))
                return true;
        return false;
    }

    /// <summary>
    /// The entries that were written although their predecessor in the batch was not, by index;
    /// empty when the outcomes keep every chain gap-free. A predecessor counts as written when any
    /// entry of the batch with its (chain, seq) was (the batch may repeat a key; only one wins).
    /// </summary>
    public static List<int> Orphans(IReadOnlyList<StoredEntry> entries, IReadOnlyList<AppendOutcome?> outcomes)
    {
        var inBatch = new HashSet<(string, long)>(entries.Count);
        var written = new HashSet<(string, long)>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            inBatch.Add((entries[i].Chain, entries[i].Seq));
            if (outcomes[i] is AppendOutcome.Appended)
                written.Add((entries[i].Chain, entries[i].Seq));
        }

        var orphans = new List<int>();
        for (var i = 0; i < entries.Count; i++)
        {
            var before = (entries[i].Chain, entries[i].Seq - 1);
            if (outcomes[i] is AppendOutcome.Appended && inBatch.Contains(before) && !written.Contains(before))
                orphans.Add(i);
        }

        return orphans;
    }
}
