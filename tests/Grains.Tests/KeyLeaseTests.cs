using System.Text.Json.Nodes;
using Ddl.Grains.Chains;
using Ddl.Ledger;
using Ddl.Tests.Support;

namespace Ddl.Grains.Tests;

/// <summary>
/// Every silo keeps short leases on "this institution may sign with this key" instead of asking
/// the institution's grain for each entry. A revocation or suspension must still hold on every
/// silo the moment it is acknowledged, and every entry accepted on a lease must verify offline.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class KeyLeaseTests(ClusterFixture fixture)
{
    private TestLedger Ledger => fixture.Ledger;

    [Fact]
    public async Task once_a_revocation_is_acknowledged_no_silo_accepts_the_key_and_everything_accepted_before_verifies()
    {
        var institution = TestLedger.NewId("institution");
        var key = SigningKey.Generate("k1");
        var second = SigningKey.Generate("k2");
        await fixture.Grains.GetChain(institution).SubmitAsync(Ledger.Registration(institution, "medical_centre", key, second));

        // Enough chains that every silo of the cluster writes some, and so holds a lease on k1.
        var chains = Enumerable.Range(0, 30).Select(_ => TestLedger.NewId("patient")).ToList();
        await Task.WhenAll(chains.Select(c => fixture.Grains.GetChain(c).SubmitAsync(Note(key, institution, c, 0))));

        // Entries keep arriving signed with k1 while it is being revoked.
        using var stop = new CancellationTokenSource();
        var writers = chains.Select(c => KeepWritingAsync(key, institution, c, stop.Token)).ToList();
        await fixture.Grains.GetChain(institution).SubmitAsync(
            TestLedger.Sign(second, institution, institution, "institution.key.revoked", new JsonObject { ["id"] = "k1" }));

        // Right after the acknowledgement, k1 is refused on every chain, whichever silo it lives on.
        var refusals = await Task.WhenAll(chains.Select(c => Assert.ThrowsAsync<LedgerException>(() =>
            fixture.Grains.GetChain(c).SubmitAsync(Note(key, institution, c, 1000)))));
        Assert.All(refusals, r => Assert.Equal(ErrorCodes.KeyRevoked, r.Code));
        stop.Cancel();
        await Task.WhenAll(writers);

        // What was accepted on a lease predates the revocation as recorded: every chain verifies.
        foreach (var chain in chains)
        {
            Assert.Null(await StoredChains.VerifyAsync(fixture.Store, Ledger.Genesis, chain, institution));
        }

        Assert.Null(await StoredChains.VerifyAsync(fixture.Store, Ledger.Genesis, institution, institution));
        await fixture.Grains.GetChain(chains[0]).SubmitAsync(Note(second, institution, chains[0], 2000));
    }

    [Fact]
    public async Task once_a_suspension_is_acknowledged_no_silo_accepts_the_institution()
    {
        var institution = TestLedger.NewId("institution");
        var key = SigningKey.Generate("k1");
        await fixture.Grains.GetChain(institution).SubmitAsync(Ledger.Registration(institution, "medical_centre", key));
        var chains = Enumerable.Range(0, 30).Select(_ => TestLedger.NewId("patient")).ToList();
        await Task.WhenAll(chains.Select(c => fixture.Grains.GetChain(c).SubmitAsync(Note(key, institution, c, 0))));

        await fixture.Grains.GetChain(institution).SubmitAsync(
            TestLedger.Sign(Ledger.Authority, TestLedger.AuthorityId, institution, "institution.suspended", new JsonObject()));

        var refusals = await Task.WhenAll(chains.Select(c => Assert.ThrowsAsync<LedgerException>(() =>
            fixture.Grains.GetChain(c).SubmitAsync(Note(key, institution, c, 1)))));
        Assert.All(refusals, r => Assert.Equal(ErrorCodes.InstitutionSuspended, r.Code));
    }

    private static Ddl.Grains.Wire.SignedSubmission Note(SigningKey key, string institution, string chain, int n) =>
        TestLedger.Sign(key, institution, chain, "patient.note", new JsonObject { ["n"] = n });

    private async Task KeepWritingAsync(SigningKey key, string institution, string chain, CancellationToken stop)
    {
        for (var n = 1; !stop.IsCancellationRequested; n++)
        {
            try
            {
                await fixture.Grains.GetChain(chain).SubmitAsync(Note(key, institution, chain, n));
            }
            catch (LedgerException e) when (e.Code == ErrorCodes.KeyRevoked)
            {
                return;
            }
        }
    }
}
