using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Ddl.Ledger;

/// <summary>
/// A small RFC 8259 parser that refuses, rather than repairs, anything the ledger cannot hash
/// unambiguously: duplicate names, lone surrogates, invalid UTF-8, trailing data and (in the
/// ledger profile) any number that is not a safe integer.
/// </summary>
/// <remarks>
/// System.Text.Json is not used for parsing because it keeps the last of duplicate names and
/// does not tell "1" from "1.0"; both would let two different texts map to one hash input.
/// </remarks>
internal ref struct JsonParser
{
    private readonly ReadOnlySpan<byte> _text;
    private readonly bool _allowFloats;
    private int _pos;
    private int _depth;

    private JsonParser(ReadOnlySpan<byte> text, bool allowFloats)
    {
        _text = text;
        _allowFloats = allowFloats;
    }

    /// <param name="allowFloats">
    /// False: the ledger profile (integers as <see cref="long"/>, fractions and exponents refused).
    /// True: full RFC 8785, every number read as an IEEE-754 double.
    /// </param>
    public static JsonNode? Parse(ReadOnlySpan<byte> utf8, bool allowFloats)
    {
        if (!Utf8.IsValid(utf8))
        {
            throw Malformed("input is not valid UTF-8");
        }
        var parser = new JsonParser(utf8, allowFloats);
        parser.SkipWhitespace();
        var root = parser.ParseValue();
        parser.SkipWhitespace();
        if (parser._pos != utf8.Length)
        {
            throw Malformed($"unexpected data after the JSON value at byte {parser._pos}");
        }
        return root;
    }

    private JsonNode? ParseValue()
    {
        if (_pos >= _text.Length)
        {
            throw Malformed("unexpected end of input");
        }
        switch (_text[_pos])
        {
            case (byte)'{': return ParseObject();
            case (byte)'[': return ParseArray();
            case (byte)'"': return JsonValue.Create(ParseString());
            case (byte)'t': Literal("true"u8); return JsonValue.Create(true);
            case (byte)'f': Literal("false"u8); return JsonValue.Create(false);
            case (byte)'n': Literal("null"u8); return null;
            default: return ParseNumber();
        }
    }

    private JsonObject ParseObject()
    {
        Enter();
        _pos++; // '{'
        var obj = new JsonObject();
        SkipWhitespace();
        if (Peek() == '}')
        {
            _pos++;
            _depth--;
            return obj;
        }
        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
            {
                throw Malformed($"expected a member name at byte {_pos}");
            }
            var name = ParseString();
            SkipWhitespace();
            Expect((byte)':');
            SkipWhitespace();
            var value = ParseValue();
            // Names are compared after unescaping, so "a" and "\u0061" are the same name.
            if (obj.ContainsKey(name))
            {
                throw new LedgerException(ErrorCodes.DuplicateKey, $"duplicate member name \"{name}\"");
            }
            obj.Add(name, value);
            SkipWhitespace();
            var next = Next();
            if (next == '}')
            {
                _depth--;
                return obj;
            }
            if (next != ',')
            {
                throw Malformed($"expected ',' or '}}' at byte {_pos - 1}");
            }
        }
    }

    private JsonArray ParseArray()
    {
        Enter();
        _pos++; // '['
        var array = new JsonArray();
        SkipWhitespace();
        if (Peek() == ']')
        {
            _pos++;
            _depth--;
            return array;
        }
        while (true)
        {
            SkipWhitespace();
            array.Add(ParseValue());
            SkipWhitespace();
            var next = Next();
            if (next == ']')
            {
                _depth--;
                return array;
            }
            if (next != ',')
            {
                throw Malformed($"expected ',' or ']' at byte {_pos - 1}");
            }
        }
    }

    private string ParseString()
    {
        _pos++; // opening quote
        var start = _pos;
        // Fast path: no escapes, so the bytes between the quotes are the string (UTF-8 was
        // validated up front).
        while (_pos < _text.Length)
        {
            var b = _text[_pos];
            if (b == '"')
            {
                var s = Encoding.UTF8.GetString(_text[start.._pos]);
                _pos++;
                return s;
            }
            if (b == '\\')
            {
                break;
            }
            if (b < 0x20)
            {
                throw Malformed($"unescaped control character in a string at byte {_pos}");
            }
            _pos++;
        }
        return ParseEscapedString(start);
    }

    private string ParseEscapedString(int start)
    {
        var builder = new StringBuilder();
        builder.Append(Encoding.UTF8.GetString(_text[start.._pos]));
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw Malformed("unterminated string");
            }
            var b = _text[_pos];
            if (b == '"')
            {
                _pos++;
                return builder.ToString();
            }
            if (b < 0x20)
            {
                throw Malformed($"unescaped control character in a string at byte {_pos}");
            }
            if (b != '\\')
            {
                var runStart = _pos;
                while (_pos < _text.Length && _text[_pos] != '"' && _text[_pos] != '\\' && _text[_pos] >= 0x20)
                {
                    _pos++;
                }
                builder.Append(Encoding.UTF8.GetString(_text[runStart.._pos]));
                continue;
            }
            _pos++;
            var escape = Next();
            switch (escape)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u': AppendUnicodeEscape(builder); break;
                default: throw Malformed($"invalid escape '\\{(char)escape}' at byte {_pos - 1}");
            }
        }
    }

    private void AppendUnicodeEscape(StringBuilder builder)
    {
        var unit = Hex4();
        if (char.IsLowSurrogate(unit))
        {
            throw Malformed("lone low surrogate in a \\u escape");
        }
        if (char.IsHighSurrogate(unit))
        {
            // A high surrogate must be followed at once by an escaped low surrogate: JSON text is
            // UTF-8, which cannot carry a surrogate on its own, and a lone one is not Unicode.
            if (_pos + 1 >= _text.Length || _text[_pos] != '\\' || _text[_pos + 1] != 'u')
            {
                throw Malformed("lone high surrogate in a \\u escape");
            }
            _pos += 2;
            var low = Hex4();
            if (!char.IsLowSurrogate(low))
            {
                throw Malformed("high surrogate not followed by a low surrogate");
            }
            builder.Append(unit).Append(low);
            return;
        }
        builder.Append(unit);
    }

    private char Hex4()
    {
        if (_pos + 4 > _text.Length)
        {
            throw Malformed("truncated \\u escape");
        }
        var value = 0;
        for (var i = 0; i < 4; i++)
        {
            var digit = HexValue(_text[_pos + i]);
            if (digit < 0)
            {
                throw Malformed($"invalid hex digit in a \\u escape at byte {_pos + i}");
            }
            value = (value << 4) | digit;
        }
        _pos += 4;
        return (char)value;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    private JsonValue ParseNumber()
    {
        var start = _pos;
        var negative = Peek() == '-';
        if (negative)
        {
            _pos++;
        }
        var intStart = _pos;
        if (Peek() == '0')
        {
            _pos++;
        }
        else if (IsDigit(Peek()) )
        {
            while (IsDigit(Peek()))
            {
                _pos++;
            }
        }
        else
        {
            throw Malformed($"unexpected character at byte {_pos}");
        }
        var intEnd = _pos;
        var isFloat = false;
        if (Peek() == '.')
        {
            _pos++;
            RequireDigits();
            isFloat = true;
        }
        if (Peek() is 'e' or 'E')
        {
            _pos++;
            if (Peek() is '+' or '-')
            {
                _pos++;
            }
            RequireDigits();
            isFloat = true;
        }
        var text = _text[start.._pos];

        if (_allowFloats)
        {
            var d = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (!double.IsFinite(d))
            {
                throw Malformed($"number {Encoding.ASCII.GetString(text)} is outside the IEEE-754 double range");
            }
            return JsonValue.Create(d);
        }
        if (isFloat)
        {
            throw new LedgerException(ErrorCodes.FloatNotAllowed,
                $"number {Encoding.ASCII.GetString(text)} has a fraction or exponent; ledger numbers are integers");
        }
        if (negative && intEnd - intStart == 1 && _text[intStart] == '0')
        {
            // -0 exists only as an IEEE-754 value; naive serializers in other languages print it
            // as "-0" while JCS prints "0", so it is refused rather than normalised.
            throw new LedgerException(ErrorCodes.FloatNotAllowed, "-0 is not an integer; write 0");
        }
        // 2^53-1 has 16 digits; anything longer is out of range and might overflow a long.
        if (intEnd - intStart > 16)
        {
            throw OutOfRange(text);
        }
        var value = long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        if (value > JsonLimits.MaxSafeInteger || value < -JsonLimits.MaxSafeInteger)
        {
            throw OutOfRange(text);
        }
        return JsonValue.Create(value);
    }

    private static LedgerException OutOfRange(ReadOnlySpan<byte> text) =>
        new(ErrorCodes.IntegerOutOfRange,
            $"integer {Encoding.ASCII.GetString(text)} is outside +/-(2^53-1)");

    private void RequireDigits()
    {
        if (!IsDigit(Peek()))
        {
            throw Malformed($"expected a digit at byte {_pos}");
        }
        while (IsDigit(Peek()))
        {
            _pos++;
        }
    }

    private static bool IsDigit(int b) => b is >= '0' and <= '9';

    private void Literal(ReadOnlySpan<byte> literal)
    {
        if (!_text[_pos..].StartsWith(literal))
        {
            throw Malformed($"unexpected character at byte {_pos}");
        }
        _pos += literal.Length;
    }

    private void Enter()
    {
        if (++_depth > JsonLimits.MaxDepth)
        {
            throw Malformed($"nesting deeper than {JsonLimits.MaxDepth} levels");
        }
    }

    private void Expect(byte expected)
    {
        if (Next() != expected)
        {
            throw Malformed($"expected '{(char)expected}' at byte {_pos - 1}");
        }
    }

    /// <summary>The byte at the cursor, or -1 at the end (never matches a token).</summary>
    private readonly int Peek() => _pos < _text.Length ? _text[_pos] : -1;

    private int Next()
    {
        var b = Peek();
        if (b < 0)
        {
            throw Malformed("unexpected end of input");
        }
        _pos++;
        return b;
    }

    private void SkipWhitespace()
    {
        // RFC 8259 whitespace only: a BOM or a non-breaking space is not whitespace.
        while (_pos < _text.Length && _text[_pos] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            _pos++;
        }
    }

    private static LedgerException Malformed(string message) => new(ErrorCodes.MalformedJson, message);
}
