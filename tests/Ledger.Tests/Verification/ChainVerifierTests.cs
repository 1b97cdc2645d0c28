using System.Text.Json.Nodes;
using Ddl.Ledger.Tests.Support;
using static Ddl.Ledger.Tests.Support.LedgerWorld;

namespace Ddl.Ledger.Tests.Verification;

public class ChainVerifierTests
{
    private const string Clinic = "institution:clinic-a";
    private const string Rx = "prescription:rx-0001";

    private readonly LedgerWorld _world = new();
    private readonly SigningKey _clinicKey = TestKeys.Key("clinic-key-1");
    private readonly SigningKey _clinicKey2 = TestKeys.Key("clinic-key-2");
    private readonly ChainWriter _institution;
    private readonly ChainWriter _rx;

    public ChainVerifierTests()
    {
        _institution = _world.RegisterInstitution(Clinic, _clinicKey);
        _rx = _world.Chain(Rx);
        for (var i = 0; i < 5; i++)
        {
            _rx.Append("prescription.note", Clinic, _clinicKey, new JsonObject { ["n"] = i, ["text"] = "dose " + i }, Minute(10 + i));
        }
    }

    private KeyDirectory Directory()
    {
        var keys = new KeyDirectory(_world.Genesis);
        Assert.Null(ChainVerifier.VerifyInstitutionChain(_institution.Stored(), keys, Clinic));
        return keys;
    }

    private static void AssertFailure(VerificationFailure? failure, string code, long seq)
    {
        Assert.NotNull(failure);
        Assert.Equal((code, seq), (failure.Code, failure.Seq));
    }

    [Fact]
    public void a_valid_chain_has_no_failure_with_or_without_stored_hashes()
    {
        var keys = Directory();
        Assert.Null(ChainVerifier.Verify(_rx.Stored(), keys, Rx));
        Assert.Null(ChainVerifier.Verify(_rx.TextOnly(), keys, Rx));
        Assert.Null(ChainVerifier.Verify([], keys, Rx));
    }

    [Fact]
    public void a_changed_byte_in_a_body_is_a_bad_hash_at_that_entry()
    {
        var stored = _rx.Stored();
        stored[2] = (stored[2].CanonicalJson.Replace("dose 2", "dose 3"), stored[2].StoredHash);
        AssertFailure(ChainVerifier.Verify(stored, Directory(), Rx), ErrorCodes.BadHash, 2);
    }

    [Fact]
    public void a_changed_byte_without_stored_hashes_is_a_bad_signature_at_that_entry()
    {
        var stored = _rx.TextOnly();
        stored[2] = (stored[2].CanonicalJson.Replace("dose 2", "dose 3"), null);
        AssertFailure(ChainVerifier.Verify(stored, Directory(), Rx), ErrorCodes.BadSignature, 2);
    }

    [Fact]
    public void a_prev_that_is_not_the_hash_before_is_a_broken_link()
    {
        var relinked = _rx.Entries[3] with { Prev = _rx.Entries[1].Hash() };
        var stored = _rx.Stored();
        stored[3] = (relinked.CanonicalText(), relinked.Hash());
        AssertFailure(ChainVerifier.Verify(stored, Directory(), Rx), ErrorCodes.BrokenLink, 3);
    }

    [Fact]
    public void a_missing_entry_is_a_seq_gap()
    {
        var stored = _rx.Stored();
        stored.RemoveAt(2);
        AssertFailure(ChainVerifier.Verify(stored, Directory(), Rx), ErrorCodes.SeqGap, 2);
    }

    [Fact]
    public void a_chain_checked_as_another_is_the_wrong_chain()
    {
        AssertFailure(ChainVerifier.Verify(_rx.Stored(), Directory(), "prescription:rx-0002"), ErrorCodes.WrongChain, 0);
    }

    [Fact]
    public void an_entry_carrying_another_chains_submission_is_the_wrong_chain()
    {
        var other = _world.Chain("prescription:rx-0002");
        other.Append("prescription.note", Clinic, _clinicKey, new JsonObject { ["n"] = 0 }, Minute(10));
        var smuggled = Entry.Create(other.Entries[0].Submission, other.Entries[0].Sig, 0, Hashes.ZeroHash, Minute(10)) with { Chain = Rx };
        AssertFailure(ChainVerifier.Verify([(smuggled.CanonicalText(), smuggled.Hash())], Directory(), Rx), ErrorCodes.WrongChain, 0);
    }

    [Fact]
    public void a_signature_by_another_key_is_a_bad_signature()
    {
        using var impostor = TestKeys.Key(_clinicKey.Id, "impostor");
        var forged = _rx.Entries[1] with { Sig = _rx.Entries[1].Submission.Sign(impostor) };
        var stored = _rx.Stored();
        stored[1] = (forged.CanonicalText(), forged.Hash());
        AssertFailure(ChainVerifier.Verify(stored, Directory(), Rx), ErrorCodes.BadSignature, 1);
    }

    [Fact]
    public void an_entry_signed_with_a_revoked_key_fails_from_the_revocation_on()
    {
        // The clinic adds key 2 at minute 1, revokes key 1 at minute 12; entries at minutes 10
        // and 11 are still fine, the one at minute 12 is not.
        _institution.Append(InstitutionEvents.KeyAdded, Clinic, _clinicKey, new JsonObject { ["key"] = _clinicKey2.Public.ToJson() }, Minute(1));
        _institution.Append(InstitutionEvents.KeyRevoked, Clinic, _clinicKey2, new JsonObject { ["id"] = _clinicKey.Id }, Minute(12));
        AssertFailure(ChainVerifier.Verify(_rx.Stored(), Directory(), Rx), ErrorCodes.KeyRevoked, 2);
    }

