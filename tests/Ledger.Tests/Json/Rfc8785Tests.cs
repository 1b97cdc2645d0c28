using System.Text;
using Ddl.Ledger.Tests.Support;

namespace Ddl.Ledger.Tests.Json;

/// <summary>
/// Conformance with RFC 8785's own examples. Expected bytes are copied from the RFC (sections
/// 3.2.2 to 3.2.4, Appendix B) and from the RFC author's test data (cyberphone/json-canonicalization),
/// never produced by the code under test.
/// </summary>
public class Rfc8785Tests
{
    // Section 3.2.2, verbatim (the backslashes are JSON escapes inside the raw literal).
    private const string Section322Input = """
        {
          "numbers": [333333333.33333329, 1E30, 4.50,
                      2e-3, 0.000000000000000000000000001],
          "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
          "literals": [null, true, false]
        }
        """;

    // Section 3.2.4: the UTF-8 bytes of the canonical form.
    private const string Section324Hex = """
        7b 22 6c 69 74 65 72 61 6c 73 22 3a 5b 6e 75 6c 6c 2c 74 72
        75 65 2c 66 61 6c 73 65 5d 2c 22 6e 75 6d 62 65 72 73 22 3a
        5b 33 33 33 33 33 33 33 33 33 2e 33 33 33 33 33 33 33 2c 31
        65 2b 33 30 2c 34 2e 35 2c 30 2e 30 30 32 2c 31 65 2d 32 37
        5d 2c 22 73 74 72 69 6e 67 22 3a 22 e2 82 ac 24 5c 75 30 30
        30 66 5c 6e 41 27 42 5c 22 5c 5c 5c 5c 5c 22 2f 22 7d
        """;

    [Fact]
    public void section_3_2_2_sample_canonicalizes_to_the_bytes_of_section_3_2_4()
    {
        Assert.Equal(Hex.Bytes(Section324Hex), CanonicalJson.CanonicalizeAnyJcs(Section322Input));
    }

    [Fact]
    public void section_3_2_2_sample_canonicalizes_to_the_text_of_section_3_2_3()
    {
        const string expected = """{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}""";
        Assert.Equal(expected, Encoding.UTF8.GetString(CanonicalJson.CanonicalizeAnyJcs(Section322Input)));
    }

    // Section 3.2.3: properties sort by UTF-16 code units, so U+1F600 (D83D DE00) sorts
    // before U+FB33 although its code point is larger.
    private const string SortingInput = """
        {
          "\u20ac": "Euro Sign",
          "\r": "Carriage Return",
          "\ufb33": "Hebrew Letter Dalet With Dagesh",
          "1": "One",
          "\ud83d\ude00": "Emoji: Grinning Face",
          "\u0080": "Control",
          "\u00f6": "Latin Small Letter O With Diaeresis"
        }
        """;

    private static readonly string SortingExpected =
        "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\"," +
        "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\"," +
        "\"\U0001F600\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";

    [Fact]
    public void section_3_2_3_sorts_properties_by_utf16_code_units()
    {
        Assert.Equal(Encoding.UTF8.GetBytes(SortingExpected), CanonicalJson.CanonicalizeAnyJcs(SortingInput));
    }

    [Fact]
    public void the_ledger_profile_sorts_the_section_3_2_3_example_identically()
    {
        Assert.Equal(Encoding.UTF8.GetBytes(SortingExpected), CanonicalJson.Canonicalize(SortingInput));
    }

