using System.Text;
using System.Text.Json.Nodes;

namespace Ddl.Ledger.Tests.Documents;

public class SubmissionTests
{
    [Fact]
    public void create_writes_the_canonical_text_by_hand()
    {
        Assert.Equal(Encoding.UTF8.GetBytes(FixedVectors.SubmissionText), FixedVectors.Submission().CanonicalBytes());
    }

    [Fact]
    public void signing_reproduces_the_independently_computed_signature()
    {
        using var key = SigningKey.FromSeed("clinic-key-1", FixedVectors.Seed);
        Assert.Equal(FixedVectors.PublicKey, key.Public.Pub);
        Assert.Equal(FixedVectors.Sig, FixedVectors.Submission().Sign(key));
    }

    [Fact]
    public void sign_then_verify_round_trips()
    {
        using var key = SigningKey.Generate("clinic-key-2");
        var submission = FixedVectors.Submission();
        var sig = submission.Sign(key);
        Assert.True(submission.Verify(key.Public, sig));
        Assert.True(Submission.Parse(FixedVectors.SubmissionText).Verify(key.Public, sig));
    }

    [Fact]
    public void one_flipped_byte_in_the_signed_text_fails_verification()
    {
        using var key = SigningKey.FromSeed("clinic-key-1", FixedVectors.Seed);
        var bytes = Encoding.UTF8.GetBytes(FixedVectors.SubmissionText);
        for (var i = 0; i < bytes.Length; i += 7)
        {
            var flipped = (byte[])bytes.Clone();
            flipped[i] ^= 0x01;
            Assert.False(Signatures.Verify(key.Public, Tags.Submission, flipped, FixedVectors.Sig));
        }
        Assert.True(Signatures.Verify(key.Public, Tags.Submission, bytes, FixedVectors.Sig));
    }

    [Fact]
    public void a_changed_body_no_longer_verifies()
    {
        using var key = SigningKey.FromSeed("clinic-key-1", FixedVectors.Seed);
        var body = FixedVectors.Body();
        body["quantity"] = 210;
        var changed = FixedVectors.Submission() with { Body = body };
        Assert.False(changed.Verify(key.Public, FixedVectors.Sig));
    }

    [Fact]
    public void parse_and_to_json_round_trip_and_equality_is_by_content()
    {
        var parsed = Submission.Parse(FixedVectors.SubmissionText);
        Assert.Equal(FixedVectors.Submission(), parsed);
        Assert.Equal(parsed, Submission.FromJson(parsed.ToJson()));
        Assert.Equal(FixedVectors.Submission().GetHashCode(), parsed.GetHashCode());
        Assert.NotEqual(parsed, parsed with { Nonce = "n-0002" });
    }

    [Fact]
    public void from_json_does_not_share_or_modify_the_callers_object()
    {
        var json = CanonicalJson.ParseObject(FixedVectors.SubmissionText);
        var submission = Submission.FromJson(json);
        Assert.NotNull(json["body"]);
        json["body"]!["quantity"] = 1;
        Assert.Equal(21L, submission.Body["quantity"]!.GetValue<long>());
    }

    public static TheoryData<string, string, string> Broken => new()
    {
        { "\"v\":1", "\"v\":2", ErrorCodes.UnsupportedVersion },
        { "\"v\":1", "\"v\":\"1\"", ErrorCodes.InvalidSubmission },
        { ",\"v\":1", "", ErrorCodes.InvalidSubmission },
        { "\"v\":1", "\"v\":1,\"extra\":0", ErrorCodes.InvalidSubmission },
        { "\"type\":\"prescription.issued\"", "\"type\":\"Prescription.Issued\"", ErrorCodes.InvalidSubmission },
        { "\"type\":\"prescription.issued\"", "\"type\":\"\"", ErrorCodes.InvalidSubmission },
        { "\"chain\":\"prescription:rx-0001\"", "\"chain\":\"prescription:rx 0001\"", ErrorCodes.InvalidChainId },
        { "\"author\":\"institution:clinic-a\"", "\"author\":\"patient:p1\"", ErrorCodes.InvalidSubmission },
        { "\"key\":\"clinic-key-1\"", "\"key\":\"clinic key\"", ErrorCodes.InvalidSubmission },
        { "\"at\":\"2026-11-25T17:00:00.000Z\"", "\"at\":\"2026-11-25T17:00:00.000+01:00\"", ErrorCodes.InvalidTime },
        { "\"nonce\":\"n-0001\"", "\"nonce\":\"\"", ErrorCodes.InvalidSubmission },
        { "\"nonce\":\"n-0001\"", "\"nonce\":\"é\"", ErrorCodes.InvalidSubmission },
        { "\"nonce\":\"n-0001\"", "\"nonce\":7", ErrorCodes.InvalidSubmission },
        { "\"body\":{", "\"body\":[{", ErrorCodes.MalformedJson },
        { "\"quantity\":21", "\"quantity\":2.1e1", ErrorCodes.FloatNotAllowed },
        { "\"drug\":\"amoxicillin\"", "\"drug\":\"amoxicillin\",\"drug\":\"x\"", ErrorCodes.DuplicateKey },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void parse_refuses_a_broken_submission_with_the_code_of_its_fault(string find, string replace, string code)
    {
        var text = FixedVectors.SubmissionText.Replace(find, replace);
        Assert.NotEqual(FixedVectors.SubmissionText, text);
        var ex = Assert.Throws<LedgerException>(() => Submission.Parse(text));
        Assert.Equal(code, ex.Code);
    }

    [Fact]
    public void refusals_name_the_offending_member()
    {
        var ex = Assert.Throws<LedgerException>(() => Submission.Parse(FixedVectors.SubmissionText.Replace("\"nonce\":\"n-0001\",", "")));
        Assert.Contains("nonce", ex.Message);
    }

    [Fact]
    public void a_body_that_is_not_an_object_is_refused()
    {
        var text = FixedVectors.SubmissionText.Replace(
            "{\"drug\":\"amoxicillin\",\"note\":\"Zürich € \\\"500mg\\\"\\n\",\"quantity\":21,\"unit\":\"capsule\"}", "[]");
        Assert.NotEqual(FixedVectors.SubmissionText, text);
        var ex = Assert.Throws<LedgerException>(() => Submission.Parse(text));
        Assert.Equal(ErrorCodes.InvalidSubmission, ex.Code);
    }

    [Fact]
    public void a_body_built_in_code_with_a_double_is_refused_at_create()
    {
        var ex = Assert.Throws<LedgerException>(() => Submission.Create("x.y", "patient:p1", "ledger", "system-1",
            DateTimeOffset.UnixEpoch, "n", new JsonObject { ["dose"] = 0.5 }));
        Assert.Equal(ErrorCodes.FloatNotAllowed, ex.Code);
    }
}
