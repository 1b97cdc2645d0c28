using System.Text.Json.Nodes;
using Ddl.Ledger.Tests.Support;

namespace Ddl.Ledger.Tests.Crypto;

public class SignatureTests
{
    private static readonly byte[] Canonical = "{\"a\":1}"u8.ToArray();

    [Fact]
    public void a_signature_verifies_only_under_the_tag_it_was_made_for()
    {
        using var key = TestKeys.Key("k1");
        var sig = key.Sign(Tags.Submission, Canonical);
        Assert.True(Signatures.Verify(key.Public, Tags.Submission, Canonical, sig));
        Assert.False(Signatures.Verify(key.Public, Tags.Checkpoint, Canonical, sig));
        Assert.False(Signatures.Verify(key.Public, Tags.Entry, Canonical, sig));
    }

    [Fact]
    public void sign_is_ed25519_over_the_tagged_input()
    {
        using var key = TestKeys.Key("k1");
        var sig = Base64Url.Decode(key.Sign(Tags.Entry, Canonical));
        Assert.Equal(key.SignRaw(Tags.Input(Tags.Entry, Canonical)), sig);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    [InlineData("AA==")]
    public void verify_returns_false_for_malformed_signatures_without_throwing(string sig)
    {
        using var key = TestKeys.Key("k1");
        Assert.False(Signatures.Verify(key.Public, Tags.Submission, Canonical, sig));
        Assert.False(Signatures.VerifyRaw(Base64Url.Decode(key.Public.Pub), Canonical, new byte[3]));
    }

    [Fact]
    public void verify_returns_false_for_a_key_of_another_algorithm_or_length()
    {
        using var key = TestKeys.Key("k1");
        var sig = key.Sign(Tags.Submission, Canonical);
        Assert.False(Signatures.Verify(key.Public with { Alg = "Ed448" }, Tags.Submission, Canonical, sig));
        Assert.False(Signatures.Verify(key.Public with { Pub = "AAAA" }, Tags.Submission, Canonical, sig));
        Assert.False(Signatures.Verify(TestKeys.Key("k1", "other").Public, Tags.Submission, Canonical, sig));
    }

    [Fact]
    public void a_generated_key_survives_export_and_import_of_its_seed()
    {
        using var key = SigningKey.Generate("gen-1");
        using var again = SigningKey.FromSeed("gen-1", key.ExportSeed());
        Assert.Equal(key.Public, again.Public);
        Assert.True(Signatures.Verify(again.Public, Tags.Entry, Canonical, key.Sign(Tags.Entry, Canonical)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/no")]
    public void key_ids_outside_the_syntax_are_refused(string id)
    {
        var ex = Assert.Throws<LedgerException>(() => SigningKey.Generate(id));
        Assert.Equal(ErrorCodes.InvalidKey, ex.Code);
    }

    [Fact]
    public void a_seed_of_the_wrong_length_is_refused()
    {
        var ex = Assert.Throws<LedgerException>(() => SigningKey.FromSeed("k", new byte[31]));
        Assert.Equal(ErrorCodes.InvalidKey, ex.Code);
    }

    [Fact]
    public void public_key_json_round_trips_and_is_sorted()
    {
        using var key = TestKeys.Key("institution:acme:key-1");
        var json = key.Public.ToJson();
        Assert.Equal($"{{\"alg\":\"Ed25519\",\"id\":\"institution:acme:key-1\",\"pub\":\"{key.Public.Pub}\"}}",
            System.Text.Encoding.UTF8.GetString(CanonicalJson.Canonicalize(json)));
        Assert.Equal(key.Public, PublicKeyInfo.FromJson(json));
    }

    [Theory]
    [InlineData("{\"id\":\"k\",\"alg\":\"Ed448\",\"pub\":\"A6EHv_POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg\"}")]
    [InlineData("{\"id\":\"k\",\"alg\":\"Ed25519\",\"pub\":\"A6EHv_POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMb\"}")]
    [InlineData("{\"id\":\"k\",\"alg\":\"Ed25519\",\"pub\":\"A6EHv_POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=\"}")]
    [InlineData("{\"id\":\"k\",\"alg\":\"Ed25519\",\"pub\":\"A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg\"}")]
    [InlineData("{\"id\":\"k\",\"alg\":\"Ed25519\"}")]
    [InlineData("{\"id\":\"\",\"alg\":\"Ed25519\",\"pub\":\"A6EHv_POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg\"}")]
    [InlineData("{\"id\":\"k\",\"alg\":\"Ed25519\",\"pub\":\"A6EHv_POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg\",\"use\":\"sig\"}")]
    [InlineData("{\"id\":1,\"alg\":\"Ed25519\",\"pub\":\"A6EHv_POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg\"}")]
    [InlineData("[]")]
    public void public_keys_that_break_the_k_rules_are_refused_with_invalid_key(string json)
    {
        var ex = Assert.Throws<LedgerException>(() => PublicKeyInfo.FromJson(JsonNode.Parse(json)));
        Assert.Equal(ErrorCodes.InvalidKey, ex.Code);
    }
}
