namespace Ddl.Ledger;

/// <summary>
/// The one way a document that writes its own canonical form (RFC 8785 members in order, see
/// <see cref="CanonicalWriter"/>) becomes bytes, a signature, or a verdict on one. A signature is
/// always over <c>tag "\n" || JCS(document)</c> (PROTOCOL.md 3 and 5), so the tag is never
/// forgotten and never written twice.
/// </summary>
internal static class CanonicalDocument
{
    public static byte[] Bytes(Action<CanonicalWriter> writeTo)
    {
        using var writer = new CanonicalWriter();
        writeTo(writer);
        return writer.ToArray();
    }

    public static string Sign(string tag, SigningKey key, Action<CanonicalWriter> writeTo)
    {
        ArgumentNullException.ThrowIfNull(key);
        using var writer = new CanonicalWriter();
        writer.Tag(tag);
        writeTo(writer);
        return key.SignTagged(writer);
    }

    public static bool Verify(string tag, PublicKeyInfo key, string sig, Action<CanonicalWriter> writeTo)
    {
        ArgumentNullException.ThrowIfNull(key);
        using var writer = new CanonicalWriter();
        writer.Tag(tag);
        writeTo(writer);
        return Signatures.Verify(key, writer.WrittenSpan, sig);
    }
}
