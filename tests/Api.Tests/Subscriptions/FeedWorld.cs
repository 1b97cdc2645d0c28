using System.Text.Json.Nodes;
using Ddl.Grains.Feeds;
using Ddl.Grains.Prescriptions;
using Ddl.Ledger;
using Ddl.Silo.Genesis;
using Ddl.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Ddl.Api.Tests.Subscriptions;

/// <summary>Institutions and prescriptions on a running ledger, written over GraphQL with each author's own token.</summary>
public sealed class FeedWorld(RunningLedger ledger)
{
    private const string Submit = "mutation($input: SignedSubmissionInput!) { submit(input: $input) { chain seq hash } }";

    public sealed record Actor(string Id, SigningKey Key, string Role);

    public RunningLedger Ledger => ledger;

    public string Token(Actor actor) => ledger.Token(actor.Id, actor.Role);

    public string Token(string subject, string role) => ledger.Token(subject, role);

    /// <summary>
    /// Waits until this silo serves exactly <paramref name="count"/> feeds: a subscription without a cursor
    /// starts where the store stands when it is set up, so a test writes only after that.
    /// </summary>
    public async Task WaitForFeedsAsync(int count)
    {
        var hub = ledger.Services.GetRequiredService<SiloFeedHub>();
        var deadline = DateTime.UtcNow + FeedSocket.Timeout;
        while (hub.FeedCount != count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{hub.FeedCount} feeds set up, expected {count}.");
            await Task.Delay(10);
        }
    }

    /// <summary>Registers an institution of <paramref name="kind"/> (medical_centre, pharmacy, regulator) through the registry authority.</summary>
    public async Task<Actor> RegisterAsync(string kind, string region = "north")
    {
        var genesis = ledger.Services.GetRequiredService<GenesisFiles>();
        var id = TestLedger.NewId("institution");
        var key = SigningKey.Generate("k1");
        var signed = TestLedger.Sign(genesis.Authority, GenesisFiles.AuthorityId, id, "institution.registered", new JsonObject
        {
            ["kind"] = kind, ["name"] = "Test " + kind, ["region"] = region, ["keys"] = new JsonArray(key.Public.ToJson()),
        });
        await PostAsync(GenesisFiles.AuthorityId, "admin", signed);
        return new Actor(id, key, kind);
    }

    /// <summary>Signs and submits as <paramref name="who"/>; returns the receipt (chain, seq, hash).</summary>
    public Task<JsonNode> SubmitAsync(Actor who, string chain, string type, JsonObject body) =>
        PostAsync(who.Id, who.Role, TestLedger.Sign(who.Key, who.Id, chain, type, body));

    public async Task<string> IssueAsync(Actor centre, string patient, params JsonObject[] items)
    {
        var rx = TestLedger.NewId("prescription");
        await SubmitAsync(centre, rx, PrescriptionEvents.Issued, Prescribing.Issue(patient, TimeSpan.FromDays(30), items));
        return rx;
    }

    public Task<JsonNode> DispenseAsync(Actor pharmacy, string rx, int issue, long quantity, string atc = "N02BE01", string name = "Paracetamol 500 mg") =>
        SubmitAsync(pharmacy, rx, PrescriptionEvents.Dispensed, Prescribing.Dispense(0, issue, quantity, atc, name));

    private async Task<JsonNode> PostAsync(string subject, string role, Ddl.Grains.Wire.SignedSubmission signed)
    {
        var response = await ledger.PostAsAsync(subject, role, Submit,
            new JsonObject { ["input"] = new JsonObject { ["submission"] = signed.Submission, ["sig"] = signed.Sig } });
        Assert.True(response["errors"] is null, response.ToJsonString());
        return response["data"]!["submit"]!;
    }
}
