using System.Security.Cryptography;
using System.Text;
using Ddl.Ledger.Tests.Support;

namespace Ddl.Ledger.Tests.Crypto;

public class EncodingTests
{
    // RFC 4648 section 10 vectors, in the url alphabet without padding.
    [Theory]
    [InlineData("", "")]
    [InlineData("f", "Zg")]
    [InlineData("fo", "Zm8")]
    [InlineData("foo", "Zm9v")]
    [InlineData("foob", "Zm9vYg")]
    [InlineData("fooba", "Zm9vYmE")]
    [InlineData("foobar", "Zm9vYmFy")]
    public void base64url_encodes_rfc_4648_vectors_without_padding(string text, string expected)
    {
        Assert.Equal(expected, Base64Url.Encode(Encoding.ASCII.GetBytes(text)));
        Assert.Equal(Encoding.ASCII.GetBytes(text), Base64Url.Decode(expected));
    }

    [Fact]
    public void base64url_uses_dash_and_underscore()
    {
        Assert.Equal("-_8", Base64Url.Encode([0xFB, 0xFF]));
        Assert.Equal(new byte[] { 0xFB, 0xFF }, Base64Url.Decode("-_8"));
    }

    [Theory]
    [InlineData("Zg==")]
    [InlineData("Zm8=")]
    [InlineData("+/8")]
    [InlineData("Zm 9v")]
    [InlineData("Zm9v\n")]
    [InlineData("Z")]
    [InlineData("Zh")]
    [InlineData("Zm9")]
    public void base64url_decoding_refuses_padding_other_alphabets_and_second_spellings(string text)
    {
        Assert.False(Base64Url.TryDecode(text, out _));
        var ex = Assert.Throws<LedgerException>(() => Base64Url.Decode(text));
        Assert.Equal(ErrorCodes.MalformedJson, ex.Code);
    }

    [Fact]
    public void sha256_hex_is_lowercase_and_matches_fips_180_abc()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Hashes.Sha256Hex("abc"u8));
        Assert.Equal(Hex.Bytes("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"), Hashes.Sha256("abc"u8));
    }

    [Fact]
    public void zero_hash_is_64_zeros()
    {
        Assert.Equal(new string('0', 64), Hashes.ZeroHash);
    }

    [Fact]
    public void tagged_input_is_tag_line_feed_then_the_bytes()
    {
        Assert.Equal("ddl.v1.entry\n{\"a\":1}"u8.ToArray(), Tags.Input(Tags.Entry, "{\"a\":1}"u8));
        Assert.Equal("ddl.v1.submission", Tags.Submission);
        Assert.Equal("ddl.v1.entry", Tags.Entry);
        Assert.Equal("ddl.v1.checkpoint", Tags.Checkpoint);
    }

    [Fact]
    public void tagged_hash_is_plain_sha256_of_the_tagged_input()
    {
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("ddl.v1.checkpoint\n{\"x\":\"é\"}")));
        Assert.Equal(expected, Hashes.Tagged(Tags.Checkpoint, Encoding.UTF8.GetBytes("{\"x\":\"é\"}")));
    }
}