    // Appendix B: IEEE-754 bit patterns and their canonical serialization (all finite rows).
    [Theory]
    [InlineData("0000000000000000", "0")]
    [InlineData("8000000000000000", "0")]
    [InlineData("0000000000000001", "5e-324")]
    [InlineData("8000000000000001", "-5e-324")]
    [InlineData("7fefffffffffffff", "1.7976931348623157e+308")]
    [InlineData("ffefffffffffffff", "-1.7976931348623157e+308")]
    [InlineData("4340000000000000", "9007199254740992")]
    [InlineData("c340000000000000", "-9007199254740992")]
    [InlineData("4430000000000000", "295147905179352830000")]
    [InlineData("44b52d02c7e14af5", "9.999999999999997e+22")]
    [InlineData("44b52d02c7e14af6", "1e+23")]
    [InlineData("44b52d02c7e14af7", "1.0000000000000001e+23")]
    [InlineData("444b1ae4d6e2ef4e", "999999999999999700000")]
    [InlineData("444b1ae4d6e2ef4f", "999999999999999900000")]
    [InlineData("444b1ae4d6e2ef50", "1e+21")]
    [InlineData("3eb0c6f7a0b5ed8c", "9.999999999999997e-7")]
    [InlineData("3eb0c6f7a0b5ed8d", "0.000001")]
    [InlineData("41b3de4355555553", "333333333.3333332")]
    [InlineData("41b3de4355555554", "333333333.33333325")]
    [InlineData("41b3de4355555555", "333333333.3333333")]
    [InlineData("41b3de4355555556", "333333333.3333334")]
    [InlineData("41b3de4355555557", "333333333.33333343")]
    [InlineData("becbf647612f3696", "-0.0000033333333333333333")]
    [InlineData("43143ff3c1cb0959", "1424953923781206.2")]
    public void appendix_b_numbers_serialize_as_the_rfc_lists_them(string ieee754, string expected)
    {
        var value = BitConverter.Int64BitsToDouble(Convert.ToInt64(ieee754, 16));
        // 17 significant digits always round-trip, whatever layout .NET picks: the input is the
        // same double, spelled differently from the expected output.
        var input = value.ToString("G17", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, Encoding.UTF8.GetString(CanonicalJson.CanonicalizeAnyJcs(input)));
        Assert.Equal(expected, Encoding.UTF8.GetString(CanonicalJson.CanonicalizeAnyJcs(expected)));
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    public void numbers_beyond_the_double_range_are_refused_instead_of_becoming_infinity(string json)
    {
        var ex = Assert.Throws<LedgerException>(() => CanonicalJson.CanonicalizeAnyJcs(json));
        Assert.Equal(ErrorCodes.MalformedJson, ex.Code);
    }

    // testdata of cyberphone/json-canonicalization (the RFC author's reference implementation).
    [Fact]
    public void reference_test_data_values_canonicalizes_as_published()
    {
        const string input = """
            {
              "numbers": [1E30, 4.50, 333333333.33333329, 2e-3, 0.000000000000000000000000001],
              "escaping": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;
        const string expected = """{"escaping":"€$\u000f\nA'B\"\\\\\"/","literals":[null,true,false],"numbers":[1e+30,4.5,333333333.3333333,0.002,1e-27]}""";
        Assert.Equal(expected, Encoding.UTF8.GetString(CanonicalJson.CanonicalizeAnyJcs(input)));
    }

    [Fact]
    public void reference_test_data_weird_canonicalizes_as_published()
    {
        const string input = """
            {
              "\u20ac": "Euro Sign",
              "1": "One",
              "\u0080": "Control\u007f",
              "\ud83d\ude02": "Smiley",
              "\u00f6": "Latin Small Letter O With Diaeresis",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "</script>": "Browser Challenge"
            }
            """;
        var expected = "{\"1\":\"One\",\"</script>\":\"Browser Challenge\",\"\u0080\":\"Control\u007f\"," +
            "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\",\"\U0001F602\":\"Smiley\"," +
            "\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";
        Assert.Equal(Encoding.UTF8.GetBytes(expected), CanonicalJson.Canonicalize(input));
    }

    [Fact]
    public void reference_test_data_french_ignores_locale_when_sorting()
    {
        const string input = """
            {
              "peach": "This sorting order",
              "péché": "is wrong according to French",
              "pêche": "but canonicalization MUST",
              "sin":   "ingnore locale"
            }
            """;
        const string expected = """{"peach":"This sorting order","péché":"is wrong according to French","pêche":"but canonicalization MUST","sin":"ingnore locale"}""";
        Assert.Equal(Encoding.UTF8.GetBytes(expected), CanonicalJson.Canonicalize(input));
    }
}
