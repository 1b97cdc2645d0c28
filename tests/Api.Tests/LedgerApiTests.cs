using System.Text;
using System.Text.Json.Nodes;
using Ddl.Ledger;
using Ddl.Silo.Genesis;
using Ddl.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Ddl.Api.Tests;

/// <summary>The ledger process as a user runs it, driven over real HTTP.</summary>
public sealed class LedgerApiTests
{
    private const string Submit = "mutation($input: SignedSubmissionInput!) { submit(input: $input) { chain seq hash recordedAt duplicate } }";

    private static JsonObject Input(Ddl.Grains.Wire.SignedSubmission s) =>
        new() { ["input"] = new JsonObject { ["submission"] = s.Submission, ["sig"] = s.Sig } };

    private static Ddl.Grains.Wire.SignedSubmission Registration(GenesisFiles genesis, string id, SigningKey key) =>
        TestLedger.Sign(genesis.Authority, GenesisFiles.AuthorityId, id, "institution.registered", new JsonObject
        {
            ["kind"] = "medical_centre", ["name"] = "North Clinic", ["region"] = "north",
            ["keys"] = new JsonArray(key.Public.ToJson()),
        });

    private static string Code(JsonObject response) => response["errors"]![0]!["extensions"]!["code"]!.GetValue<string>();

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task entries_submitted_through_graphql_survive_a_restart_and_read_back_byte_for_byte(string engine)
    {
        var postgres = engine == "postgres" ? TestPostgres.ConnectionString : null;
        using var data = new TestDataDir();
        var dataDir = data.Path;
        var clinic = TestLedger.NewId("institution");
        var key = SigningKey.Generate("k1");
        string hash;
        await using (var ledger = await RunningLedger.StartAsync(dataDir, postgres))
        {
            var genesis = ledger.Services.GetRequiredService<GenesisFiles>();
            var receipt = await ledger.PostAsAsync(GenesisFiles.AuthorityId, "admin", Submit, Input(Registration(genesis, clinic, key)));
            Assert.Null(receipt["errors"]);
            hash = receipt["data"]!["submit"]!["hash"]!.GetValue<string>();
        }

        await using (var restarted = await RunningLedger.StartAsync(dataDir, postgres))
        {
            var read = await restarted.PostAsync("query($id: String!) { chain(id: $id) { length head entries { seq hash canonical type author } } }",
                new JsonObject { ["id"] = clinic });
            var chain = read["data"]!["chain"]!;
            Assert.Equal(1, chain["length"]!.GetValue<long>());
            Assert.Equal(hash, chain["head"]!.GetValue<string>());
            var entry = chain["entries"]![0]!;
            Assert.Equal("institution.registered", entry["type"]!.GetValue<string>());
            Assert.Equal(hash, Hashes.Tagged(Tags.Entry, Encoding.UTF8.GetBytes(entry["canonical"]!.GetValue<string>())));

            var institution = await restarted.PostAsync("query($id: String!) { institution(id: $id) { kind name region suspended keys { id pub addedAt revokedAt } } }",
                new JsonObject { ["id"] = clinic });
            Assert.Equal("medical_centre", institution["data"]!["institution"]!["kind"]!.GetValue<string>());
            Assert.Equal(key.Public.Pub, institution["data"]!["institution"]!["keys"]![0]!["pub"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task bad_input_is_refused_with_a_code_and_the_store_is_unchanged()
    {
        await using var ledger = await RunningLedger.StartAsync();
        var genesis = ledger.Services.GetRequiredService<GenesisFiles>();
        var clinic = TestLedger.NewId("institution");
        var key = SigningKey.Generate("k1");
        var good = Registration(genesis, clinic, key);
        var cases = new (string Code, Ddl.Grains.Wire.SignedSubmission Signed)[]
        {
            (ErrorCodes.BadSignature, good with { Sig = Registration(genesis, clinic, key).Sig }),
            (ErrorCodes.BadSignature, good with { Sig = "not-a-signature" }),
            (ErrorCodes.FloatNotAllowed, good with { Submission = good.Submission.Replace("\"v\":1", "\"v\":1.0") }),
            (ErrorCodes.MalformedJson, good with { Submission = "{\"v\":1," }),
            (ErrorCodes.DuplicateKey, good with { Submission = good.Submission.Replace("{\"at\"", "{\"v\":1,\"at\"") }),
            (ErrorCodes.InvalidChainId, good with { Submission = good.Submission.Replace(clinic, "institution:bad id!") }),
            (ErrorCodes.UnknownAuthor, TestLedger.Sign(genesis.Authority, "authority:nobody", clinic, "institution.registered", new JsonObject())),
            (ErrorCodes.PayloadTooLarge, good with { Submission = good.Submission.Replace("North Clinic", new string('x', 70_000)) }),
        };

        foreach (var (code, signed) in cases)
        {
            var author = code == ErrorCodes.UnknownAuthor ? "authority:nobody" : GenesisFiles.AuthorityId;
            var response = await ledger.PostAsAsync(author, "admin", Submit, Input(signed));
            Assert.True(code == Code(response), $"expected {code}, got {response.ToJsonString()}");
        }

        // Without a token, or with a token for someone else, nothing is even looked at.
        Assert.Equal(ErrorCodes.Unauthenticated, Code(await ledger.PostAsync(Submit, Input(good))));
        Assert.Equal(ErrorCodes.Forbidden, Code(await ledger.PostAsAsync(clinic, "medical_centre", Submit, Input(good))));

        var chain = await ledger.PostAsync("query($id: String!) { chain(id: $id) { length } }", new JsonObject { ["id"] = clinic });
        Assert.Equal(0, chain["data"]!["chain"]!["length"]!.GetValue<long>());
    }

    [Fact]
    public async Task a_batch_records_each_item_on_its_own_and_a_replayed_item_gets_its_original_receipt()
    {
        await using var ledger = await RunningLedger.StartAsync();
        var genesis = ledger.Services.GetRequiredService<GenesisFiles>();
        var clinic = TestLedger.NewId("institution");
        var key = SigningKey.Generate("k1");
        var registration = Registration(genesis, clinic, key);
        Assert.Null((await ledger.PostAsAsync(GenesisFiles.AuthorityId, "admin", Submit, Input(registration)))["errors"]);
        var patient = TestLedger.NewId("patient");
        var items = new[]
        {
            TestLedger.Sign(key, clinic, patient, "patient.note", new JsonObject { ["n"] = 1 }),
            TestLedger.Sign(key, clinic, patient, "patient.note", new JsonObject { ["n"] = 2 }),
            TestLedger.Sign(SigningKey.Generate("k1"), clinic, patient, "patient.note", new JsonObject { ["n"] = 3 }),
            TestLedger.Sign(key, clinic, patient, "patient.note", new JsonObject { ["n"] = 4 }),
        };
        items = [.. items, items[0]];
        var response = await ledger.PostAsAsync(clinic, "medical_centre",
            "mutation($inputs: [SignedSubmissionInput!]!) { submitBatch(inputs: $inputs) { index code receipt { chain seq duplicate } } }",
            new JsonObject { ["inputs"] = new JsonArray(items.Select(i => (JsonNode)Input(i)["input"]!.DeepClone()).ToArray()) });

        var results = response["data"]!["submitBatch"]!.AsArray();
        Assert.Equal(5, results.Count);
        Assert.Equal(0, results[0]!["receipt"]!["seq"]!.GetValue<long>());
        Assert.Equal(1, results[1]!["receipt"]!["seq"]!.GetValue<long>());
        Assert.Equal(ErrorCodes.BadSignature, results[2]!["code"]!.GetValue<string>());
        Assert.Equal(2, results[3]!["receipt"]!["seq"]!.GetValue<long>());
        Assert.True(results[4]!["receipt"]!["duplicate"]!.GetValue<bool>());
        Assert.Equal(0, results[4]!["receipt"]!["seq"]!.GetValue<long>());
    }

    [Fact]
    public async Task the_ledger_publishes_its_genesis_keys()
    {
        await using var ledger = await RunningLedger.StartAsync();
        var genesis = ledger.Services.GetRequiredService<GenesisFiles>();
        var response = await ledger.PostAsync("{ ledger { id genesis notary { id alg pub } authorities { id key { pub } } } }");

        var published = response["data"]!["ledger"]!;
        Assert.Equal(genesis.Genesis.LedgerId, published["id"]!.GetValue<string>());
        Assert.Equal(genesis.Notary.Public.Pub, published["notary"]!["pub"]!.GetValue<string>());
        Assert.Equal(Encoding.UTF8.GetString(CanonicalJson.Canonicalize(genesis.Genesis.ToJson())), published["genesis"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(ledger.DataDir, "genesis.json")));
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(Path.Combine(ledger.DataDir, "keys", "authority-root.key.json"));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
        }
    }
}
