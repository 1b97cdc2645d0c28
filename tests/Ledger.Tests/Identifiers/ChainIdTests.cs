namespace Ddl.Ledger.Tests.Identifiers;

public class ChainIdTests
{
    [Theory]
    [InlineData("institution:acme", ChainKind.Institution, "acme")]
    [InlineData("patient:P-0001", ChainKind.Patient, "P-0001")]
    [InlineData("prescription:rx.2026_11.0001", ChainKind.Prescription, "rx.2026_11.0001")]
    [InlineData("treatment:t1", ChainKind.Treatment, "t1")]
    public void parses_each_kind_and_prints_it_back(string text, ChainKind kind, string local)
    {
        var id = ChainId.Parse(text);
        Assert.Equal(new ChainId(kind, local), id);
        Assert.Equal(text, id.ToString());
        Assert.Equal(text, id.Value);
    }

    [Fact]
    public void accepts_a_local_part_of_exactly_64_characters()
    {
        Assert.True(ChainId.TryParse("patient:" + new string('a', 64), out _));
        Assert.False(ChainId.TryParse("patient:" + new string('a', 65), out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("patient")]
    [InlineData("patient:")]
    [InlineData(":abc")]
    [InlineData("Patient:abc")]
    [InlineData("doctor:abc")]
    [InlineData("patient:a b")]
    [InlineData("patient:a:b")]
    [InlineData("patient:é")]
    [InlineData("patient:a/b")]
    [InlineData(" patient:abc")]
    public void refuses_anything_else_with_invalid_chain_id(string text)
    {
        Assert.False(ChainId.TryParse(text, out _));
        var ex = Assert.Throws<LedgerException>(() => ChainId.Parse(text));
        Assert.Equal(ErrorCodes.InvalidChainId, ex.Code);
    }

    [Theory]
    [InlineData("ledger", true, false, false)]
    [InlineData("authority:registry", true, true, false)]
    [InlineData("institution:acme", true, false, true)]
    [InlineData("patient:p1", false, false, false)]
    [InlineData("authority:", false, false, false)]
    [InlineData("Ledger", false, false, false)]
    [InlineData("authority:a b", false, false, false)]
    public void authors_are_institutions_authorities_or_the_ledger(string author, bool valid, bool authority, bool institution)
    {
        Assert.Equal(valid, Authors.IsValid(author));
        Assert.Equal(authority, Authors.IsAuthority(author));
        Assert.Equal(institution, Authors.IsInstitution(author));
    }
}
