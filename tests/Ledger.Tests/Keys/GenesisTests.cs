using System.Text;
using System.Text.Json.Nodes;
using Ddl.Ledger.Tests.Support;

namespace Ddl.Ledger.Tests.Keys;

public class GenesisTests
{
    [Fact]
    public void genesis_json_has_exactly_the_published_shape()
    {
        var world = new LedgerWorld();
        var k = (SigningKey key) => $"{{\"alg\":\"Ed25519\",\"id\":\"{key.Id}\",\"pub\":\"{key.Public.Pub}\"}}";
        var expected = $"{{\"authorities\":[{{\"id\":\"authority:registry\",\"key\":{k(world.Authority)}}}],\"ledger\":\"ddl-test\",\"notary\":{k(world.Notary)},\"system\":{k(world.System)}}}";
        Assert.Equal(expected, Encoding.UTF8.GetString(CanonicalJson.Canonicalize(world.Genesis.ToJson())));
    }

    [Fact]
    public void genesis_round_trips_through_json()
    {
        var world = new LedgerWorld();
        var back = Genesis.FromJson(world.Genesis.ToJson());
        Assert.Equal(world.Genesis.LedgerId, back.LedgerId);
        Assert.Equal(world.Genesis.Authorities, back.Authorities);
        Assert.Equal(world.Genesis.Notary, back.Notary);
        Assert.Equal(world.Genesis.System, back.System);
    }

    [Fact]
    public void a_genesis_without_authorities_is_refused()
    {
        var json = new LedgerWorld().Genesis.ToJson();
        json["authorities"] = new JsonArray();
        var ex = Assert.Throws<LedgerException>(() => Genesis.FromJson(json));
        Assert.Equal(ErrorCodes.InvalidGenesis, ex.Code);
    }

    [Fact]
    public void an_authority_id_must_be_authority_colon_local()
    {
        var json = new LedgerWorld().Genesis.ToJson();
        json["authorities"]![0]!["id"] = "institution:acme";
        var ex = Assert.Throws<LedgerException>(() => Genesis.FromJson(json));
        Assert.Equal(ErrorCodes.InvalidGenesis, ex.Code);
    }

    [Fact]
    public void a_genesis_with_an_unknown_member_is_refused()
    {
        var json = new LedgerWorld().Genesis.ToJson();
        json["extra"] = 1;
        var ex = Assert.Throws<LedgerException>(() => Genesis.FromJson(json));
        Assert.Equal(ErrorCodes.InvalidGenesis, ex.Code);
    }
}
