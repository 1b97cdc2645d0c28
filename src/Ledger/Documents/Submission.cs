using System.Text.Json.Nodes;

namespace Ddl.Ledger;

/// <summary>
/// What an author signs (PROTOCOL.md 3):
/// <c>sig = Ed25519(authorKey, "ddl.v1.submission\n" || JCS(submission))</c>.
/// </summary>
/// <remarks>
/// Equality is by content: two submissions are equal when their members and bodies are equal
/// JSON, which is what idempotent resubmission compares. <see cref="Body"/> is a mutable node;
/// treat it as read-only once the submission is built.
/// </remarks>
public sealed record Submission(int V, string Type, string Chain, string Author, string Key, string At, string Nonce, JsonObject Body)
{
    private static readonly string[] MemberNames = ["v", "type", "chain", "author", "key", "at", "nonce", "body"];

    /// <summary>Builds and validates a version-1 submission; the body is copied.</summary>
    /// <exception cref="LedgerException">INVALID_SUBMISSION, INVALID_CHAIN_ID, or a canonical JSON code for the body.</exception>
    public static Submission Create(string type, string chain, string author, string keyId, DateTimeOffset at, string nonce, JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var submission = new Submission(1, type, chain, author, keyId, LedgerTime.Format(at), nonce, (JsonObject)body.DeepClone());
        submission.Validate();
        CanonicalJson.Canonicalize(submission.Body); // refuse doubles and the like now, not at signing
        return submission;
    }

    /// <summary>Parses and validates a submission under the strict canonical JSON profile.</summary>
    public static Submission Parse(string json) => FromParsed(CanonicalJson.ParseObject(json));

    /// <summary>Reads and validates a submission from a JSON object; the object is not modified.</summary>
    public static Submission FromJson(JsonObject o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var submission = Read(o, detachBody: false);
        // A body built in code may hold values the ledger profile refuses (doubles...): refuse now,
        // not later when someone tries to sign or hash it.
        CanonicalJson.Canonicalize(submission.Body);
        return submission;
    }

    /// <summary>For objects fresh from the strict parser: the body is already valid and is moved, not copied.</summary>
    internal static Submission FromParsed(JsonObject o) => Read(o, detachBody: true);

    private static Submission Read(JsonObject o, bool detachBody)
    {
        var m = new Members(o, ErrorCodes.InvalidSubmission, "submission");
        m.Version();
        m.Only(MemberNames);
        if (m.Node("body") is not JsonObject body)
        {
            throw m.Fail("member \"body\" must be a JSON object");
        }
        if (detachBody)
        {
            o.Remove("body");
        }
        else
        {
            body = (JsonObject)body.DeepClone();
        }
        var submission = new Submission(1, m.String("type"), m.ChainId("chain"), m.String("author"), m.String("key"),
            m.Time("at"), m.String("nonce"), body);
        submission.Validate();
        return submission;
    }

    /// <summary>Checks every member against PROTOCOL.md 3 and PROTOCOL-NOTES.md.</summary>
    /// <exception cref="LedgerException">UNSUPPORTED_VERSION, INVALID_SUBMISSION, INVALID_CHAIN_ID, INVALID_TIME.</exception>
    public void Validate()
    {
        if (V != 1)
        {
            throw new LedgerException(ErrorCodes.UnsupportedVersion, $"submission has version {V}; this verifier knows version 1");
        }
        if (!Syntax.IsType(Type))
        {
            throw Invalid($"type \"{Type}\" is not 1-128 of a-z 0-9 . _");
        }
        if (!ChainId.TryParse(Chain, out _))
        {
            throw new LedgerException(ErrorCodes.InvalidChainId, $"submission chain \"{Chain}\" is not a chain id");
        }
        if (!Authors.IsValid(Author))
        {
            throw Invalid($"author \"{Author}\" is not an institution id, authority:<local> or ledger");
        }
        if (!Syntax.IsKeyId(Key))
        {
            throw Invalid($"key \"{Key}\" is not 1-64 of A-Z a-z 0-9 . _ : -");
        }
        if (!LedgerTime.IsValid(At))
        {
            throw new LedgerException(ErrorCodes.InvalidTime, $"submission at \"{At}\" is not yyyy-MM-ddTHH:mm:ss.fffZ");
        }
        if (!Syntax.IsNonce(Nonce))
        {
            throw Invalid("nonce must be 1-128 visible ASCII characters (0x21-0x7E)");
        }
        if (Body is null)
        {
            throw Invalid("body must be a JSON object");
        }
    }

    public JsonObject ToJson() => new()
    {
        ["at"] = At,
        ["author"] = Author,
        ["body"] = Body.DeepClone(),
        ["chain"] = Chain,
        ["key"] = Key,
        ["nonce"] = Nonce,
        ["type"] = Type,
        ["v"] = V,
    };

    /// <summary>JCS(submission), the bytes after the tag in the signature input.</summary>
    public byte[] CanonicalBytes() => CanonicalDocument.Bytes(WriteTo);

    /// <summary>Signs as the author: base64url Ed25519 over <c>ddl.v1.submission\n || JCS(this)</c>.</summary>
    public string Sign(SigningKey k)
    {
        ArgumentNullException.ThrowIfNull(k);
        Validate();
        return CanonicalDocument.Sign(Tags.Submission, k, WriteTo);
    }

    /// <summary>True when <paramref name="sig"/> is <paramref name="k"/>'s signature over this submission.</summary>
    public bool Verify(PublicKeyInfo k, string sig) => CanonicalDocument.Verify(Tags.Submission, k, sig, WriteTo);

    /// <summary>Members in RFC 8785 order, written directly: no intermediate JsonObject.</summary>
    internal void WriteTo(CanonicalWriter w)
    {
        w.Raw("{\"at\":"u8);
        w.String(At);
        w.Raw(",\"author\":"u8);
        w.String(Author);
        w.Raw(",\"body\":"u8);
        w.Node(Body);
        w.Raw(",\"chain\":"u8);
        w.String(Chain);
        w.Raw(",\"key\":"u8);
        w.String(Key);
        w.Raw(",\"nonce\":"u8);
        w.String(Nonce);
        w.Raw(",\"type\":"u8);
        w.String(Type);
        w.Raw(",\"v\":"u8);
        w.Integer(V);
        w.Byte((byte)'}');
    }

    public bool Equals(Submission? other) =>
        other is not null
        && V == other.V && Type == other.Type && Chain == other.Chain && Author == other.Author
        && Key == other.Key && At == other.At && Nonce == other.Nonce
        && JsonNode.DeepEquals(Body, other.Body);

    // Body is left out: equal submissions still hash alike, and hashing a JSON tree is costly.
    public override int GetHashCode() => HashCode.Combine(V, Type, Chain, Author, Key, At, Nonce);

    private static LedgerException Invalid(string message) => new(ErrorCodes.InvalidSubmission, $"submission: {message}");
}
