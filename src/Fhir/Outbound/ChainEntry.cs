using Ddl.Ledger;

namespace Ddl.Fhir.Outbound;

/// <summary>An entry with the hash the store holds for it: what an exported resource points back to.</summary>
public sealed record ChainEntry(Entry Entry, string Hash)
{
    public Submission Submission => Entry.Submission;

    public LedgerReference Reference() => new(Entry.Chain, Entry.Seq, Hash, Entry.RecordedAt, Submission.Author, Submission.Key,
        Submission.Body["custodial"]?.GetValue<bool>() == true);
}
