using System.Text.Json.Nodes;
using Ddl.Ledger.Tests.Support;
using static Ddl.Ledger.Tests.Support.LedgerWorld;

namespace Ddl.Ledger.Tests.Keys;

public class KeyDirectoryTests
{
    private const string Pharmacy = "institution:pharmacy-1";

    private readonly LedgerWorld _world = new();
    private readonly SigningKey _key1 = TestKeys.Key("pharmacy-key-1");
    private readonly SigningKey _key2 = TestKeys.Key("pharmacy-key-2");

    private static string At(int minute) => LedgerTime.Format(Minute(minute));

    private (KeyDirectory Keys, ChainWriter Chain) Registered()
    {
        var keys = new KeyDirectory(_world.Genesis);
        var chain = _world.RegisterInstitution(Pharmacy, _key1);
        keys.Apply(chain.Entries[0]);
        return (keys, chain);
    }

    [Fact]
    public void a_registered_institutions_keys_are_valid_from_the_registration()
    {
        var (keys, _) = Registered();
        Assert.True(keys.IsRegistered(Pharmacy));
        Assert.Equal(_key1.Public, keys.Resolve(Pharmacy, _key1.Id, At(0)).Key);
        Assert.Equal(ErrorCodes.KeyNotYetValid, keys.Resolve(Pharmacy, _key1.Id, "2025-12-31T23:59:59.999Z").Code);
        var validity = Assert.Single(keys.KeysOf(Pharmacy));
        Assert.Equal(new KeyValidity(_key1.Public, At(0), null), validity);
    }

    [Fact]
    public void an_added_key_is_valid_from_the_entry_that_added_it()
    {
        var (keys, chain) = Registered();
        keys.Apply(chain.Append(InstitutionEvents.KeyAdded, Pharmacy, _key1, new JsonObject { ["key"] = _key2.Public.ToJson() }, Minute(10)));

        Assert.Equal(ErrorCodes.KeyNotYetValid, keys.Resolve(Pharmacy, _key2.Id, "2026-01-01T00:09:59.999Z").Code);
        Assert.Equal(_key2.Public, keys.Resolve(Pharmacy, _key2.Id, At(10)).Key);
        Assert.Equal(_key2.Public, keys.Resolve(Pharmacy, _key2.Id, At(5000)).Key);
    }

    [Fact]
    public void a_revoked_key_is_invalid_from_the_entry_that_revoked_it()
    {
        var (keys, chain) = Registered();
        keys.Apply(chain.Append(InstitutionEvents.KeyAdded, Pharmacy, _key1, new JsonObject { ["key"] = _key2.Public.ToJson() }, Minute(10)));
        keys.Apply(chain.Append(InstitutionEvents.KeyRevoked, Pharmacy, _key2, new JsonObject { ["id"] = _key1.Id }, Minute(20)));

        Assert.Equal(_key1.Public, keys.Resolve(Pharmacy, _key1.Id, "2026-01-01T00:19:59.999Z").Key);
        Assert.Equal(ErrorCodes.KeyRevoked, keys.Resolve(Pharmacy, _key1.Id, At(20)).Code);
        Assert.Equal(ErrorCodes.KeyRevoked, keys.Resolve(Pharmacy, _key1.Id, At(30)).Code);
        Assert.Equal(new KeyValidity(_key1.Public, At(0), At(20)), keys.KeysOf(Pharmacy)[0]);
    }

    [Fact]
    public void an_institution_may_revoke_the_key_it_signs_the_revocation_with()
    {
        var (keys, chain) = Registered();
        keys.Apply(chain.Append(InstitutionEvents.KeyRevoked, Pharmacy, _key1, new JsonObject { ["id"] = _key1.Id }, Minute(5)));
        Assert.Equal(ErrorCodes.KeyRevoked, keys.Resolve(Pharmacy, _key1.Id, At(5)).Code);
    }

