using System.Text;
using Ddl.Ledger.Tests.Support;

namespace Ddl.Ledger.Tests.Documents;

public class CheckpointTests
{
    private static Checkpoint Fixed() => Checkpoint.Create("ddl-test", 1, 1, Hex.Bytes(string.Concat(Enumerable.Repeat("ab", 32))),
        new DateTimeOffset(2026, 11, 25, 17, 0, 5, TimeSpan.Zero), "notary-1");

    [Fact]
    public void the_fixed_checkpoint_is_written_as_the_canonical_text_by_hand()
    {
        Assert.Equal(Encoding.UTF8.GetBytes(FixedVectors.CheckpointText), Fixed().CanonicalBytes());
        Assert.Equal(Fixed().CanonicalBytes(), CanonicalJson.Canonicalize(Fixed().ToJson()));
    }

    [Fact]
    public void signing_reproduces_the_independently_computed_signature_and_verifies()
    {
        using var notary = SigningKey.FromSeed("notary-1", FixedVectors.Seed);
        Assert.Equal(FixedVectors.CheckpointSig, Fixed().Sign(notary));
        Assert.True(Fixed().Verify(notary.Public, FixedVectors.CheckpointSig));
        Assert.False((Fixed() with { Size = 2 }).Verify(notary.Public, FixedVectors.CheckpointSig));
    }

    [Fact]
    public void a_submission_signature_is_never_a_checkpoint_signature()
    {
        using var notary = SigningKey.FromSeed("notary-1", FixedVectors.Seed);
        var asSubmission = notary.Sign(Tags.Submission, Fixed().CanonicalBytes());
        Assert.False(Fixed().Verify(notary.Public, asSubmission));
    }

    [Fact]
    public void from_json_round_trips()
    {
        Assert.Equal(Fixed(), Checkpoint.FromJson(Fixed().ToJson()));
        Assert.Equal(Fixed(), Checkpoint.Parse(FixedVectors.CheckpointText));
        Assert.Equal(Hex.Bytes(string.Concat(Enumerable.Repeat("ab", 32))), Fixed().RootBytes());
    }

    [Theory]
    [InlineData("\"v\":1", "\"v\":2", ErrorCodes.UnsupportedVersion)]
    [InlineData("\"number\":1", "\"number\":0", ErrorCodes.InvalidCheckpoint)]
    [InlineData("\"size\":1", "\"size\":-1", ErrorCodes.InvalidCheckpoint)]
    [InlineData("\"root\":\"ab", "\"root\":\"AB", ErrorCodes.InvalidCheckpoint)]
    [InlineData("\"sealedAt\":\"2026-11-25T17:00:05.000Z\"", "\"sealedAt\":\"2026-11-25\"", ErrorCodes.InvalidTime)]
    [InlineData("\"v\":1", "\"v\":1,\"extra\":1", ErrorCodes.InvalidCheckpoint)]
    [InlineData("\"key\":\"notary-1\",", "", ErrorCodes.InvalidCheckpoint)]
    public void broken_checkpoints_are_refused(string find, string replace, string code)
    {
        var text = FixedVectors.CheckpointText.Replace(find, replace);
        Assert.NotEqual(FixedVectors.CheckpointText, text);
        var ex = Assert.Throws<LedgerException>(() => Checkpoint.Parse(text));
        Assert.Equal(code, ex.Code);
    }
}
