using System.Text;
using System.Text.Json.Nodes;

namespace Ddl.Ledger.Tests.Json;

/// <summary>The shape of the output: escaping as JSON.stringify, sorting, no white space.</summary>
public class CanonicalFormTests
{
    private static string Canonical(string json) => Encoding.UTF8.GetString(CanonicalJson.Canonicalize(json));

    [Fact]
    public void escapes_every_c0_control_as_json_stringify_does()
    {
        for (var c = 0; c < 0x20; c++)
        {
            // JSON.stringify's table, written out independently of the writer.
            var expected = c switch
            {
                0x08 => "\\b",
                0x09 => "\\t",
                0x0A => "\\n",
                0x0C => "\\f",
                0x0D => "\\r",
                _ => "\\u00" + c.ToString("x2"),
            };
            Assert.Equal("\"" + expected + "\"", Canonical($"\"\\u{c:X4}\""));
        }
    }

    [Fact]
    public void escapes_quote_and_backslash_only()
    {
        Assert.Equal("\"\\\"\\\\\"", Canonical("\"\\u0022\\u005C\""));
    }

    [Theory]
    [InlineData("\"\\/\"", "\"/\"")]
    [InlineData("\"\\u2028\\u2029\"", "\"\u2028\u2029\"")]
    [InlineData("\"\\u007f\"", "\"\u007f\"")]
    [InlineData("\"\\u00e9\\u4e2d\"", "\"é中\"")]
    [InlineData("\"<script>&\"", "\"<script>&\"")]
    public void writes_everything_else_as_raw_utf8(string json, string expected)
    {
        Assert.Equal(Encoding.UTF8.GetBytes(expected), CanonicalJson.Canonicalize(json));
    }

    [Fact]
    public void removes_white_space_and_sorts_nested_objects_but_keeps_array_order()
    {
        const string json = " {\r\n\t\"b\" : [ 3 , { \"z\" : null , \"a\" : true } , 1 ] ,\n \"a\" : { } , \"\" : [ ] } ";
        Assert.Equal("{\"\":[],\"a\":{},\"b\":[3,{\"a\":true,\"z\":null},1]}", Canonical(json));
    }

    [Fact]
    public void sorts_by_code_units_not_by_culture_or_code_points()
    {
        // U+E000 is above the surrogates' code units; U+1D11E is encoded D834 DD1E, so it sorts first.
        Assert.Equal("{\"B\":1,\"a\":2,\"\U0001D11E\":3,\"\uE000\":4}", Canonical("{\"\\ue000\":4,\"\\ud834\\udd1e\":3,\"a\":2,\"B\":1}"));
    }

    [Fact]
    public void canonical_text_is_a_fixed_point()
    {
        const string canonical = "{\"a\":[true,false,null,-12,\"x\\n\"],\"b\":{\"c\":\"\u20ac\"}}";
        Assert.Equal(canonical, Canonical(canonical));
    }

    [Fact]
    public void a_node_built_in_code_canonicalizes_like_the_same_text()
    {
        var node = new JsonObject
        {
            ["quantity"] = 21,
            ["big"] = 9007199254740991L,
            ["small"] = (short)-4,
            ["name"] = "amoxicillin",
            ["flags"] = new JsonArray(true, false, null),
        };
        Assert.Equal(
            CanonicalJson.Canonicalize("{\"quantity\":21,\"big\":9007199254740991,\"small\":-4,\"name\":\"amoxicillin\",\"flags\":[true,false,null]}"),
            CanonicalJson.Canonicalize(node));
    }

    [Fact]
    public void a_node_holding_a_double_is_refused_even_when_integral()
    {
        var ex = Assert.Throws<LedgerException>(() => CanonicalJson.Canonicalize(new JsonObject { ["q"] = 1.0 }));
        Assert.Equal(ErrorCodes.FloatNotAllowed, ex.Code);
        ex = Assert.Throws<LedgerException>(() => CanonicalJson.Canonicalize(new JsonObject { ["q"] = 1m }));
        Assert.Equal(ErrorCodes.FloatNotAllowed, ex.Code);
    }

    [Fact]
    public void a_node_holding_a_long_beyond_the_safe_range_is_refused()
    {
        var ex = Assert.Throws<LedgerException>(() => CanonicalJson.Canonicalize(new JsonArray(9007199254740992L)));
        Assert.Equal(ErrorCodes.IntegerOutOfRange, ex.Code);
    }

    [Fact]
    public void a_node_from_system_text_json_gets_the_same_scrutiny()
    {
        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(CanonicalJson.Canonicalize(JsonNode.Parse("{ \"a\" : 1 }"))));
        var ex = Assert.Throws<LedgerException>(() => CanonicalJson.Canonicalize(JsonNode.Parse("{\"a\":1.0}")));
        Assert.Equal(ErrorCodes.FloatNotAllowed, ex.Code);
    }

    [Fact]
    public void a_node_holding_a_lone_surrogate_is_refused()
    {
        var ex = Assert.Throws<LedgerException>(() => CanonicalJson.Canonicalize(new JsonObject { ["s"] = "a\udc00b" }));
        Assert.Equal(ErrorCodes.MalformedJson, ex.Code);
    }

    [Fact]
    public void the_ledger_profile_and_full_jcs_agree_on_integers()
    {
        const string json = "{\"n\":[0,1,-1,9007199254740991,-9007199254740991,1234567890]}";
        Assert.Equal(CanonicalJson.CanonicalizeAnyJcs(json), CanonicalJson.Canonicalize(json));
    }
}
