using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Ddl.Ledger;

/// <summary>
/// Writes RFC 8785 canonical JSON straight into a pooled UTF-8 buffer, so hashing and signing
/// can run over <see cref="WrittenSpan"/> without building intermediate strings or arrays.
/// </summary>
/// <remarks>
/// Documents with a fixed shape (entries, submissions, checkpoints) write their members in
/// already-sorted order through <see cref="Raw"/>; free-form JSON goes through <see cref="Node"/>,
/// which sorts object members by UTF-16 code units. Not thread-safe; dispose to return the buffer.
/// </remarks>
internal sealed class CanonicalWriter : IDisposable
{
    private const int InitialCapacity = 512;

    // Characters JSON.stringify escapes: the quote, the backslash and the C0 controls.
    private static readonly SearchValues<char> MustEscape = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f");

    private byte[] _buffer;
    private int _length;
    private readonly bool _allowFloats;

    /// <param name="allowFloats">
    /// True only for full RFC 8785 conformance (<see cref="CanonicalJson.CanonicalizeAnyJcs"/>):
    /// doubles are then written as ECMAScript does. The ledger profile refuses them.
    /// </param>
    public CanonicalWriter(bool allowFloats = false)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(InitialCapacity);
        _allowFloats = allowFloats;
    }

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    public byte[] ToArray() => WrittenSpan.ToArray();

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _length = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Copies bytes that are already canonical (punctuation, fixed member names, tags).</summary>
    public void Raw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        _length += bytes.Length;
    }

    public void Byte(byte b)
    {
        Reserve(1)[0] = b;
        _length++;
    }

    /// <summary>Writes a tagged-input prefix: the ASCII tag and a line feed (PROTOCOL.md 1).</summary>
    public void Tag(string tag)
    {
        foreach (var c in tag)
        {
            Byte((byte)c);
        }
        Byte((byte)'\n');
    }

    public void Integer(long value)
    {
        if (value > JsonLimits.MaxSafeInteger || value < -JsonLimits.MaxSafeInteger)
        {
            throw new LedgerException(ErrorCodes.IntegerOutOfRange,
                $"integer {value} is outside +/-(2^53-1)");
        }
        var span = Reserve(20);
        value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        _length += written;
    }

    public void Double(double value)
    {
        var text = EcmaNumber.Format(value);
        var span = Reserve(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            span[i] = (byte)text[i];
        }
        _length += text.Length;
    }

    /// <summary>Writes a string as ECMAScript JSON.stringify does; lone surrogates are refused.</summary>
    public void String(string value)
    {
        Byte((byte)'"');
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            var stop = rest.IndexOfAny(MustEscape);
            var run = stop < 0 ? rest : rest[..stop];
            if (!run.IsEmpty)
            {
                Utf16Run(run);
            }
            if (stop < 0)
            {
                break;
            }
            Escape(rest[stop]);
            rest = rest[(stop + 1)..];
        }
        Byte((byte)'"');
    }

    public void Node(JsonNode? node)
    {
        switch (node)
        {
            case null:
                Raw("null"u8);
                break;
            case JsonObject obj:
                Object(obj);
                break;
            case JsonArray array:
                Byte((byte)'[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        Byte((byte)',');
                    }
                    Node(array[i]);
                }
                Byte((byte)']');
                break;
            case JsonValue value:
                Value(value);
                break;
            default:
                throw new LedgerException(ErrorCodes.MalformedJson, $"unsupported JSON node {node.GetType().Name}");
        }
    }

    private void Object(JsonObject obj)
    {
        var count = obj.Count;
        var members = ArrayPool<KeyValuePair<string, JsonNode?>>.Shared.Rent(Math.Max(count, 1));
        try
        {
            // By index, not foreach: JsonObject's enumerator is a boxed interface, an allocation per object.
            int i;
            for (i = 0; i < count; i++)
            {
                members[i] = obj.GetAt(i);
            }
            // RFC 8785 3.2.3: sort by UTF-16 code units, which is exactly ordinal string order. A
            // span sort with a cached delegate allocates nothing (Array.Sort with an IComparer of
            // a struct wraps it in a new delegate on every call).
            members.AsSpan(0, count).Sort(MemberOrder);
            Byte((byte)'{');
            for (i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    Byte((byte)',');
                }
                String(members[i].Key);
                Byte((byte)':');
                Node(members[i].Value);
            }
            Byte((byte)'}');
        }
        finally
        {
            Array.Clear(members, 0, count);
            ArrayPool<KeyValuePair<string, JsonNode?>>.Shared.Return(members);
        }
    }

    private void Value(JsonValue value)
    {
        // Nodes from System.Text.Json's own parser wrap a JsonElement: run its text through the
        // strict parser so duplicate names and number spellings get the same scrutiny as ours.
        if (value.TryGetValue<JsonElement>(out var element))
        {
            Node(JsonParser.Parse(System.Text.Encoding.UTF8.GetBytes(element.GetRawText()), _allowFloats));
            return;
        }
        if (value.TryGetValue<string>(out var s)) { String(s); return; }
        if (value.TryGetValue<bool>(out var b)) { Raw(b ? "true"u8 : "false"u8); return; }
        if (value.TryGetValue<long>(out var l)) { Integer(l); return; }
        if (value.TryGetValue<int>(out var i)) { Integer(i); return; }
        if (value.TryGetValue<short>(out var sh)) { Integer(sh); return; }
        if (value.TryGetValue<sbyte>(out var sb)) { Integer(sb); return; }
        if (value.TryGetValue<byte>(out var by)) { Integer(by); return; }
        if (value.TryGetValue<ushort>(out var us)) { Integer(us); return; }
        if (value.TryGetValue<uint>(out var ui)) { Integer(ui); return; }
        if (value.TryGetValue<ulong>(out var ul))
        {
            if (ul > JsonLimits.MaxSafeInteger)
            {
                throw new LedgerException(ErrorCodes.IntegerOutOfRange, $"integer {ul} is outside +/-(2^53-1)");
            }
            Integer((long)ul);
            return;
        }
        if (value.TryGetValue<double>(out var d))
        {
            if (!_allowFloats)
            {
                throw new LedgerException(ErrorCodes.FloatNotAllowed,
                    "floating-point numbers are not allowed in ledger documents");
            }
            Double(d);
            return;
        }
        if (value.TryGetValue<float>(out _) || value.TryGetValue<decimal>(out _) || value.TryGetValue<Half>(out _))
        {
            throw new LedgerException(ErrorCodes.FloatNotAllowed,
                "floating-point numbers are not allowed in ledger documents");
        }
        throw new LedgerException(ErrorCodes.MalformedJson,
            $"a JSON value of kind {value.GetValueKind()} holds a CLR type the canonical form does not define");
    }

    private void Utf16Run(ReadOnlySpan<char> run)
    {
        var span = Reserve(run.Length * 3);
        var status = Utf8.FromUtf16(run, span, out _, out var written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done)
        {
            throw new LedgerException(ErrorCodes.MalformedJson, "string contains a lone UTF-16 surrogate");
        }
        _length += written;
    }

    private void Escape(char c)
    {
        switch (c)
        {
            case '"': Raw("\\\""u8); return;
            case '\\': Raw("\\\\"u8); return;
            case '\b': Raw("\\b"u8); return;
            case '\f': Raw("\\f"u8); return;
            case '\n': Raw("\\n"u8); return;
            case '\r': Raw("\\r"u8); return;
            case '\t': Raw("\\t"u8); return;
        }
        // Remaining C0 controls: \u00XX with lowercase hex, as JSON.stringify writes them.
        Raw("\\u00"u8);
        Byte(LowerHex[c >> 4]);
        Byte(LowerHex[c & 0xF]);
    }

    private static ReadOnlySpan<byte> LowerHex => "0123456789abcdef"u8;

    private Span<byte> Reserve(int size)
    {
        if (_buffer.Length - _length < size)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + size));
            WrittenSpan.CopyTo(bigger);
            if (_buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
            }
            _buffer = bigger;
        }
        return _buffer.AsSpan(_length);
    }

    private static readonly Comparison<KeyValuePair<string, JsonNode?>> MemberOrder =
        static (x, y) => string.CompareOrdinal(x.Key, y.Key);
}
