using System.Text.Json.Nodes;

namespace Ddl.Ledger;

/// <summary>
/// The ledger's root of trust (PROTOCOL.md 6), published as
/// <c>{"ledger": id, "authorities": [{"id", "key": K}], "notary": K, "system": K}</c>.
/// </summary>
public sealed record Genesis(string LedgerId, IReadOnlyList<AuthorityKey> Authorities, PublicKeyInfo Notary, PublicKeyInfo System)
{
    public JsonObject ToJson()
    {
        var authorities = new JsonArray();
        foreach (var authority in Authorities)
        {
            authorities.Add(authority.ToJson());
        }
        return new JsonObject
        {
            ["authorities"] = authorities,
            ["ledger"] = LedgerId,
            ["notary"] = Notary.ToJson(),
            ["system"] = System.ToJson(),
        };
    }

    public byte[] CanonicalBytes() => CanonicalJson.Canonicalize(ToJson());

    public static Genesis Parse(string json) => FromJson(CanonicalJson.ParseObject(json));

    /// <exception cref="LedgerException">INVALID_GENESIS, INVALID_KEY.</exception>
    public static Genesis FromJson(JsonNode node)
    {
        var m = new Members(node, ErrorCodes.InvalidGenesis, "genesis");
        m.Only("ledger", "authorities", "notary", "system");
        if (m.Node("authorities") is not JsonArray array)
        {
            throw m.Fail("member \"authorities\" must be an array");
        }
        var authorities = new List<AuthorityKey>(array.Count);
        foreach (var item in array)
        {
            authorities.Add(AuthorityKey.FromJson(item));
        }
        var genesis = new Genesis(m.String("ledger"), authorities, PublicKeyInfo.FromJson(m.Node("notary")), PublicKeyInfo.FromJson(m.Node("system")));
        genesis.Validate();
        return genesis;
    }

    /// <exception cref="LedgerException">INVALID_GENESIS, INVALID_KEY.</exception>
    public void Validate()
    {
        if (!Syntax.IsLocal(LedgerId))
        {
            throw Invalid($"ledger id \"{LedgerId}\" is not 1-64 of A-Z a-z 0-9 . _ -");
        }
        if (Authorities is null || Authorities.Count == 0)
        {
            throw Invalid("at least one registry authority is required, or no institution could ever be registered");
        }
        var seen = new HashSet<(string, string)>();
        foreach (var authority in Authorities)
        {
            if (!Authors.IsAuthority(authority.Id))
            {
                throw Invalid($"authority id \"{authority.Id}\" is not authority:<local>");
            }
            authority.Key.Validate();
            // An authority may list several keys, but (authority, key id) must pick exactly one.
            if (!seen.Add((authority.Id, authority.Key.Id)))
            {
                throw Invalid($"authority {authority.Id} lists key {authority.Key.Id} twice");
            }
        }
        Notary.Validate();
        System.Validate();
    }

    private static LedgerException Invalid(string message) => new(ErrorCodes.InvalidGenesis, $"genesis: {message}");
}
