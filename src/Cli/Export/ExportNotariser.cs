using System.Text.Json.Nodes;
using Ddl.Cli.Client;
using Ddl.Cli.Notary;

namespace Ddl.Cli.Export;

/// <summary>
/// Adds the notary's part to an export: the latest checkpoint, every entry's inclusion proof in it,
/// and consistency proofs from checkpoints the user saved before. Entries committed just before the
/// export are sealed within the seal interval, so it waits (up to a limit) for a checkpoint that
/// covers them all.
/// </summary>
public sealed class ExportNotariser(LedgerClient client)
{
    private const int ProofPage = 200;
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    /// <summary>The export with proofs, and how many of its entries no checkpoint covered in time.</summary>
    public async Task<(ExportFile File, int Unsealed)> NotariseAsync(ExportFile export, TimeSpan wait, IReadOnlyList<SignedCheckpointFile> since, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + wait;
        var total = export.Chains.Sum(c => c.Entries.Count);
        while (true)
        {
            var latest = await client.ExecuteAsync(Queries.LatestCheckpoint, ct: ct);
            if (latest["latestCheckpoint"]?["json"]?.GetValue<string>() is { } json)
            {
                var checkpoint = SignedCheckpointFile.FromJson(JsonNode.Parse(json)!);
                var chains = new List<ExportedChain>();
                var unsealed = 0;
                foreach (var chain in export.Chains)
                {
                    var proven = await ProveAsync(chain, checkpoint.Checkpoint.Number, ct);
                    unsealed += chain.Entries.Count - proven.Count(e => e.LeafIndex is not null);
                    chains.Add(chain with { Entries = proven });
                }

                if (unsealed == 0 || DateTimeOffset.UtcNow >= deadline)
                {
                    var consistency = await ConsistencyAsync(checkpoint, since, ct);
                    return (export with { Chains = chains, Checkpoint = checkpoint, Consistency = consistency }, unsealed);
                }
            }
            else if (DateTimeOffset.UtcNow >= deadline)
            {
                return (export, total);
            }

            await Task.Delay(Poll, ct);
        }
    }

    private async Task<List<ExportedEntry>> ProveAsync(ExportedChain chain, long checkpoint, CancellationToken ct)
    {
        var proven = new List<ExportedEntry>(chain.Entries.Count);
        while (proven.Count < chain.Entries.Count)
        {
            var first = Math.Min(ProofPage, chain.Entries.Count - proven.Count);
            var page = (await client.ExecuteAsync(Queries.EntryProofs, new JsonObject
            {
                ["chain"] = chain.Id, ["from"] = proven.Count, ["first"] = first, ["checkpoint"] = checkpoint,
            }, ct))["entryProofs"]!.AsArray();
            foreach (var proof in page)
            {
                var entry = chain.Entries[proven.Count];
                proven.Add(entry with { LeafIndex = proof!["leafIndex"]!.GetValue<long>(), AuditPath = Hex.List(proof["auditPath"], "auditPath") });
            }

            // A short page: the checkpoint covers no more of this chain (its entries seal in seq order).
            if (page.Count < first)
            {
                break;
            }
        }

        proven.AddRange(chain.Entries.Skip(proven.Count));
        return proven;
    }

    private async Task<List<ConsistencyItem>> ConsistencyAsync(SignedCheckpointFile checkpoint, IReadOnlyList<SignedCheckpointFile> since, CancellationToken ct)
    {
        var items = new List<ConsistencyItem>();
        foreach (var saved in since)
        {
            if (saved.Checkpoint.Size > checkpoint.Checkpoint.Size)
            {
                throw new InvalidOperationException(
                    $"The saved {saved} is larger than the ledger's latest {checkpoint}: the ledger may have been rolled back.");
            }
            if (saved.Checkpoint.Size == checkpoint.Checkpoint.Size || items.Any(i => i.FromSize == saved.Checkpoint.Size))
            {
                continue;
            }

            var proof = (await client.ExecuteAsync(Queries.ConsistencyProof, new JsonObject
            {
                ["from"] = saved.Checkpoint.Size, ["to"] = checkpoint.Checkpoint.Number,
            }, ct))["consistencyProof"]!;
            items.Add(new ConsistencyItem(saved.Checkpoint.Size, Hex.List(proof["proof"], "proof")));
        }
        return items;
    }
}
