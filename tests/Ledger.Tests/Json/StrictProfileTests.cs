using System.Text;

namespace Ddl.Ledger.Tests.Json;

/// <summary>The ledger profile refuses what it cannot hash unambiguously, each with its code.</summary>
public class StrictProfileTests
{
    private static string CodeOf(string json) => Assert.Throws<LedgerException>(() => CanonicalJson.Canonicalize(json)).Code;

    private static string CodeOf(byte[] utf8) => Assert.Throws<LedgerException>(() => CanonicalJson.Canonicalize(utf8)).Code;

    [Theory]
    [InlineData("1.0")]
    [InlineData("1e2")]
    [InlineData("1E2")]
    [InlineData("1e+2")]
    [InlineData("0.5")]
    [InlineData("-1.5e-3")]
    [InlineData("{\"quantity\":10.0}")]
    [InlineData("[1,2,3.25]")]
    public void rejects_floats_even_when_integral(string json)
    {
        Assert.Equal(ErrorCodes.FloatNotAllowed, CodeOf(json));
    }

    [Theory]
    [InlineData("9007199254740992")]
    [InlineData("-9007199254740992")]
    [InlineData("{\"n\":9007199254740993}")]
    [InlineData("123456789012345678901234567890")]
    [InlineData("-99999999999999999999")]
    public void rejects_integers_beyond_two_to_the_53_minus_one(string json)
    {
        Assert.Equal(ErrorCodes.IntegerOutOfRange, CodeOf(json));
    }

    [Theory]
    [InlineData("9007199254740991")]
    [InlineData("-9007199254740991")]
    [InlineData("0")]
    [InlineData("-1")]
    public void accepts_every_safe_integer_up_to_the_limit(string json)
    {
        Assert.Equal(json, Encoding.UTF8.GetString(CanonicalJson.Canonicalize(json)));
    }

    [Fact]
    public void rejects_negative_zero_rather_than_normalising_it()
    {
        Assert.Equal(ErrorCodes.FloatNotAllowed, CodeOf("-0"));
        Assert.Equal(ErrorCodes.FloatNotAllowed, CodeOf("{\"a\":[-0]}"));
    }

    [Theory]
    [InlineData("{\"a\":1,\"a\":2}")]
    [InlineData("{\"a\":1,\"a\":1}")]
    [InlineData("{\"a\":1,\"\\u0061\":2}")]
    [InlineData("{\"outer\":{\"x\":true,\"y\":null,\"x\":false}}")]
    public void rejects_duplicate_keys_even_when_spelled_differently(string json)
    {
        Assert.Equal(ErrorCodes.DuplicateKey, CodeOf(json));
    }

    [Theory]
    [InlineData("[1,2,]")]
    [InlineData("{\"a\":1,}")]
    [InlineData("[,]")]
    public void rejects_trailing_commas(string json)
    {
        Assert.Equal(ErrorCodes.MalformedJson, CodeOf(json));
    }

    [Theory]
    [InlineData("\"\\ud800\"")]
    [InlineData("\"\\udc00\"")]
    [InlineData("\"\\ud800x\"")]
    [InlineData("\"\\ud800\\u0041\"")]
    [InlineData("{\"\\ude00\":1}")]
    public void rejects_lone_surrogates_in_escapes(string json)
    {
        Assert.Equal(ErrorCodes.MalformedJson, CodeOf(json));
    }

    [Fact]
    public void rejects_lone_surrogates_in_the_string_given()
    {
        Assert.Equal(ErrorCodes.MalformedJson, CodeOf("\"\ud800\""));
    }

    [Fact]
    public void accepts_an_escaped_surrogate_pair_and_writes_it_as_utf8()
    {
        Assert.Equal(new byte[] { 0x22, 0xF0, 0x9F, 0x98, 0x80, 0x22 }, CanonicalJson.Canonicalize("\"\\ud83d\\ude00\""));
    }

    [Theory]
    [InlineData(new byte[] { 0x22, 0xC0, 0x80, 0x22 })]       // overlong NUL
    [InlineData(new byte[] { 0x22, 0xFF, 0x22 })]             // never valid
    [InlineData(new byte[] { 0x22, 0xED, 0xA0, 0x80, 0x22 })] // a surrogate encoded as UTF-8
    [InlineData(new byte[] { 0x22, 0xE2, 0x82, 0x22 })]       // truncated sequence
    public void rejects_invalid_utf8(byte[] utf8)
    {
        Assert.Equal(ErrorCodes.MalformedJson, CodeOf(utf8));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{} {}")]
    [InlineData("1 2")]
    [InlineData("01")]
    [InlineData("-")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("+1")]
    [InlineData("1e")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("'a'")]
    [InlineData("{a:1}")]
    [InlineData("[1] // comment")]
    [InlineData("\"tab\there\"")]
    [InlineData("\"\\x41\"")]
    [InlineData("\"\\u00g1\"")]
    [InlineData("\"unterminated")]
    [InlineData("tru")]
    [InlineData("nul")]
    [InlineData("\ufeff{}")]
    public void rejects_text_that_is_not_json(string json)
    {
        Assert.Equal(ErrorCodes.MalformedJson, CodeOf(json));
    }

    [Fact]
    public void rejects_nesting_deeper_than_64_levels_but_accepts_64()
    {
        var ok = new string('[', 64) + new string(']', 64);
        Assert.Equal(Encoding.UTF8.GetBytes(ok), CanonicalJson.Canonicalize(ok));
        var deep = new string('[', 65) + new string(']', 65);
        Assert.Equal(ErrorCodes.MalformedJson, CodeOf(deep));
    }

    [Fact]
    public void parse_object_refuses_a_value_that_is_not_an_object()
    {
        var ex = Assert.Throws<LedgerException>(() => CanonicalJson.ParseObject("[1]"));
        Assert.Equal(ErrorCodes.MalformedJson, ex.Code);
    }

    [Fact]
    public void parse_object_reads_integers_as_longs()
    {
        var obj = CanonicalJson.ParseObject("{\"n\": 9007199254740991, \"m\": -3}");
        Assert.Equal(9007199254740991L, obj["n"]!.GetValue<long>());
        Assert.Equal(-3L, obj["m"]!.GetValue<long>());
    }
}
