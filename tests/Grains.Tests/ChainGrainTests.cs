using System.Text.Json.Nodes;
using Ddl.Grains.Chains;
using Ddl.Grains.Institutions;
using Ddl.Ledger;
using Ddl.Store;
using Ddl.Tests.Support;

namespace Ddl.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class ChainGrainTests(ClusterFixture fixture)
{
    private TestLedger Ledger => fixture.Ledger;

    private async Task<(string Id, SigningKey Key)> RegisterAsync(string kind = "pharmacy")
    {
        var id = TestLedger.NewId("institution");
        var key = SigningKey.Generate("k1");
        await fixture.Grains.GetChain(id).SubmitAsync(Ledger.Registration(id, kind, key));
        return (id, key);
    }

    private static JsonObject Body(int n) => new() { ["n"] = n, ["note"] = "café ☕ \u2028" };

    [Fact]
    public async Task a_registered_institution_appends_linked_entries_that_verify()
    {
        var (institution, key) = await RegisterAsync();
        var chain = TestLedger.NewId("patient");
        var grain = fixture.Grains.GetChain(chain);
        for (var i = 0; i < 5; i++)
        {
            var receipt = await grain.SubmitAsync(TestLedger.Sign(key, institution, chain, "patient.note", Body(i)));
            Assert.Equal(i, receipt.Seq);
            Assert.False(receipt.Duplicate);
        }

        var rows = await StoredChains.ReadAllAsync(fixture.Store, chain);
        Assert.Equal([0L, 1, 2, 3, 4], rows.Select(r => r.Seq));
        Assert.Equal(Hashes.ZeroHash, rows[0].Prev);
        for (var i = 1; i < rows.Count; i++)
        {
            Assert.Equal(rows[i - 1].Hash, rows[i].Prev);
        }

        Assert.Null(await StoredChains.VerifyAsync(fixture.Store, Ledger.Genesis, chain, institution));
        Assert.Null(await StoredChains.VerifyAsync(fixture.Store, Ledger.Genesis, institution, institution));
        Assert.Equal((5L, rows[^1].Hash), await grain.GetHeadAsync());
    }

    [Fact]
    public async Task resubmitting_the_same_author_and_nonce_returns_the_original_receipt_and_appends_nothing()
    {
        var (institution, key) = await RegisterAsync();
        var chain = TestLedger.NewId("patient");
        var signed = TestLedger.Sign(key, institution, chain, "patient.note", Body(1), nonce: "n-1");
        var first = await fixture.Grains.GetChain(chain).SubmitAsync(signed);
        var again = await fixture.Grains.GetChain(chain).SubmitAsync(signed);

        Assert.True(again.Duplicate);
        Assert.Equal((first.Chain, first.Seq, first.Hash), (again.Chain, again.Seq, again.Hash));
        Assert.Single(await StoredChains.ReadAllAsync(fixture.Store, chain));
    }

    [Fact]
    public async Task reusing_a_nonce_for_a_different_submission_is_refused_even_on_another_chain()
    {
        var (institution, key) = await RegisterAsync();
        var chain = TestLedger.NewId("patient");
        var other = TestLedger.NewId("patient");
        await fixture.Grains.GetChain(chain).SubmitAsync(TestLedger.Sign(key, institution, chain, "patient.note", Body(1), nonce: "shared"));

        var sameChain = await Assert.ThrowsAsync<LedgerException>(() =>
            fixture.Grains.GetChain(chain).SubmitAsync(TestLedger.Sign(key, institution, chain, "patient.note", Body(2), nonce: "shared")));
        var otherChain = await Assert.ThrowsAsync<LedgerException>(() =>
            fixture.Grains.GetChain(other).SubmitAsync(TestLedger.Sign(key, institution, other, "patient.note", Body(2), nonce: "shared")));

        Assert.Equal(ErrorCodes.NonceReused, sameChain.Code);
        Assert.Equal(ErrorCodes.NonceReused, otherChain.Code);
        Assert.Single(await StoredChains.ReadAllAsync(fixture.Store, chain));
        Assert.Empty(await StoredChains.ReadAllAsync(fixture.Store, other));
    }

