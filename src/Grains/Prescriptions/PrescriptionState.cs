using Ddl.Grains.Chains;
using Ddl.Ledger;

namespace Ddl.Grains.Prescriptions;

/// <summary>
/// A prescription as its chain says it is: what was prescribed, every issue and dispensing, the
/// pharmacy's claim, cancellations and expiry. Folded from entries; the rules that judge a new
/// submission against it are in <see cref="PrescriptionRules"/>.
/// </summary>
public sealed class PrescriptionState
{
    public string? Issuer { get; private set; }

    public string? Patient { get; private set; }

    public DateTimeOffset ValidFrom { get; private set; }

    public DateTimeOffset ValidUntil { get; private set; }

    public List<ItemState> Items { get; } = [];

    public string? ClaimedBy { get; private set; }

    public DateTimeOffset ClaimedAt { get; private set; }

    public bool Expired { get; private set; }

    public bool IsIssued => Issuer is not null;

    /// <summary>Type and author of every entry by seq, so corrections can be checked against what they correct.</summary>
    public Dictionary<long, (string Type, string Author)> Entries { get; } = [];

    /// <summary>Every dispensing by the seq of its entry (corrections may change its quantity).</summary>
    public Dictionary<long, DispenseRecord> Dispenses { get; } = [];

    public bool AllItemsClosed => Items.All(i => i.IsClosed);

    public bool ClaimHeldByOther(string pharmacy, DateTimeOffset at, TimeSpan timeout) =>
        ClaimedBy is not null && ClaimedBy != pharmacy && at < ClaimedAt + timeout;

    public string Status => !IsIssued ? "none"
        : Items.All(i => i.Cancelled) ? "cancelled"
        : Expired ? "expired"
        : Items.All(i => i.IsClosed) ? "dispensed"
        : Items.Any(i => i.Issues.Count > 0) ? "partly_dispensed"
        : ClaimedBy is not null ? "with_dispenser"
        : "active";

    public void Apply(Entry entry)
    {
        var s = entry.Submission;
        var body = new BodyReader(s.Body);
        var at = LedgerTime.Parse(entry.RecordedAt);
        Entries[entry.Seq] = (s.Type, s.Author);
        switch (s.Type)
        {
            case PrescriptionEvents.Issued:
                Issuer = s.Author;
                Patient = body.ChainOf("patient", ChainKind.Patient);
                ValidFrom = body.OptionalTime("validFrom") ?? at;
                ValidUntil = body.Time("validUntil");
                Items.AddRange(body.Objects("items", 1, PrescriptionRules.MaxItems).Select(i => new ItemState(PrescribedItem.Read(i))));
                break;
            case PrescriptionEvents.Claimed:
                ClaimedBy = s.Author;
                ClaimedAt = at;
                break;
            case PrescriptionEvents.Released:
                ClaimedBy = null;
                break;
            case PrescriptionEvents.Dispensed:
                var record = new DispenseRecord(entry.Seq, (int)body.Integer("item", 0, Items.Count - 1), (int)body.Integer("issue", 1, 100),
                    body.Integer("quantity", 1, long.MaxValue), s.Author, at);
                Dispenses[entry.Seq] = record;
                Items[record.Item].AddDispense(record);
                ClaimedBy = s.Author;
                ClaimedAt = at;
                break;
            case PrescriptionEvents.NotDispensed:
                Items[(int)body.Integer("item", 0, Items.Count - 1)].NotDispensedReason = body.Text("reason", 500);
                break;
            case PrescriptionEvents.Cancelled:
                foreach (var i in body.OptionalIntegers("items", 0, Items.Count - 1) ?? Enumerable.Range(0, Items.Count).Select(i => (long)i))
                {
                    if (!Items[(int)i].IsFullyDispensed)
                    {
                        Items[(int)i].Cancelled = true;
                    }
                }

                break;
            case PrescriptionEvents.Expired:
                Expired = true;
                break;
            case PrescriptionEvents.Corrected:
                var target = body.Nested("corrects").Integer("seq", 0, long.MaxValue);
                if (Dispenses.TryGetValue(target, out var corrected) && body.OptionalInteger("quantity", 0, long.MaxValue) is { } quantity)
                {
                    Items[corrected.Item].Correct(corrected, quantity);
                    Dispenses[target] = corrected with { Quantity = quantity };
                }

                break;
        }
    }
}

/// <summary>One prescribed item and what happened to it.</summary>
public sealed class ItemState(PrescribedItem item)
{
    public PrescribedItem Item { get; } = item;

    public List<IssueState> Issues { get; } = [];

    public bool Cancelled { get; set; }

    public string? NotDispensedReason { get; set; }

    /// <summary>The issue being dispensed now (started, not complete), if any.</summary>
    public IssueState? OpenIssue => Issues.Count > 0 && Issues[^1].Dispensed < Item.Quantity ? Issues[^1] : null;

    public bool IsFullyDispensed => Issues.Count == Item.Issues && OpenIssue is null;

    public bool IsClosed => Cancelled || NotDispensedReason is not null || IsFullyDispensed;

    public long TotalDispensed => Issues.Sum(i => i.Dispensed);

    public string Status => Cancelled ? "cancelled"
        : NotDispensedReason is not null ? "not_dispensed"
        : IsFullyDispensed ? "dispensed"
        : Issues.Count > 0 ? "partly_dispensed"
        : "active";

    public void AddDispense(DispenseRecord d)
    {
        if (d.Issue > Issues.Count)
        {
            Issues.Add(new IssueState(d.Issue, d.At));
        }

        Issues[d.Issue - 1].Dispensed += d.Quantity;
    }

    public void Correct(DispenseRecord original, long newQuantity) =>
        Issues[original.Issue - 1].Dispensed += newQuantity - original.Quantity;
}

/// <summary>One issue (the first fill or a repeat) of an item.</summary>
public sealed class IssueState(int number, DateTimeOffset startedAt)
{
    public int Number { get; } = number;

    public DateTimeOffset StartedAt { get; } = startedAt;

    public long Dispensed { get; set; }
}

public sealed record DispenseRecord(long Seq, int Item, int Issue, long Quantity, string Pharmacy, DateTimeOffset At);
