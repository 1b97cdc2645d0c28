using System.Text.Json.Nodes;
using Ddl.Grains.Chains;
using Ddl.Grains.Wire;
using Ddl.Ledger;
using Ddl.Tests.Support;

namespace Ddl.Grains.Tests;

/// <summary>A medical centre registered with a fresh key, and a new patient chain it writes notes to.</summary>
internal sealed record NoteChain(string Institution, SigningKey Key, string Chain, IChainGrain Grain)
{
    public static async Task<NoteChain> CreateAsync(ClusterFixture fixture)
    {
        var institution = TestLedger.NewId("institution");
        var key = SigningKey.Generate("k1");
        await fixture.Grains.GetChain(institution).SubmitAsync(fixture.Ledger.Registration(institution, "medical_centre", key));
        var chain = TestLedger.NewId("patient");
        return new NoteChain(institution, key, chain, fixture.Grains.GetChain(chain));
    }

    /// <summary>The institution's signed note number <paramref name="n"/> for this chain.</summary>
    public SignedSubmission Note(int n) => TestLedger.Sign(Key, Institution, Chain, "patient.note", new JsonObject { ["n"] = n });
}
