using System.Text;
using System.Text.Json.Nodes;
using Ddl.Grains.Notary;
using Ddl.Ledger;
using Ddl.Silo.Genesis;
using Ddl.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Ddl.Api.Tests;

/// <summary>Checkpoints and proofs over real HTTP, checked with nothing but the notary's public key.</summary>
public sealed class NotaryApiTests
{
    private const string Submit = "mutation($input: SignedSubmissionInput!) { submit(input: $input) { chain seq hash } }";

    private const string CheckpointFields = "v ledger number size root sealedAt key sig canonical json";

    private const string ProofQuery = $$"""
        query($chain: String!, $seq: Long!) {
          entryProof(chain: $chain, seq: $seq) { chain seq hash leafIndex leafHash auditPath checkpoint { {{CheckpointFields}} } entry { canonical } }
        }
        """;

    /// <summary>A ledger that seals only when told to (its timer's period is an hour).</summary>
    private static async Task<RunningLedger> StartAsync(string engine) =>
        await RunningLedger.StartAsync(postgres: engine == "postgres" ? await PostgresSchemas.CreateAsync() : null,
            settings: ["--Ddl:SealInterval", "01:00:00"]);

    private static async Task<List<(string Chain, long Seq, string Hash)>> RegisterAsync(RunningLedger ledger, int count)
    {
        var genesis = ledger.Services.GetRequiredService<GenesisFiles>();
        var written = new List<(string, long, string)>();
        for (var i = 0; i < count; i++)
        {
            var id = TestLedger.NewId("institution");
            var signed = TestLedger.Sign(genesis.Authority, GenesisFiles.AuthorityId, id, "institution.registered", new JsonObject
            {
                ["kind"] = "pharmacy", ["name"] = "Pharmacy " + i, ["region"] = "north",
                ["keys"] = new JsonArray(SigningKey.Generate("k1").Public.ToJson()),
            });
            var receipt = await ledger.PostAsAsync(GenesisFiles.AuthorityId, "admin", Submit,
                new JsonObject { ["input"] = new JsonObject { ["submission"] = signed.Submission, ["sig"] = signed.Sig } });
            Assert.True(receipt["errors"] is null, receipt.ToJsonString());
            var r = receipt["data"]!["submit"]!;
            written.Add((r["chain"]!.GetValue<string>(), r["seq"]!.GetValue<long>(), r["hash"]!.GetValue<string>()));
        }
        return written;
    }

    private static Task<NotaryStatus> SealAsync(RunningLedger ledger) =>
        ledger.Services.GetRequiredService<IGrainFactory>().GetGrain<INotaryGrain>(NotaryGrain.Key).SealAsync();

    private static async Task<PublicKeyInfo> NotaryKeyAsync(RunningLedger ledger)
    {
        var key = (await ledger.PostAsync("{ ledger { notary { id alg pub } } }"))["data"]!["ledger"]!["notary"]!;
        return new PublicKeyInfo(key["id"]!.GetValue<string>(), key["alg"]!.GetValue<string>(), key["pub"]!.GetValue<string>());
    }

    /// <summary>What an independent verifier does with a checkpoint: rebuild it from its members and check the signature.</summary>
    private static Checkpoint VerifiedCheckpoint(JsonNode json, PublicKeyInfo notary)
    {
        var checkpoint = Checkpoint.Parse(json["canonical"]!.GetValue<string>());
        Assert.Equal(json["root"]!.GetValue<string>(), checkpoint.Root);
        Assert.Equal(json["size"]!.GetValue<long>(), checkpoint.Size);
        Assert.True(checkpoint.Verify(notary, json["sig"]!.GetValue<string>()), "the checkpoint's signature does not verify");
        var saved = JsonNode.Parse(json["json"]!.GetValue<string>())!.AsObject();
        Assert.Equal(json["sig"]!.GetValue<string>(), saved["sig"]!.GetValue<string>());
        saved.Remove("sig");
        Assert.Equal(checkpoint, Checkpoint.FromJson(saved));
        return checkpoint;
    }