    [Fact]
    public async Task refusals_carry_their_code_across_silos_and_write_nothing()
    {
        var (institution, key) = await RegisterAsync();
        var stranger = SigningKey.Generate("k1");
        var chain = TestLedger.NewId("patient");
        var grain = fixture.Grains.GetChain(chain);
        var good = TestLedger.Sign(key, institution, chain, "patient.note", Body(1));
        var cases = new (string Code, Ddl.Grains.Wire.SignedSubmission Signed)[]
        {
            (ErrorCodes.BadSignature, TestLedger.Sign(stranger, institution, chain, "patient.note", Body(1))),
            (ErrorCodes.BadSignature, good with { Sig = good.Sig[..^2] + (good.Sig[^2] == 'A' ? "B" : "A") + good.Sig[^1] }),
            (ErrorCodes.WrongChain, TestLedger.Sign(key, institution, TestLedger.NewId("patient"), "patient.note", Body(1))),
            (ErrorCodes.UnknownAuthor, TestLedger.Sign(key, TestLedger.NewId("institution"), chain, "patient.note", Body(1))),
            (ErrorCodes.UnknownKey, TestLedger.Sign(SigningKey.Generate("k9"), institution, chain, "patient.note", Body(1))),
            (ErrorCodes.FloatNotAllowed, good with { Submission = good.Submission.Replace("\"n\":1", "\"n\":1.5") }),
            (ErrorCodes.MalformedJson, good with { Submission = good.Submission[..^1] }),
            (ErrorCodes.Forbidden, TestLedger.Sign(Ledger.Authority, TestLedger.AuthorityId, chain, "patient.note", Body(1))),
            (ErrorCodes.UnknownEventType, TestLedger.Sign(key, institution, chain, "prescription.note", Body(1))),
        };

        foreach (var (code, signed) in cases)
        {
            var refusal = await Assert.ThrowsAsync<LedgerException>(() => grain.SubmitAsync(signed));
            Assert.True(code == refusal.Code, $"expected {code}, got {refusal.Code}: {refusal.Message}");
        }

        Assert.Empty(await StoredChains.ReadAllAsync(fixture.Store, chain));
        Assert.Equal(0, (await grain.GetHeadAsync()).Length);
    }

    [Fact]
    public async Task a_revoked_key_signs_nothing_after_its_revocation_and_earlier_entries_still_verify()
    {
        var (institution, key) = await RegisterAsync();
        var second = SigningKey.Generate("k2");
        var chain = TestLedger.NewId("patient");
        await fixture.Grains.GetChain(chain).SubmitAsync(TestLedger.Sign(key, institution, chain, "patient.note", Body(1)));
        await fixture.Grains.GetChain(institution).SubmitAsync(TestLedger.Sign(key, institution, institution, "institution.key.added", new JsonObject { ["key"] = second.Public.ToJson() }));
        await fixture.Grains.GetChain(institution).SubmitAsync(TestLedger.Sign(second, institution, institution, "institution.key.revoked", new JsonObject { ["id"] = "k1" }));

        var refusal = await Assert.ThrowsAsync<LedgerException>(() =>
            fixture.Grains.GetChain(chain).SubmitAsync(TestLedger.Sign(key, institution, chain, "patient.note", Body(2))));
        Assert.Equal(ErrorCodes.KeyRevoked, refusal.Code);
        await fixture.Grains.GetChain(chain).SubmitAsync(TestLedger.Sign(second, institution, chain, "patient.note", Body(3)));

        Assert.Equal(2, (await StoredChains.ReadAllAsync(fixture.Store, chain)).Count);
        Assert.Null(await StoredChains.VerifyAsync(fixture.Store, Ledger.Genesis, chain, institution));
        Assert.Null(await StoredChains.VerifyAsync(fixture.Store, Ledger.Genesis, institution, institution));
        var view = await fixture.Grains.GetGrain<IInstitutionGrain>(institution).GetAsync();
        Assert.NotNull(view!.Keys.Single(k => k.Id == "k1").RevokedAt);
    }

