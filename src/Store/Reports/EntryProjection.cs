using System.Text.Json;
using Ddl.Ledger;

namespace Ddl.Store.Reports;

/// <summary>
/// What one entry changes in the read model, as SQL steps. The steps read nothing but this entry
/// and read-model rows of the same chain (written by its earlier entries), so projecting a set of
/// entries gives the same tables whatever order chains are interleaved in, as long as each
/// chain's entries come in seq order: the incremental projector and a rebuild agree.
/// Entries of types the read model does not keep (patient links, notes, keys) produce no step.
/// The grains validated every body before it was written; a field missing here is projected as
/// null rather than refused, so one odd entry can never stop the projector.
/// </summary>
internal static class EntryProjection
{
    /// <summary>The entry types that change the read model; every other type produces no step.</summary>
    public static readonly IReadOnlySet<string> Types = new HashSet<string>(StringComparer.Ordinal)
    {
        "institution.registered", "institution.suspended", "institution.reinstated", "prescription.issued", "prescription.claimed",
        "prescription.released", "prescription.dispensed", "prescription.not_dispensed", "prescription.cancelled", "prescription.expired",
        "prescription.corrected", "treatment.created", "treatment.administered", "treatment.procedure_done", "treatment.cancelled",
    };

    /// <summary>
    /// <see cref="Types"/> as a SQL list of literals, for statements that pick out the entries the
    /// read model keeps. Type names are fixed identifiers without quotes.
    /// </summary>
    public static readonly string TypesSql = string.Join(", ", Types.Order(StringComparer.Ordinal).Select(t => $"'{t}'"));

    public static IReadOnlyList<SqlStep> Steps(StoredEntry entry)
    {
        if (!Types.Contains(entry.Type))
        {
            return [];
        }

        using var document = JsonDocument.Parse(entry.CanonicalJson);
        var submission = document.RootElement.GetProperty("submission");
        var body = submission.TryGetProperty("body", out var b) && b.ValueKind == JsonValueKind.Object ? b : default;
        var e = new Projected(entry, Text(submission, "author") ?? entry.Author, body);
        return entry.Type switch
        {
            "institution.registered" => Institutions.Registered(e),
            "institution.suspended" => Institutions.Suspended(e, true),
            "institution.reinstated" => Institutions.Suspended(e, false),
            "prescription.issued" => PrescriptionProjection.Issued(e),
            "prescription.claimed" => PrescriptionProjection.Claimed(e),
            "prescription.released" => PrescriptionProjection.Released(e),
            "prescription.dispensed" => PrescriptionProjection.Dispensed(e),
            "prescription.not_dispensed" => PrescriptionProjection.NotDispensed(e),
            "prescription.cancelled" => PrescriptionProjection.Cancelled(e),
            "prescription.expired" => PrescriptionProjection.Expired(e),
            "prescription.corrected" => PrescriptionProjection.Corrected(e),
            "treatment.created" => TreatmentProjection.Created(e),
            "treatment.administered" => TreatmentProjection.Administered(e),
            "treatment.procedure_done" => TreatmentProjection.ProcedureDone(e),
            "treatment.cancelled" => TreatmentProjection.Cancelled(e),
            _ => [],
        };
    }

    public static string? Text(JsonElement o, string name) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static long? Integer(JsonElement o, string name) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;

    public static JsonElement Object(JsonElement o, string name) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : default;

    public static IEnumerable<JsonElement> Array(JsonElement o, string name) =>
        o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : [];

    /// <summary>An entry being projected: its stored columns, its author and its body.</summary>
    internal sealed record Projected(StoredEntry Entry, string Author, JsonElement Body)
    {
        public string Chain => Entry.Chain;

        public DateTimeOffset At => LedgerTime.Parse(Entry.RecordedAt);

        public string AtText => LedgerTime.Format(At);
    }
}
