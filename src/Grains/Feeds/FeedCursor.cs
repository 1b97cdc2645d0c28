using Ddl.Ledger;

namespace Ddl.Grains.Feeds;

/// <summary>
/// Where a multi-chain feed stands, in store positions: every matching entry at or below
/// <see cref="Watermark"/> has been delivered, and so have the positions above it listed in
/// <see cref="Above"/> (the entries of the last few seconds, whose lower neighbours may still have
/// been committing: PostgreSQL commits positions slightly out of order). Resuming from it re-reads
/// the store above the watermark and skips what is listed, so nothing is missed or repeated.
/// Text form: <c>c1.</c> + base64url of LEB128 varints (watermark + 1, count, ascending deltas).
/// </summary>
public sealed class FeedCursor
{
    private const string Prefix = "c1.";
    private const int MaxAbove = 1_000_000;

    private readonly IEnumerable<long> above;
    private IReadOnlyList<long>? sorted;
    private string? text;

    public FeedCursor(long watermark, IEnumerable<long> above)
    {
        Watermark = watermark;
        this.above = above;
    }

    public long Watermark { get; }

    /// <summary>Delivered positions above the watermark, ascending and distinct.</summary>
    public IReadOnlyList<long> Above => sorted ??= above.Where(p => p > Watermark).Distinct().Order().ToArray();

    public override string ToString() => text ??= Encode();

    /// <exception cref="LedgerException">INVALID_CURSOR when the text is not a cursor this ledger wrote.</exception>
    public static FeedCursor Parse(string text)
    {
        try
        {
            if (!text.StartsWith(Prefix, StringComparison.Ordinal))
            {
                throw Invalid();
            }

            if (!Base64Url.TryDecode(text[Prefix.Length..], out var bytes))
            {
                throw Invalid();
            }

            var offset = 0;
            var watermark = (long)ReadVarint(bytes, ref offset) - 1;
            var count = ReadVarint(bytes, ref offset);
            if (count > MaxAbove)
            {
                throw Invalid();
            }

            var positions = new long[count];
            var previous = watermark;
            for (var i = 0; i < positions.Length; i++)
            {
                previous = checked(previous + (long)ReadVarint(bytes, ref offset));
                positions[i] = previous;
            }

            return offset == bytes.Length && watermark >= -1 ? new FeedCursor(watermark, positions) : throw Invalid();
        }
        catch (Exception e) when (e is FormatException or OverflowException or IndexOutOfRangeException)
        {
            throw Invalid();
        }
    }

    private string Encode()
    {
        var bytes = new List<byte>(16 + Above.Count * 2);
        WriteVarint(bytes, (ulong)(Watermark + 1));
        WriteVarint(bytes, (ulong)Above.Count);
        var previous = Watermark;
        foreach (var position in Above)
        {
            WriteVarint(bytes, (ulong)(position - previous));
            previous = position;
        }

        return Prefix + Base64Url.Encode([.. bytes]);
    }

    private static void WriteVarint(List<byte> bytes, ulong value)
    {
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        bytes.Add((byte)value);
    }

    private static ulong ReadVarint(byte[] bytes, ref int offset)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = bytes[offset++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new FormatException("varint too long");
    }

    private static LedgerException Invalid() =>
        new(ErrorCodes.InvalidCursor, "The cursor is not one this ledger's feeds hand out; pass back the `cursor` of the last event received.");
}
