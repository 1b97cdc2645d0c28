using System.Text.Json.Nodes;
using Ddl.Ledger;

namespace Ddl.Grains.Chains;

/// <summary>
/// Reads members of an event body with the checks every rule needs, refusing with
/// INVALID_SUBMISSION and the member's path so that an author can fix exactly that.
/// </summary>
public readonly struct BodyReader(JsonObject body, string path = "body")
{
    public JsonObject Object => body;

    public string Path => path;

    /// <summary>Whether the member is present (and not null).</summary>
    public bool Has(string name) => body[name] is not null;

    public string Text(string name, int max = 200) =>
        OptionalText(name, max) ?? throw Invalid(name, "is required");

    public string? OptionalText(string name, int max = 200)
    {
        if (body[name] is null)
        {
            return null;
        }

        if (body[name] is not JsonValue v || !v.TryGetValue<string>(out var s) || string.IsNullOrWhiteSpace(s) || s.Length > max)
        {
            throw Invalid(name, $"must be a non-empty string of at most {max} characters");
        }

        return s;
    }

    public long Integer(string name, long min, long max) =>
        OptionalInteger(name, min, max) ?? throw Invalid(name, "is required");

    public long? OptionalInteger(string name, long min, long max)
    {
        if (body[name] is null)
        {
            return null;
        }

        if (body[name] is not JsonValue v || !v.TryGetValue<long>(out var n) || n < min || n > max)
        {
            throw Invalid(name, $"must be an integer from {min} to {max}");
        }

        return n;
    }

    public bool Boolean(string name, bool? fallback = null)
    {
        if (body[name] is null && fallback is { } f)
        {
            return f;
        }

        return body[name] is JsonValue v && v.TryGetValue<bool>(out var b) ? b : throw Invalid(name, "must be true or false");
    }

    public DateTimeOffset Time(string name) =>
        OptionalTime(name) ?? throw Invalid(name, "is required");

    public DateTimeOffset? OptionalTime(string name)
    {
        var text = OptionalText(name, 32);
        if (text is null)
        {
            return null;
        }

        return LedgerTime.TryParse(text, out var t) ? t : throw Invalid(name, "must be a time like 2026-11-25T17:00:00.000Z");
    }

    public string ChainOf(string name, ChainKind kind)
    {
        var text = Text(name, 80);
        return ChainId.TryParse(text, out var id) && id.Kind == kind
            ? id.Value
            : throw Invalid(name, $"must be a {kind.ToString().ToLowerInvariant()} chain id");
    }

    public BodyReader Nested(string name) =>
        body[name] is JsonObject o ? new BodyReader(o, $"{path}.{name}") : throw Invalid(name, "must be an object");

    public IReadOnlyList<BodyReader> Objects(string name, int min, int max)
    {
        if (body[name] is not JsonArray array || array.Count < min || array.Count > max)
        {
            throw Invalid(name, $"must be a list of {min} to {max} objects");
        }

        var self = this;
        return array.Select((n, i) => n is JsonObject o ? new BodyReader(o, $"{self.Path}.{name}[{i}]") : throw self.Invalid($"{name}[{i}]", "must be an object")).ToList();
    }

    public IReadOnlyList<long>? OptionalIntegers(string name, long min, long max)
    {
        if (body[name] is null)
        {
            return null;
        }

        if (body[name] is not JsonArray array || array.Count == 0)
        {
            throw Invalid(name, "must be a non-empty list of integers");
        }

        var self = this;
        return array.Select((n, i) => n is JsonValue v && v.TryGetValue<long>(out var x) && x >= min && x <= max
            ? x
            : throw self.Invalid($"{name}[{i}]", $"must be an integer from {min} to {max}")).ToList();
    }

    public LedgerException Invalid(string name, string problem) =>
        new(ErrorCodes.InvalidSubmission, $"{path}.{name} {problem}.");
}
