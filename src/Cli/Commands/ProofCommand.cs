using System.CommandLine;
using System.Text.Json.Nodes;
using Ddl.Cli.Client;
using Ddl.Cli.Notary;
using Ddl.Ledger;

namespace Ddl.Cli.Commands;

/// <summary><c>ddl proof</c>: fetch an entry proof bundle and write it as a file anyone can check with <c>ddl verify</c>.</summary>
public static class ProofCommand
{
    public static Command Create()
    {
        var chain = new Option<string>("--chain") { Description = "The entry's chain id.", Required = true };
        var seq = new Option<long>("--seq") { Description = "The entry's seq.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "The bundle file to write.", Required = true };
        var since = new Option<FileInfo[]>("--checkpoint")
        {
            Description = "A checkpoint saved earlier: the bundle adds the proof that the ledger's log extends it.",
            AllowMultipleArgumentsPerToken = true,
        };
        var wait = new Option<int>("--wait") { Description = "Seconds to wait for an entry not sealed yet (default 10).", DefaultValueFactory = _ => 10 };
        var url = CommonOptions.Url();
        var token = CommonOptions.Token();
        var command = new Command("proof", "Write an entry proof bundle: the entry, its leaf index, the signed checkpoint and the audit path.")
        {
            chain, seq, output, since, wait, url, token,
        };
        command.SetAction(async (parse, ct) =>
        {
            using var client = new LedgerClient(parse.GetValue(url)!, parse.GetValue(token));
            try
            {
                var id = ChainId.Parse(parse.GetValue(chain)!).Value;
                var proof = await WaitForProofAsync(client, id, parse.GetValue(seq), TimeSpan.FromSeconds(parse.GetValue(wait)), ct);
                if (proof is null)
                {
                    Console.Error.WriteLine($"{id}#{parse.GetValue(seq)} is not sealed yet; try again in a few seconds.");
                    return ExportCommand.NotSealed;
                }

                var bundle = await BuildAsync(client, proof, (parse.GetValue(since) ?? []).Select(f => SignedCheckpointFile.Load(f.FullName)).ToList(), ct);
                await File.WriteAllTextAsync(parse.GetValue(output)!.FullName, bundle.ToJson().ToJsonString() + "\n", ct);
                Console.WriteLine($"Wrote the proof of {bundle.Chain}#{bundle.Seq} (leaf {bundle.LeafIndex}) in {bundle.Checkpoint}"
                    + (bundle.Canonical is null ? "; the entry's text is not included (your token may not read it)." : "."));
                return 0;
            }
            catch (Exception e) when (e is LedgerClientException or LedgerException or FormatException or IOException or System.Text.Json.JsonException)
            {
                Console.Error.WriteLine($"proof failed: {(e as LedgerClientException)?.Code ?? (e as LedgerException)?.Code ?? "ERROR"}: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static async Task<JsonNode?> WaitForProofAsync(LedgerClient client, string chain, long seq, TimeSpan wait, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + wait;
        while (true)
        {
            try
            {
                return (await client.ExecuteAsync(Queries.EntryProof, new JsonObject { ["chain"] = chain, ["seq"] = seq }, ct))["entryProof"]
                    ?? throw new LedgerClientException("NOT_FOUND", $"There is no entry {chain}#{seq}.");
            }
            catch (LedgerClientException e) when (e.Code == ErrorCodes.NotSealedYet && DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
            catch (LedgerClientException e) when (e.Code == ErrorCodes.NotSealedYet)
            {
                return null;
            }
        }
    }

    private static async Task<ProofBundle> BuildAsync(LedgerClient client, JsonNode proof, List<SignedCheckpointFile> since, CancellationToken ct)
    {
        var chain = proof["chain"]!.GetValue<string>();
        var seq = proof["seq"]!.GetValue<long>();
        var genesis = (JsonObject)JsonNode.Parse((await client.ExecuteAsync(Queries.Genesis, ct: ct))["ledger"]!["genesis"]!.GetValue<string>())!;
        var checkpoint = SignedCheckpointFile.FromJson(JsonNode.Parse(proof["checkpoint"]!["json"]!.GetValue<string>())!);
        string? canonical;
        try
        {
            canonical = (await client.ExecuteAsync(Queries.EntryText, new JsonObject { ["chain"] = chain, ["seq"] = seq }, ct))["entry"]?["canonical"]?.GetValue<string>();
        }
        catch (LedgerClientException e) when (e.Code is ErrorCodes.Forbidden or ErrorCodes.Unauthenticated)
        {
            // Proofs are public, entries are not: the bundle still proves the hash is in the log.
            canonical = null;
        }

        var consistency = new List<ConsistencyItem>();
        foreach (var saved in since.Where(s => s.Checkpoint.Size < checkpoint.Checkpoint.Size))
        {
            var items = (await client.ExecuteAsync(Queries.ConsistencyProof, new JsonObject
            {
                ["from"] = saved.Checkpoint.Size, ["to"] = checkpoint.Checkpoint.Number,
            }, ct))["consistencyProof"]!;
            consistency.Add(new ConsistencyItem(saved.Checkpoint.Size, Hex.List(items["proof"], "proof")));
        }

        return new ProofBundle(genesis, chain, seq, proof["hash"]!.GetValue<string>(), canonical,
            proof["leafIndex"]!.GetValue<long>(), Hex.List(proof["auditPath"], "auditPath"), checkpoint, consistency);
    }
}