    [Fact]
    public void an_unknown_key_and_an_unknown_author_are_named_as_such()
    {
        var keys = Directory();
        var chain = _world.Chain("patient:p1");
        using var stray = TestKeys.Key("stray-key");
        chain.Append("patient.note", Clinic, stray, new JsonObject(), Minute(10));
        AssertFailure(ChainVerifier.Verify(chain.Stored(), keys, "patient:p1"), ErrorCodes.UnknownKey, 0);

        var chain2 = _world.Chain("patient:p2");
        chain2.Append("patient.note", "institution:ghost", stray, new JsonObject(), Minute(10));
        AssertFailure(ChainVerifier.Verify(chain2.Stored(), keys, "patient:p2"), ErrorCodes.UnknownAuthor, 0);
    }

    [Fact]
    public void entries_by_the_ledger_verify_with_the_system_key()
    {
        var chain = _world.Chain("prescription:rx-9");
        chain.Append("prescription.expired", Authors.Ledger, _world.System, new JsonObject(), Minute(10));
        Assert.Null(ChainVerifier.Verify(chain.Stored(), Directory(), "prescription:rx-9"));
    }

    [Fact]
    public void stored_text_that_is_not_canonical_is_a_malformed_entry()
    {
        var stored = _rx.Stored();
        stored[1] = (stored[1].CanonicalJson.Replace("\"seq\":1,", "\"seq\": 1,"), stored[1].StoredHash);
        AssertFailure(ChainVerifier.Verify(stored, Directory(), Rx), ErrorCodes.MalformedEntry, 1);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("{\"v\":1}")]
    public void text_that_is_not_an_entry_is_a_malformed_entry(string text)
    {
        var stored = _rx.Stored();
        stored[4] = (text, null);
        AssertFailure(ChainVerifier.Verify(stored, Directory(), Rx), ErrorCodes.MalformedEntry, 4);
    }

    [Fact]
    public void an_entry_of_an_unknown_version_is_reported_as_such()
    {
        var stored = _rx.Stored();
        stored[0] = (stored[0].CanonicalJson.Replace(",\"v\":1}", ",\"v\":2}"), null);
        Assert.EndsWith(",\"v\":2}", stored[0].CanonicalJson);
        AssertFailure(ChainVerifier.Verify(stored, Directory(), Rx), ErrorCodes.UnsupportedVersion, 0);
    }

    [Fact]
    public void a_recorded_time_going_backwards_is_a_time_regression()
    {
        var chain = _world.Chain("treatment:t1");
        chain.Append("treatment.dose", Clinic, _clinicKey, new JsonObject(), Minute(20));
        chain.Append("treatment.dose", Clinic, _clinicKey, new JsonObject(), Minute(19));
        AssertFailure(ChainVerifier.Verify(chain.Stored(), Directory(), "treatment:t1"), ErrorCodes.TimeRegression, 1);
    }

    [Fact]
    public void institution_chains_build_the_directory_entry_by_entry()
    {
        _institution.Append(InstitutionEvents.KeyAdded, Clinic, _clinicKey, new JsonObject { ["key"] = _clinicKey2.Public.ToJson() }, Minute(1));
        _institution.Append(InstitutionEvents.KeyRevoked, Clinic, _clinicKey2, new JsonObject { ["id"] = _clinicKey.Id }, Minute(2));
        var keys = new KeyDirectory(_world.Genesis);
        Assert.Null(ChainVerifier.VerifyInstitutionChains(keys, [(Clinic, _institution.Stored())]));
        Assert.Equal(2, keys.KeysOf(Clinic).Count);
        Assert.Equal(LedgerTime.Format(Minute(2)), keys.KeysOf(Clinic)[0].RevokedAt);
    }

    [Fact]
    public void an_institution_chain_using_a_revoked_key_for_a_key_change_fails_there()
    {
        _institution.Append(InstitutionEvents.KeyAdded, Clinic, _clinicKey, new JsonObject { ["key"] = _clinicKey2.Public.ToJson() }, Minute(1));
        _institution.Append(InstitutionEvents.KeyRevoked, Clinic, _clinicKey2, new JsonObject { ["id"] = _clinicKey.Id }, Minute(2));
        using var key3 = TestKeys.Key("clinic-key-3");
        _institution.Append(InstitutionEvents.KeyAdded, Clinic, _clinicKey, new JsonObject { ["key"] = key3.Public.ToJson() }, Minute(3));
        var keys = new KeyDirectory(_world.Genesis);
        AssertFailure(ChainVerifier.VerifyInstitutionChain(_institution.Stored(), keys, Clinic), ErrorCodes.KeyRevoked, 3);
    }

    [Fact]
    public void an_institution_chain_not_registered_by_an_authority_fails_at_seq_0()
    {
        var rogue = _world.Chain("institution:rogue");
        rogue.Append(InstitutionEvents.Registered, "institution:rogue", _clinicKey,
            new JsonObject { ["kind"] = "pharmacy", ["name"] = "R", ["region"] = "r", ["keys"] = new JsonArray(_clinicKey.Public.ToJson()) }, Minute(0));
        var keys = new KeyDirectory(_world.Genesis);
        // Its signature cannot even be checked: an unregistered institution holds no keys.
        AssertFailure(ChainVerifier.VerifyInstitutionChain(rogue.Stored(), keys, "institution:rogue"), ErrorCodes.UnknownAuthor, 0);
    }
}
