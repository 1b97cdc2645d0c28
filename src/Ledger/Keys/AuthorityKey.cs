using System.Text.Json.Nodes;

namespace Ddl.Ledger;

/// <summary>A registry authority named in the genesis: <c>{"id": "authority:&lt;local&gt;", "key": K}</c>.</summary>
public sealed record AuthorityKey(string Id, PublicKeyInfo Key)
{
    public JsonObject ToJson() => new() { ["id"] = Id, ["key"] = Key.ToJson() };

    /// <exception cref="LedgerException">INVALID_GENESIS, INVALID_KEY.</exception>
    public static AuthorityKey FromJson(JsonNode? node)
    {
        var m = new Members(node, ErrorCodes.InvalidGenesis, "authority");
        m.Only("id", "key");
        var id = m.String("id");
        if (!Authors.IsAuthority(id))
        {
            throw m.Fail($"id \"{id}\" is not authority:<local>");
        }
        return new AuthorityKey(id, PublicKeyInfo.FromJson(m.Node("key")));
    }
}