    [Fact]
    public async Task only_an_authority_registers_and_a_suspended_institution_writes_nothing()
    {
        var (institution, key) = await RegisterAsync();
        var self = TestLedger.NewId("institution");
        var selfRegistration = await Assert.ThrowsAsync<LedgerException>(() => fixture.Grains.GetChain(self).SubmitAsync(
            TestLedger.Sign(key, institution, self, "institution.registered", new JsonObject { ["kind"] = "pharmacy" })));
        Assert.Equal(ErrorCodes.Forbidden, selfRegistration.Code);

        await fixture.Grains.GetChain(institution).SubmitAsync(
            TestLedger.Sign(Ledger.Authority, TestLedger.AuthorityId, institution, "institution.suspended", new JsonObject { ["reason"] = "audit" }));
        var chain = TestLedger.NewId("patient");
        var refusal = await Assert.ThrowsAsync<LedgerException>(() =>
            fixture.Grains.GetChain(chain).SubmitAsync(TestLedger.Sign(key, institution, chain, "patient.note", Body(1))));
        Assert.Equal(ErrorCodes.InstitutionSuspended, refusal.Code);
        Assert.Empty(await StoredChains.ReadAllAsync(fixture.Store, chain));
    }

    [Fact]
    public async Task a_writer_that_lost_a_race_for_a_seq_never_forks_the_chain_and_recovers_on_retry()
    {
        var (institution, key) = await RegisterAsync();
        var chain = TestLedger.NewId("patient");
        var grain = fixture.Grains.GetChain(chain);
        await grain.SubmitAsync(TestLedger.Sign(key, institution, chain, "patient.note", Body(0)));

        // Another writer (a stale second activation, say) takes seq 1 behind the grain's back.
        var head = (await StoredChains.ReadAllAsync(fixture.Store, chain))[^1];
        var intruderSigned = TestLedger.Sign(key, institution, chain, "patient.note", Body(99));
        var intruder = Entry.Create(Submission.Parse(intruderSigned.Submission), intruderSigned.Sig, 1, head.Hash, DateTimeOffset.UtcNow);
        var intruderRow = new StoredEntry(chain, 1, intruder.Hash(), head.Hash, institution, intruder.Submission.Nonce,
            intruder.Submission.Type, intruder.RecordedAt, intruder.CanonicalText());
        Assert.IsType<AppendOutcome.Appended>(await fixture.Store.AppendAsync(intruderRow));

        var next = TestLedger.Sign(key, institution, chain, "patient.note", Body(2));
        var conflict = await Assert.ThrowsAsync<LedgerException>(() => grain.SubmitAsync(next));
        Assert.Equal(ErrorCodes.ChainConflict, conflict.Code);
        var retried = await grain.SubmitAsync(next);

        Assert.Equal(2, retried.Seq);
        var rows = await StoredChains.ReadAllAsync(fixture.Store, chain);
        Assert.Equal([0L, 1, 2], rows.Select(r => r.Seq));
        Assert.Equal(rows[1].Hash, rows[2].Prev);
    }

    [Fact]
    public async Task many_concurrent_submissions_to_one_chain_get_distinct_consecutive_seqs()
    {
        var (institution, key) = await RegisterAsync();
        var chain = TestLedger.NewId("patient");
        var receipts = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            fixture.Grains.GetChain(chain).SubmitAsync(TestLedger.Sign(key, institution, chain, "patient.note", Body(i)))));

        Assert.Equal(Enumerable.Range(0, 40).Select(i => (long)i), receipts.Select(r => r.Seq).Order());
        Assert.Null(await StoredChains.VerifyAsync(fixture.Store, Ledger.Genesis, chain, institution));
    }

    [Fact]
    public async Task a_chain_rebuilds_its_head_from_the_store_on_a_new_activation()
    {
        var (institution, key) = await RegisterAsync();
        var chain = TestLedger.NewId("patient");
        await fixture.Grains.GetChain(chain).SubmitAsync(TestLedger.Sign(key, institution, chain, "patient.note", Body(0)));
        await fixture.Grains.GetChain(chain).SubmitAsync(TestLedger.Sign(key, institution, chain, "patient.note", Body(1)));

        // Deactivate wherever it lives; the next call activates it afresh from the store.
        await fixture.Cluster.DeactivateAsync(fixture.Grains.GetChain(chain));
        var receipt = await fixture.Grains.GetChain(chain).SubmitAsync(TestLedger.Sign(key, institution, chain, "patient.note", Body(2)));

        Assert.Equal(2, receipt.Seq);
        Assert.Null(await StoredChains.VerifyAsync(fixture.Store, Ledger.Genesis, chain, institution));
    }
}