    [Fact]
    public void an_entry_signed_with_a_key_the_institution_no_longer_holds_is_refused()
    {
        var (keys, chain) = Registered();
        keys.Apply(chain.Append(InstitutionEvents.KeyAdded, Pharmacy, _key1, new JsonObject { ["key"] = _key2.Public.ToJson() }, Minute(10)));
        keys.Apply(chain.Append(InstitutionEvents.KeyRevoked, Pharmacy, _key2, new JsonObject { ["id"] = _key1.Id }, Minute(20)));

        using var key3 = TestKeys.Key("pharmacy-key-3");
        var late = chain.Append(InstitutionEvents.KeyAdded, Pharmacy, _key1, new JsonObject { ["key"] = key3.Public.ToJson() }, Minute(30));
        var ex = Assert.Throws<LedgerException>(() => keys.Apply(late));
        Assert.Equal(ErrorCodes.KeyRevoked, ex.Code);
        Assert.Equal(ErrorCodes.UnknownKey, keys.Resolve(Pharmacy, key3.Id, At(40)).Code);
    }

    [Fact]
    public void an_authority_may_add_keys_to_any_institution()
    {
        var (keys, chain) = Registered();
        keys.Apply(chain.Append(InstitutionEvents.KeyAdded, AuthorityId, _world.Authority, new JsonObject { ["key"] = _key2.Public.ToJson() }, Minute(3)));
        Assert.Equal(_key2.Public, keys.Resolve(Pharmacy, _key2.Id, At(3)).Key);
    }

    [Fact]
    public void another_institution_may_not_change_an_institutions_keys()
    {
        var (keys, chain) = Registered();
        var other = _world.RegisterInstitution("institution:other", _key2);
        keys.Apply(other.Entries[0]);
        var entry = chain.Append(InstitutionEvents.KeyAdded, "institution:other", _key2, new JsonObject { ["key"] = _key2.Public.ToJson() }, Minute(3));
        Assert.Equal(ErrorCodes.NotAuthorized, Assert.Throws<LedgerException>(() => keys.Apply(entry)).Code);
    }

    [Fact]
    public void an_institution_may_not_register_itself()
    {
        var keys = new KeyDirectory(_world.Genesis);
        var chain = _world.Chain(Pharmacy);
        var entry = chain.Append(InstitutionEvents.Registered, Pharmacy, _key1,
            new JsonObject { ["kind"] = "pharmacy", ["name"] = "P", ["region"] = "r", ["keys"] = new JsonArray(_key1.Public.ToJson()) }, Minute(0));
        Assert.Equal(ErrorCodes.NotAuthorized, Assert.Throws<LedgerException>(() => keys.Apply(entry)).Code);
        Assert.False(keys.IsRegistered(Pharmacy));
    }

    [Fact]
    public void a_registration_with_a_forged_authority_signature_is_refused()
    {
        var keys = new KeyDirectory(_world.Genesis);
        using var forger = TestKeys.Key(_world.Authority.Id, "forger");
        var chain = _world.Chain(Pharmacy);
        var entry = chain.Append(InstitutionEvents.Registered, AuthorityId, forger,
            new JsonObject { ["kind"] = "pharmacy", ["name"] = "P", ["region"] = "r", ["keys"] = new JsonArray(_key1.Public.ToJson()) }, Minute(0));
        Assert.Equal(ErrorCodes.BadSignature, Assert.Throws<LedgerException>(() => keys.Apply(entry)).Code);
    }

    [Fact]
    public void a_registration_must_name_a_known_kind_and_at_least_one_key()
    {
        var keys = new KeyDirectory(_world.Genesis);
        var badKind = _world.Chain(Pharmacy).Append(InstitutionEvents.Registered, AuthorityId, _world.Authority,
            new JsonObject { ["kind"] = "bakery", ["name"] = "P", ["region"] = "r", ["keys"] = new JsonArray(_key1.Public.ToJson()) }, Minute(0));
        Assert.Equal(ErrorCodes.InvalidSubmission, Assert.Throws<LedgerException>(() => keys.Apply(badKind)).Code);
        var noKeys = _world.Chain(Pharmacy).Append(InstitutionEvents.Registered, AuthorityId, _world.Authority,
            new JsonObject { ["kind"] = "pharmacy", ["name"] = "P", ["region"] = "r", ["keys"] = new JsonArray() }, Minute(0));
        Assert.Equal(ErrorCodes.InvalidSubmission, Assert.Throws<LedgerException>(() => keys.Apply(noKeys)).Code);
    }

