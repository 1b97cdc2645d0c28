using System.Text.Json;

namespace Ddl.Grains.Feeds;

/// <summary>
/// Lenient reads of an entry's body for the feeds. The chain grain already refused malformed
/// submissions, so a member that is missing or of another shape here just reads as null: a feed
/// must never fail on an entry that is durably in the ledger.
/// </summary>
internal static class EntryBody
{
    /// <summary>The body of the entry's submission, or an undefined element when there is none.</summary>
    public static JsonElement Of(JsonDocument entry) =>
        entry.RootElement.ValueKind == JsonValueKind.Object
        && entry.RootElement.TryGetProperty("submission", out var submission)
        && submission.ValueKind == JsonValueKind.Object
        && submission.TryGetProperty("body", out var body)
            ? body
            : default;

    public static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static long? Integer(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;

    public static JsonElement Member(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v : default;

    public static DrugFacts? Drug(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object ? new DrugFacts(Text(e, "atc"), Text(e, "national"), Text(e, "name")) : null;
}
