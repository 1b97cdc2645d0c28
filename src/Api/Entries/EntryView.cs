using System.Text.Json;
using Ddl.Store;

namespace Ddl.Api.Entries;

/// <summary>
/// A stored entry as the API shows it. <see cref="Canonical"/> is the stored text byte for byte, so
/// that a verifier recomputes the hash from exactly what the ledger holds; the other fields are read
/// from it leniently (a tampered row still shows, and verification is what says it is wrong).
/// </summary>
public sealed class EntryView
{
    private EntryView(StoredEntry row)
    {
        Row = row;
    }

    public StoredEntry Row { get; }

    public string Canonical => Row.CanonicalJson;

    public string? Sig { get; private init; }

    public string? Key { get; private init; }

    public string? At { get; private init; }

    public string? Body { get; private init; }

    public static EntryView From(StoredEntry row)
    {
        try
        {
            using var doc = JsonDocument.Parse(row.CanonicalJson);
            var root = doc.RootElement;
            var submission = root.TryGetProperty("submission", out var s) && s.ValueKind == JsonValueKind.Object ? s : default;
            return new EntryView(row)
            {
                Sig = Text(root, "sig"),
                Key = submission.ValueKind == JsonValueKind.Object ? Text(submission, "key") : null,
                At = submission.ValueKind == JsonValueKind.Object ? Text(submission, "at") : null,
                Body = submission.ValueKind == JsonValueKind.Object && submission.TryGetProperty("body", out var b) ? b.GetRawText() : null,
            };
        }
        catch (JsonException)
        {
            return new EntryView(row);
        }
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
