namespace Ddl.Grains.Chains;

/// <summary>What a chain's rules know about a submission besides its content.</summary>
/// <param name="RecordedAt">The time the ledger will record the entry at.</param>
/// <param name="AuthorKind">For institution authors: medical_centre, pharmacy or regulator; null otherwise.</param>
public sealed record SubmissionContext(DateTimeOffset RecordedAt, string? AuthorKind)
{
    public bool ByLedger(Ddl.Ledger.Submission s) => s.Author == Ddl.Ledger.Authors.Ledger;
}
