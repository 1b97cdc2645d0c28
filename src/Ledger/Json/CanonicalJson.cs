using System.Buffers;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Ddl.Ledger;

/// <summary>
/// RFC 8785 (JCS) canonical JSON. The ledger profile (<c>Canonicalize</c>, <c>ParseObject</c>)
/// admits only objects, arrays, strings, booleans, null and integers with |n| &lt;= 2^53-1;
/// <see cref="CanonicalizeAnyJcs"/> is full RFC 8785, kept to prove conformance with the RFC's
/// own examples.
/// </summary>
public static class CanonicalJson
{
    /// <summary>Parses <paramref name="json"/> under the ledger profile and returns its JCS bytes.</summary>
    /// <exception cref="LedgerException">MALFORMED_JSON, DUPLICATE_KEY, FLOAT_NOT_ALLOWED, INTEGER_OUT_OF_RANGE.</exception>
    public static byte[] Canonicalize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return WithUtf8(json, static utf8 => Canonicalize(utf8));
    }

    /// <inheritdoc cref="Canonicalize(string)"/>
    public static byte[] Canonicalize(ReadOnlySpan<byte> utf8) => Canonicalize(JsonParser.Parse(utf8, allowFloats: false));

    /// <summary>
    /// JCS bytes of a node built in code. Numbers must be integral CLR values (long, int...);
    /// double, float and decimal are refused even when integral.
    /// </summary>
    public static byte[] Canonicalize(JsonNode? node)
    {
        using var writer = new CanonicalWriter();
        writer.Node(node);
        return writer.ToArray();
    }

    /// <summary>Strict parse into a <see cref="JsonObject"/>; integers become <see cref="long"/> values.</summary>
    /// <exception cref="LedgerException">As <see cref="Canonicalize(string)"/>; MALFORMED_JSON if the value is not an object.</exception>
    public static JsonObject ParseObject(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return WithUtf8(json, static utf8 => ParseObject(utf8));
    }

    /// <inheritdoc cref="ParseObject(string)"/>
    public static JsonObject ParseObject(ReadOnlySpan<byte> utf8) =>
        JsonParser.Parse(utf8, allowFloats: false) as JsonObject
        ?? throw new LedgerException(ErrorCodes.MalformedJson, "expected a JSON object");

    /// <summary>Strict parse of any JSON value under the ledger profile (null for the literal null).</summary>
    public static JsonNode? Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return WithUtf8(json, static utf8 => JsonParser.Parse(utf8, allowFloats: false));
    }

    /// <summary>
    /// Full RFC 8785: numbers are IEEE-754 doubles written as ECMAScript's Number.prototype.toString.
    /// Not for ledger documents, which never carry floating-point numbers.
    /// </summary>
    public static byte[] CanonicalizeAnyJcs(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return WithUtf8(json, static utf8 =>
        {
            using var writer = new CanonicalWriter(allowFloats: true);
            writer.Node(JsonParser.Parse(utf8, allowFloats: true));
            return writer.ToArray();
        });
    }

    private delegate T Utf8Func<T>(ReadOnlySpan<byte> utf8);

    /// <summary>Encodes to UTF-8 in a pooled buffer, refusing lone surrogates instead of replacing them.</summary>
    private static T WithUtf8<T>(string json, Utf8Func<T> body)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(json.Length * 3, 1));
        try
        {
            var status = Utf8.FromUtf16(json, buffer, out _, out var written, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                throw new LedgerException(ErrorCodes.MalformedJson, "JSON text contains a lone UTF-16 surrogate");
            }
            return body(buffer.AsSpan(0, written));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
