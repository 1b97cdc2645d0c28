using System.Globalization;

namespace Ddl.Ledger;

/// <summary>
/// ECMAScript Number::toString for finite doubles (ECMA-262 7.1.12.1), which RFC 8785
/// section 3.2.2.3 adopts for JSON numbers.
/// </summary>
/// <remarks>
/// .NET's "R" format already yields the shortest digit string that round-trips (the "k is as
/// small as possible" part of the ECMAScript rule); only the layout differs, so this class
/// re-lays those digits out: plain integer up to 21 digits, plain decimal down to 1e-6,
/// otherwise d.ddde±n.
/// </remarks>
internal static class EcmaNumber
{
    public static string Format(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new LedgerException(ErrorCodes.MalformedJson, "NaN and Infinity have no JSON form");
        }
        if (value == 0)
        {
            return "0"; // also -0, as ECMAScript prints it
        }

        var shortest = value.ToString("R", CultureInfo.InvariantCulture).AsSpan();
        var negative = shortest[0] == '-';
        if (negative)
        {
            shortest = shortest[1..];
        }
        var exponent = 0;
        var e = shortest.IndexOfAny('E', 'e');
        if (e >= 0)
        {
            exponent = int.Parse(shortest[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            shortest = shortest[..e];
        }
        var dot = shortest.IndexOf('.');
        var integerPart = dot < 0 ? shortest : shortest[..dot];
        var fractionPart = dot < 0 ? [] : shortest[(dot + 1)..];

        // value = 0.DIGITS x 10^n, with DIGITS free of leading and trailing zeros (ECMAScript's
        // s, k and n).
        Span<char> digits = stackalloc char[integerPart.Length + fractionPart.Length];
        integerPart.CopyTo(digits);
        fractionPart.CopyTo(digits[integerPart.Length..]);
        var n = integerPart.Length + exponent;
        var lead = 0;
        while (digits[lead] == '0')
        {
            lead++;
        }
        n -= lead;
        var s = digits[lead..].TrimEnd('0');
        var k = s.Length;

        var result = new System.Text.StringBuilder(32);
        if (negative)
        {
            result.Append('-');
        }
        if (k <= n && n <= 21)
        {
            result.Append(s).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            result.Append(s[..n]).Append('.').Append(s[n..]);
        }
        else if (-6 < n && n <= 0)
        {
            result.Append("0.").Append('0', -n).Append(s);
        }
        else
        {
            result.Append(s[0]);
            if (k > 1)
            {
                result.Append('.').Append(s[1..]);
            }
            var e10 = n - 1;
            result.Append('e').Append(e10 < 0 ? '-' : '+').Append(Math.Abs(e10).ToString(CultureInfo.InvariantCulture));
        }
        return result.ToString();
    }
}
