using System.Security.Cryptography;
using System.Text;

namespace Ddl.Ledger.Tests.Documents;

public class EntryTests
{
    private static Entry FixedEntry(string sig) =>
        Entry.Create(FixedVectors.Submission(), sig, 0, Hashes.ZeroHash, new DateTimeOffset(2026, 11, 25, 17, 0, 1, 234, TimeSpan.Zero));

    [Fact]
    public void the_fixed_entry_is_written_as_the_canonical_text_by_hand()
    {
        var entry = FixedEntry(FixedVectors.Sig);
        Assert.Equal(FixedVectors.EntryText, entry.CanonicalText());
        Assert.Equal(Encoding.UTF8.GetBytes(FixedVectors.EntryText), entry.CanonicalBytes());
    }

    [Fact]
    public void the_entry_hash_is_plain_sha256_of_the_tag_line_and_the_text()
    {
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("ddl.v1.entry\n" + FixedVectors.EntryText)));
        Assert.Equal(expected, FixedEntry(FixedVectors.Sig).Hash());
        Assert.Equal(FixedVectors.EntryHash, expected);
        Assert.Equal((FixedVectors.EntryText, expected), FixedEntry(FixedVectors.Sig).CanonicalTextAndHash());
    }

    [Fact]
    public void the_fixed_signature_verifies_with_the_fixed_public_key()
    {
        var key = new PublicKeyInfo("clinic-key-1", "Ed25519", FixedVectors.PublicKey);
        Assert.True(FixedEntry(FixedVectors.Sig).VerifySignature(key));
    }

    [Fact]
    public void to_json_canonicalizes_to_the_same_bytes_as_the_direct_writer()
    {
        var entry = FixedEntry(FixedVectors.Sig);
        Assert.Equal(entry.CanonicalBytes(), CanonicalJson.Canonicalize(entry.ToJson()));
    }

    [Fact]
    public void parse_reads_back_an_equal_entry()
    {
        var parsed = Entry.Parse(FixedVectors.EntryText);
        Assert.Equal(FixedEntry(FixedVectors.Sig), parsed);
        Assert.Equal(FixedVectors.EntryHash, parsed.Hash());
    }

    [Fact]
    public void parse_accepts_non_canonical_spacing_and_order_but_hashes_the_canonical_form()
    {
        // System.Text.Json indents and escapes non-ASCII as \uXXXX: the same JSON, spelled differently.
        var spaced = System.Text.Json.Nodes.JsonNode.Parse(FixedVectors.EntryText)!
            .ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
        Assert.NotEqual(FixedVectors.EntryText, spaced);
        Assert.Equal(FixedVectors.EntryHash, Entry.Parse(spaced).Hash());
    }

    [Fact]
    public void one_flipped_byte_changes_the_hash()
    {
        var changed = FixedVectors.EntryText.Replace("\"seq\":0", "\"seq\":1");
        Assert.NotEqual(FixedVectors.EntryHash, Hashes.Tagged(Tags.Entry, Encoding.UTF8.GetBytes(changed)));
    }

    [Theory]
    [InlineData("\"v\":1}", "\"v\":2}", ErrorCodes.UnsupportedVersion)]
    [InlineData("\"seq\":0,", "\"seq\":0,\"extra\":true,", ErrorCodes.MalformedEntry)]
    [InlineData("\"seq\":0,", "\"seq\":-1,", ErrorCodes.MalformedEntry)]
    [InlineData("\"seq\":0,", "\"seq\":\"0\",", ErrorCodes.MalformedEntry)]
    [InlineData("\"seq\":0,", "", ErrorCodes.MalformedEntry)]
    [InlineData("\"prev\":\"0000", "\"prev\":\"000", ErrorCodes.MalformedEntry)]
    [InlineData("\"recordedAt\":\"2026-11-25T17:00:01.234Z\"", "\"recordedAt\":\"2026-11-25T17:00:01Z\"", ErrorCodes.InvalidTime)]
    [InlineData("{\"chain\":\"prescription:rx-0001\"", "{\"chain\":\"rx-0001\"", ErrorCodes.InvalidChainId)]
    [InlineData("\"quantity\":21", "\"quantity\":21.0", ErrorCodes.FloatNotAllowed)]
    [InlineData("\"nonce\":\"n-0001\"", "\"nonce\":\"n 0001\"", ErrorCodes.InvalidSubmission)]
    public void parse_refuses_broken_entries_with_a_code(string find, string replace, string code)
    {
        var text = FixedVectors.EntryText.Replace(find, replace);
        Assert.NotEqual(FixedVectors.EntryText, text);
        var ex = Assert.Throws<LedgerException>(() => Entry.Parse(text));
        Assert.Equal(code, ex.Code);
    }

    [Fact]
    public void create_refuses_a_first_entry_whose_prev_is_not_zero()
    {
        var ex = Assert.Throws<LedgerException>(() => Entry.Create(FixedVectors.Submission(), FixedVectors.Sig, 0,
            FixedVectors.EntryHash, DateTimeOffset.UnixEpoch));
        Assert.Equal(ErrorCodes.MalformedEntry, ex.Code);
    }
}
