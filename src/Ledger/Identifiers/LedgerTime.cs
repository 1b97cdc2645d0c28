using System.Globalization;

namespace Ddl.Ledger;

/// <summary>
/// Ledger times: RFC 3339 in UTC with exactly three fractional digits and 'Z'
/// (<c>2026-11-25T17:00:00.000Z</c>). Fixed width, so ordinal string order is time order.
/// </summary>
public static class LedgerTime
{
    private const int Length = 24; // yyyy-MM-ddTHH:mm:ss.fffZ

    /// <summary>Formats in UTC; sub-millisecond precision is truncated, never rounded up.</summary>
    public static string Format(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <exception cref="LedgerException">INVALID_TIME unless <paramref name="s"/> is exactly yyyy-MM-ddTHH:mm:ss.fffZ.</exception>
    public static DateTimeOffset Parse(string s) =>
        TryParse(s, out var t)
            ? t
            : throw new LedgerException(ErrorCodes.InvalidTime,
                $"time \"{s}\" is not of the form yyyy-MM-ddTHH:mm:ss.fffZ (UTC, three fractional digits)");

    public static bool TryParse(string? s, out DateTimeOffset t)
    {
        t = default;
        if (s is null || s.Length != Length
            || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != '.' || s[23] != 'Z')
        {
            return false;
        }
        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second)
            || !Digits(s, 20, 3, out var millisecond))
        {
            return false;
        }
        // No leap seconds (second 60): .NET cannot represent them and no ledger clock emits them.
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        t = new DateTimeOffset(year, month, day, hour, minute, second, millisecond, TimeSpan.Zero);
        return true;
    }

    /// <summary>True when <paramref name="s"/> is a valid ledger time.</summary>
    public static bool IsValid(string? s) => TryParse(s, out _);

    private static bool Digits(string s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var c = s[i];
            if (c is < '0' or > '9')
            {
                return false;
            }
            value = value * 10 + (c - '0');
        }
        return true;
    }
}
