using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Ddl.Ledger;

/// <summary>
/// What a chain stores (PROTOCOL.md 4): the signed submission, placed at <see cref="Seq"/>,
/// linked to the previous entry by <see cref="Prev"/>, stamped with the time the ledger accepted it.
/// <c>hash = SHA-256("ddl.v1.entry\n" || JCS(entry))</c>.
/// </summary>
public sealed record Entry(int V, string Chain, long Seq, string Prev, string RecordedAt, Submission Submission, string Sig)
{
    private static readonly string[] MemberNames = ["v", "chain", "seq", "prev", "recordedAt", "submission", "sig"];

    /// <summary>The entry that places <paramref name="s"/> at <paramref name="seq"/> of its chain.</summary>
    /// <exception cref="LedgerException">MALFORMED_ENTRY, INVALID_TIME, or the submission's own refusal.</exception>
    public static Entry Create(Submission s, string sig, long seq, string prev, DateTimeOffset recordedAt)
    {
        ArgumentNullException.ThrowIfNull(s);
        s.Validate();
        var entry = new Entry(1, s.Chain, seq, prev, LedgerTime.Format(recordedAt), s, sig);
        entry.Validate();
        return entry;
    }

    /// <summary>
    /// Parses an entry under the strict JSON profile, refusing unknown members. The text need not
    /// be byte-for-byte canonical here; <see cref="ChainVerifier"/> checks that separately.
    /// </summary>
    /// <exception cref="LedgerException">MALFORMED_ENTRY, UNSUPPORTED_VERSION, a JSON code, or a submission code.</exception>
    public static Entry Parse(string canonicalJson) => Read(CanonicalJson.ParseObject(canonicalJson), parsed: true);

    /// <summary>Reads an entry from a JSON object (the object is not modified).</summary>
    public static Entry FromJson(JsonObject o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return Read(o, parsed: false);
    }

    private static Entry Read(JsonObject o, bool parsed)
    {
        var m = new Members(o, ErrorCodes.MalformedEntry, "entry");
        m.Version();
        m.Only(MemberNames);
        if (m.Node("submission") is not JsonObject submissionJson)
        {
            throw m.Fail("member \"submission\" must be a JSON object");
        }
        var submission = parsed ? Submission.FromParsed(submissionJson) : Submission.FromJson(submissionJson);
        var entry = new Entry(1, m.ChainId("chain"), m.NonNegative("seq"), m.Hash("prev"), m.Time("recordedAt"), submission, m.String("sig"));
        entry.Validate();
        return entry;
    }

    /// <exception cref="LedgerException">UNSUPPORTED_VERSION, MALFORMED_ENTRY, INVALID_CHAIN_ID, INVALID_TIME.</exception>
    public void Validate()
    {
        if (V != 1)
        {
            throw new LedgerException(ErrorCodes.UnsupportedVersion, $"entry has version {V}; this verifier knows version 1");
        }
        if (!ChainId.TryParse(Chain, out _))
        {
            throw new LedgerException(ErrorCodes.InvalidChainId, $"entry chain \"{Chain}\" is not a chain id");
        }
        if (Seq < 0)
        {
            throw Malformed("seq must not be negative");
        }
        if (!Syntax.IsHash(Prev))
        {
            throw Malformed("prev must be 64 lowercase hex digits");
        }
        if (Seq == 0 && Prev != Hashes.ZeroHash)
        {
            throw Malformed("the entry at seq 0 must have prev = 64 zeros");
        }
        if (!LedgerTime.IsValid(RecordedAt))
        {
            throw new LedgerException(ErrorCodes.InvalidTime, $"entry recordedAt \"{RecordedAt}\" is not yyyy-MM-ddTHH:mm:ss.fffZ");
        }
        if (Submission is null)
        {
            throw Malformed("submission is missing");
        }
        if (string.IsNullOrEmpty(Sig))
        {
            throw Malformed("sig must be a non-empty string");
        }
    }

    public JsonObject ToJson() => new()
    {
        ["chain"] = Chain,
        ["prev"] = Prev,
        ["recordedAt"] = RecordedAt,
        ["seq"] = Seq,
        ["sig"] = Sig,
        ["submission"] = Submission.ToJson(),
        ["v"] = V,
    };

    /// <summary>JCS(entry).</summary>
    public byte[] CanonicalBytes() => CanonicalDocument.Bytes(WriteTo);

    /// <summary>The canonical JSON text, as stored and exported.</summary>
    public string CanonicalText()
    {
        using var writer = new CanonicalWriter();
        WriteTo(writer);
        return Encoding.UTF8.GetString(writer.WrittenSpan);
    }

    /// <summary>Hex SHA-256 over <c>ddl.v1.entry\n || JCS(entry)</c>.</summary>
    public string Hash() => CanonicalTextAndHash().Hash;

    /// <summary>
    /// <see cref="CanonicalText"/> and <see cref="Hash"/> from one serialisation: the hash input is
    /// the tag followed by the very bytes that are stored, so a writer needing both (every append)
    /// canonicalises the entry once.
    /// </summary>
    public (string Text, string Hash) CanonicalTextAndHash()
    {
        using var writer = new CanonicalWriter();
        writer.Tag(Tags.Entry);
        var tagged = writer.WrittenSpan.Length;
        WriteTo(writer);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(writer.WrittenSpan, digest);
        return (Encoding.UTF8.GetString(writer.WrittenSpan[tagged..]), Convert.ToHexStringLower(digest));
    }

    /// <summary>True when <see cref="Sig"/> is <paramref name="key"/>'s signature over the submission.</summary>
    public bool VerifySignature(PublicKeyInfo key) => Submission.Verify(key, Sig);

    internal void WriteTo(CanonicalWriter w)
    {
        w.Raw("{\"chain\":"u8);
        w.String(Chain);
        w.Raw(",\"prev\":"u8);
        w.String(Prev);
        w.Raw(",\"recordedAt\":"u8);
        w.String(RecordedAt);
        w.Raw(",\"seq\":"u8);
        w.Integer(Seq);
        w.Raw(",\"sig\":"u8);
        w.String(Sig);
        w.Raw(",\"submission\":"u8);
        Submission.WriteTo(w);
        w.Raw(",\"v\":"u8);
        w.Integer(V);
        w.Byte((byte)'}');
    }

    private static LedgerException Malformed(string message) => new(ErrorCodes.MalformedEntry, $"entry: {message}");
}
