using System.Text.Json;
using Ddl.Ledger;
using static Ddl.Store.Reports.EntryProjection;

namespace Ddl.Store.Reports.Rebuild;

/// <summary>
/// What a rebuild needs of one entry, read from its canonical JSON with the same defaults as the
/// SQL steps of <see cref="EntryProjection"/> (a missing field gives the value those steps
/// would bind). Parsing is the costly part of a rebuild and reads nothing but the entry, so
/// facts are made on every core at once; folding them is then sequential and cheap.
/// </summary>
internal sealed class EntryFact
{
    public required StoredEntry Entry { get; init; }

    public required string Author { get; init; }

    public string AtText { get; private init; } = "";

    public string Day { get; private init; } = "";

    public string Week { get; private init; } = "";

    public string Month { get; private init; } = "";

    // Institutions.
    public string Kind { get; private init; } = "";
    public string Name { get; private init; } = "";
    public string Region { get; private init; } = "";

    // Prescriptions and treatment sheets.
    public string Patient { get; private init; } = "";
    public string? ValidFrom { get; private init; }
    public string? ValidUntil { get; private init; }
    public IReadOnlyList<ItemFact> Items { get; private init; } = [];
    public IReadOnlyList<OrderFact> Procedures { get; private init; } = [];

    // Events on them.
    public long Item { get; private init; }
    public long Issue { get; private init; }
    public long Quantity { get; private init; }
    public string Unit { get; private init; } = "";
    public string? ProductAtc { get; private init; }
    public string? ProductNational { get; private init; }
    public string ProductName { get; private init; } = "";
    public string? Batch { get; private init; }
    public string Reason { get; private init; } = "";
    public IReadOnlyList<long> Listed { get; private init; } = [];
    public long? Corrects { get; private init; }
    public long? CorrectedQuantity { get; private init; }
    public long Procedure { get; private init; }

    /// <summary>An item of a prescription, or a medication of a treatment sheet.</summary>
    internal sealed record ItemFact(string? Atc, string? National, string Name, string Dose, long Quantity, string Unit, long Repeats, string? Schedule);

    internal sealed record OrderFact(string Code, string Name, long Count);

    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    private static string? Shared(string? text) => text is null ? null : string.Intern(text);

    public static EntryFact Read(StoredEntry entry)
    {
        using var document = JsonDocument.Parse(entry.CanonicalJson);
        var submission = document.RootElement.GetProperty("submission");
        var body = submission.TryGetProperty("body", out var b) && b.ValueKind == JsonValueKind.Object ? b : default;
        // Authors and drug fields repeat across millions of entries; a rebuild keeps one copy of each.
        var author = string.Intern(Text(submission, "author") ?? entry.Author);
        if (!EntryProjection.Types.Contains(entry.Type))
        {
            return new EntryFact { Entry = entry, Author = author };
        }

        var at = LedgerTime.Parse(entry.RecordedAt);
        var atText = LedgerTime.Format(at);
        switch (entry.Type)
        {
            case "institution.registered":
                return new EntryFact
                {
                    Entry = entry, Author = author, AtText = atText,
                    Kind = Text(body, "kind") ?? "", Name = Text(body, "name") ?? "", Region = Text(body, "region") ?? "",
                };
            case "prescription.issued":
                return new EntryFact
                {
                    Entry = entry, Author = author, AtText = atText, Patient = Text(body, "patient") ?? "",
                    ValidFrom = ReportTime.Normalize(Text(body, "validFrom")) ?? atText,
                    ValidUntil = ReportTime.Normalize(Text(body, "validUntil")) ?? atText,
                    Items = [.. Array(body, "items").Select(item =>
                    {
                        var drug = Object(item, "drug");
                        return new ItemFact(Shared(Text(drug, "atc")), Shared(Text(drug, "national")), Shared(Text(drug, "name") ?? ""),
                            Shared(Text(item, "dose") ?? ""), Integer(item, "quantity") ?? 0, Shared(Text(item, "unit") ?? ""), Integer(item, "repeats") ?? 0,
                            Shared(Text(item, "schedule")));
                    })],
                };
            case "prescription.dispensed":
                var product = Object(body, "product");
                return new EntryFact
                {
                    Entry = entry, Author = author, AtText = atText, Day = ReportTime.Day(at), Week = ReportTime.Week(at), Month = ReportTime.Month(at),
                    Item = Integer(body, "item") ?? 0, Issue = Integer(body, "issue") ?? 1, Quantity = Integer(body, "quantity") ?? 0,
                    Unit = Text(body, "unit") ?? "", ProductAtc = Text(product, "atc"), ProductNational = Text(product, "national"),
                    ProductName = Text(product, "name") ?? "", Batch = Text(body, "batch"),
                };
            case "prescription.not_dispensed":
                return new EntryFact { Entry = entry, Author = author, AtText = atText, Item = Integer(body, "item") ?? 0, Reason = Text(body, "reason") ?? "" };
            case "prescription.cancelled":
                return new EntryFact
                {
                    Entry = entry, Author = author, AtText = atText,
                    Listed = [.. Array(body, "items").Where(i => i.TryGetInt64(out _)).Select(i => i.GetInt64())],
                };
            case "prescription.corrected":
                return new EntryFact
                {
                    Entry = entry, Author = author, AtText = atText, Corrects = Integer(Object(body, "corrects"), "seq"), CorrectedQuantity = Integer(body, "quantity"),
                };
            case "treatment.created":
                return new EntryFact
                {
                    Entry = entry, Author = author, AtText = atText, Patient = Text(body, "patient") ?? "", ValidUntil = ReportTime.Normalize(Text(body, "validUntil")),
                    Items = [.. Array(body, "medications").Select(m =>
                    {
                        var drug = Object(m, "drug");
                        return new ItemFact(Text(drug, "atc"), Text(drug, "national"), Text(drug, "name") ?? "", Text(m, "dose") ?? "",
                            Integer(m, "quantity") ?? 0, Text(m, "unit") ?? "", 0, null);
                    })],
                    Procedures = [.. Array(body, "procedures").Select(p => new OrderFact(Text(p, "code") ?? "", Text(p, "name") ?? "", Integer(p, "count") ?? 1))],
                };
            case "treatment.administered":
                return new EntryFact
                {
                    Entry = entry, Author = author, AtText = atText, Item = Integer(body, "item") ?? 0, Quantity = Integer(body, "quantity") ?? 0,
                    Unit = Text(body, "unit") ?? "",
                };
            case "treatment.procedure_done":
                return new EntryFact { Entry = entry, Author = author, AtText = atText, Procedure = Integer(body, "procedure") ?? 0 };
            default:
                return new EntryFact { Entry = entry, Author = author, AtText = atText };
        }
    }
}
