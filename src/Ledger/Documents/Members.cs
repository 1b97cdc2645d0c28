using System.Text.Json.Nodes;

namespace Ddl.Ledger;

/// <summary>
/// Reads the members of a fixed-shape protocol document, refusing with one code per document
/// kind and a message that names the offending member.
/// </summary>
internal readonly struct Members
{
    private readonly JsonObject _obj;
    private readonly string _code;
    private readonly string _what;

    public Members(JsonNode? node, string code, string what)
    {
        _obj = node as JsonObject ?? throw new LedgerException(code, $"{what} must be a JSON object");
        _code = code;
        _what = what;
    }

    public JsonObject Object => _obj;

    /// <summary>
    /// Reads "v" before anything else: a document of another version may have another shape,
    /// and the right refusal for it is UNSUPPORTED_VERSION, not a complaint about its members.
    /// </summary>
    public int Version()
    {
        var v = Integer("v");
        if (v != 1)
        {
            throw new LedgerException(ErrorCodes.UnsupportedVersion, $"{_what} has version {v}; this verifier knows version 1");
        }
        return 1;
    }

    /// <summary>Refuses unknown members; missing ones are refused when read.</summary>
    public void Only(params ReadOnlySpan<string> names)
    {
        foreach (var (name, _) in _obj)
        {
            if (!names.Contains(name))
            {
                throw Fail($"unknown member \"{name}\"");
            }
        }
    }

    public JsonNode? Node(string name) =>
        _obj.TryGetPropertyValue(name, out var value) ? value : throw Fail($"member \"{name}\" is missing");

    public string String(string name) =>
        Node(name) is JsonValue value && value.TryGetValue<string>(out var s) && s.Length > 0
            ? s
            : throw Fail($"member \"{name}\" must be a non-empty string");

    public long Integer(string name)
    {
        if (Node(name) is JsonValue value)
        {
            if (value.TryGetValue<long>(out var l)) return l;
            if (value.TryGetValue<int>(out var i)) return i;
        }
        throw Fail($"member \"{name}\" must be an integer");
    }

    public long NonNegative(string name)
    {
        var n = Integer(name);
        return n >= 0 ? n : throw Fail($"member \"{name}\" must not be negative");
    }

    public string Hash(string name)
    {
        var s = String(name);
        return Syntax.IsHash(s) ? s : throw Fail($"member \"{name}\" must be 64 lowercase hex digits");
    }

    public string Time(string name)
    {
        var s = String(name);
        return LedgerTime.IsValid(s)
            ? s
            : throw new LedgerException(ErrorCodes.InvalidTime, $"{_what} member \"{name}\": \"{s}\" is not yyyy-MM-ddTHH:mm:ss.fffZ");
    }

    public string ChainId(string name)
    {
        var s = String(name);
        return Ledger.ChainId.TryParse(s, out _)
            ? s
            : throw new LedgerException(ErrorCodes.InvalidChainId, $"{_what} member \"{name}\": \"{s}\" is not a chain id");
    }

    public string KeyId(string name)
    {
        var s = String(name);
        return Syntax.IsKeyId(s) ? s : throw Fail($"member \"{name}\": \"{s}\" is not a key id");
    }

    public LedgerException Fail(string message) => new(_code, $"{_what}: {message}");
}