    private static byte[] Hex(JsonNode node) => Convert.FromHexString(node.GetValue<string>());

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task an_entry_proof_verifies_with_the_notary_key_alone_once_sealed_and_says_not_sealed_yet_before(string engine)
    {
        await using var ledger = await StartAsync(engine);
        var notary = await NotaryKeyAsync(ledger);
        var written = await RegisterAsync(ledger, 3);

        var early = await ledger.PostAsync(ProofQuery, new JsonObject { ["chain"] = written[0].Chain, ["seq"] = 0 });
        var error = early["errors"]![0]!;
        Assert.Equal(ErrorCodes.NotSealedYet, error["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(3600, error["extensions"]!["retryAfterSeconds"]!.GetValue<int>());
        Assert.Null((await ledger.PostAsync("{ latestCheckpoint { number } }"))["data"]!["latestCheckpoint"]);

        var status = await SealAsync(ledger);
        Assert.Equal(3, status.Size);

        foreach (var (chain, seq, hash) in written)
        {
            var response = await ledger.PostAsync(ProofQuery, new JsonObject { ["chain"] = chain, ["seq"] = seq });
            Assert.True(response["errors"] is null, response.ToJsonString());
            var proof = response["data"]!["entryProof"]!;
            var checkpoint = VerifiedCheckpoint(proof["checkpoint"]!, notary);
            var leaf = Merkle.LeafHash(Merkle.LeafData(chain, hash, seq));
            var path = proof["auditPath"]!.AsArray().Select(p => Hex(p!)).ToList();
            Assert.Equal(Convert.ToHexStringLower(leaf), proof["leafHash"]!.GetValue<string>());
            Assert.True(Merkle.VerifyInclusion(proof["leafIndex"]!.GetValue<long>(), checkpoint.Size, leaf, path, checkpoint.RootBytes()));
            // The entry itself comes with the proof where the caller may read it (institution chains are public).
            Assert.Equal(hash, Hashes.Tagged(Tags.Entry, Encoding.UTF8.GetBytes(proof["entry"]!["canonical"]!.GetValue<string>())));
        }

        var unknown = await ledger.PostAsync(ProofQuery, new JsonObject { ["chain"] = written[0].Chain, ["seq"] = 5 });
        Assert.Null(unknown["data"]!["entryProof"]);
    }

    [Fact]
    public async Task consistency_proofs_connect_checkpoints_given_by_number_or_by_size()
    {
        await using var ledger = await StartAsync("sqlite");
        var notary = await NotaryKeyAsync(ledger);
        for (var i = 0; i < 4; i++)
        {
            await RegisterAsync(ledger, i + 1);
            await SealAsync(ledger);
        }

        var checkpoints = new List<Checkpoint>();
        for (var n = 1; n <= 4; n++)
        {
            var json = (await ledger.PostAsync($"query($n: Long!) {{ checkpoint(number: $n) {{ {CheckpointFields} }} }}", new JsonObject { ["n"] = n }))["data"]!["checkpoint"]!;
            checkpoints.Add(VerifiedCheckpoint(json, notary));
        }
        Assert.Equal([1L, 3, 6, 10], checkpoints.Select(c => c.Size));

        foreach (var (from, to) in new[] { (1, 4), (2, 3), (3, 3), (1, 2) })
        {
            var response = await ledger.PostAsync($"query($f: Long!, $t: Long!) {{ consistencyProof(fromNumber: $f, toNumber: $t) {{ fromSize toSize proof from {{ {CheckpointFields} }} to {{ {CheckpointFields} }} }} }}",
                new JsonObject { ["f"] = from, ["t"] = to });
            var proof = response["data"]!["consistencyProof"]!;
            var older = VerifiedCheckpoint(proof["from"]!, notary);
            var newer = VerifiedCheckpoint(proof["to"]!, notary);
            Assert.True(Merkle.VerifyConsistency(older.Size, newer.Size, older.RootBytes(), newer.RootBytes(),
                proof["proof"]!.AsArray().Select(p => Hex(p!)).ToList()), $"{from} -> {to}");
        }

        // From a bare size to the latest checkpoint.
        var bySize = (await ledger.PostAsync($"{{ consistencyProof(fromSize: 3) {{ fromSize toSize proof from {{ number }} to {{ number }} }} }}"))["data"]!["consistencyProof"]!;
        Assert.Equal((3L, 10L, 4L), (bySize["fromSize"]!.GetValue<long>(), bySize["toSize"]!.GetValue<long>(), bySize["to"]!["number"]!.GetValue<long>()));
        Assert.True(Merkle.VerifyConsistency(3, 10, checkpoints[1].RootBytes(), checkpoints[3].RootBytes(), bySize["proof"]!.AsArray().Select(p => Hex(p!)).ToList()));

        Assert.Null((await ledger.PostAsync("{ checkpoint(number: 99) { number } }"))["data"]!["checkpoint"]);
        Assert.Equal(ErrorCodes.UnknownCheckpoint, Code(await ledger.PostAsync("{ consistencyProof(fromNumber: 99) { fromSize } }")));
        Assert.Equal(ErrorCodes.InvalidArgument, Code(await ledger.PostAsync("{ consistencyProof(fromNumber: 1, fromSize: 1) { fromSize } }")));
        Assert.Equal(ErrorCodes.InvalidArgument, Code(await ledger.PostAsync("{ consistencyProof(fromSize: 11) { fromSize } }")));
    }

    [Fact]
    public async Task the_notary_seals_new_entries_by_itself_within_its_interval()
    {
        await using var ledger = await RunningLedger.StartAsync(settings: ["--Ddl:SealInterval", "00:00:00.300"]);
        var written = await RegisterAsync(ledger, 2);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        JsonObject response;
        do
        {
            await Task.Delay(100);
            response = await ledger.PostAsync(ProofQuery, new JsonObject { ["chain"] = written[1].Chain, ["seq"] = 0 });
        }
        while (response["errors"] is not null && clock.Elapsed < TimeSpan.FromSeconds(10));

        Assert.True(response["errors"] is null, response.ToJsonString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"sealed only after {clock.Elapsed}");
        Assert.Equal(2, response["data"]!["entryProof"]!["checkpoint"]!["size"]!.GetValue<long>());
    }

    private static string Code(JsonObject response) => response["errors"]![0]!["extensions"]!["code"]!.GetValue<string>();
}