    [Fact]
    public void a_key_id_is_never_reused_within_an_institution()
    {
        var (keys, chain) = Registered();
        keys.Apply(chain.Append(InstitutionEvents.KeyRevoked, Pharmacy, _key1, new JsonObject { ["id"] = _key1.Id }, Minute(5)));
        using var sameId = TestKeys.Key(_key1.Id, "replacement");
        var readd = chain.Append(InstitutionEvents.KeyAdded, AuthorityId, _world.Authority, new JsonObject { ["key"] = sameId.Public.ToJson() }, Minute(6));
        Assert.Equal(ErrorCodes.InvalidKey, Assert.Throws<LedgerException>(() => keys.Apply(readd)).Code);
    }

    [Fact]
    public void entries_on_an_unregistered_institution_chain_are_refused()
    {
        var keys = new KeyDirectory(_world.Genesis);
        var entry = _world.Chain(Pharmacy).Append(InstitutionEvents.KeyAdded, AuthorityId, _world.Authority, new JsonObject { ["key"] = _key1.Public.ToJson() }, Minute(0));
        Assert.Equal(ErrorCodes.InvalidSubmission, Assert.Throws<LedgerException>(() => keys.Apply(entry)).Code);
    }

    [Fact]
    public void domain_events_on_an_institution_chain_leave_keys_unchanged()
    {
        var (keys, chain) = Registered();
        keys.Apply(chain.Append("institution.suspended", AuthorityId, _world.Authority, new JsonObject { ["reason"] = "audit" }, Minute(7)));
        Assert.Equal(_key1.Public, keys.Resolve(Pharmacy, _key1.Id, At(8)).Key);
        Assert.Single(keys.KeysOf(Pharmacy));
    }

    [Fact]
    public void applying_the_same_entry_twice_is_refused()
    {
        var (keys, chain) = Registered();
        var added = chain.Append(InstitutionEvents.KeyAdded, Pharmacy, _key1, new JsonObject { ["key"] = _key2.Public.ToJson() }, Minute(10));
        keys.Apply(added);
        Assert.Equal(ErrorCodes.SeqGap, Assert.Throws<LedgerException>(() => keys.Apply(added)).Code);
    }

    [Fact]
    public void genesis_keys_resolve_for_the_ledger_and_the_authorities_at_any_time()
    {
        var keys = new KeyDirectory(_world.Genesis);
        Assert.Equal(_world.System.Public, keys.Resolve(Authors.Ledger, _world.System.Id, At(0)).Key);
        Assert.Equal(_world.Authority.Public, keys.Resolve(AuthorityId, _world.Authority.Id, "1970-01-01T00:00:00.000Z").Key);
        Assert.Equal(ErrorCodes.UnknownKey, keys.Resolve(Authors.Ledger, "other", At(0)).Code);
        Assert.Equal(ErrorCodes.UnknownKey, keys.Resolve(AuthorityId, "other", At(0)).Code);
        Assert.Equal(ErrorCodes.UnknownAuthor, keys.Resolve("authority:nobody", _world.Authority.Id, At(0)).Code);
        Assert.Equal(ErrorCodes.UnknownAuthor, keys.Resolve("institution:nobody", "k", At(0)).Code);
        Assert.Equal(ErrorCodes.UnknownAuthor, keys.Resolve("patient:p1", "k", At(0)).Code);
        Assert.Empty(keys.KeysOf("institution:nobody"));
    }

    [Fact]
    public void the_notary_key_does_not_sign_for_the_ledger()
    {
        var keys = new KeyDirectory(_world.Genesis);
        Assert.Equal(ErrorCodes.UnknownKey, keys.Resolve(Authors.Ledger, _world.Notary.Id, At(0)).Code);
    }
}
