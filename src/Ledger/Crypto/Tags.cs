namespace Ddl.Ledger;

/// <summary>
/// Domain separation tags (PROTOCOL.md 1): every hash or signature input is
/// <c>tag || 0x0A || canonical JSON</c>, so a signature made for one purpose never verifies as another.
/// </summary>
public static class Tags
{
    public const string Submission = "ddl.v1.submission";
    public const string Entry = "ddl.v1.entry";
    public const string Checkpoint = "ddl.v1.checkpoint";

    /// <summary>The tagged input <c>tag || 0x0A || canonical</c>.</summary>
    public static byte[] Input(string tag, ReadOnlySpan<byte> canonical)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var input = new byte[tag.Length + 1 + canonical.Length];
        for (var i = 0; i < tag.Length; i++)
        {
            // Tags are ASCII constants; anything else is a programming error, not input.
            input[i] = tag[i] < 0x80 ? (byte)tag[i] : throw new ArgumentException("tags are ASCII", nameof(tag));
        }
        input[tag.Length] = (byte)'\n';
        canonical.CopyTo(input.AsSpan(tag.Length + 1));
        return input;
    }
}
