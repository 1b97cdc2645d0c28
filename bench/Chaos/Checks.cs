using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Ddl.Bench.Chaos;

/// <summary>
/// What must hold after the run, read back through GraphQL: each chain is one unbroken line
/// (seq 0..n-1, each entry linking the previous hash), holds every acknowledged submission exactly
/// once at the seq and hash of its receipt and nothing else, and every entry has a notary proof.
/// </summary>
public sealed class Checks(Gql silo, string readToken, List<string> problems)
{
    private const string Page = "query($id: String!, $from: Long!) { chain(id: $id) { length entries(fromSeq: $from, first: 1000) { seq hash prev nonce } } }";
    private const string Proofs = "query($chain: String!, $from: Long!) { entryProofs(chain: $chain, fromSeq: $from, first: 200) { seq hash leafIndex } }";
    private const string OneProof = "query($chain: String!, $seq: Long!) { entryProof(chain: $chain, seq: $seq) { hash leafIndex checkpoint { number size } } }";

    public async Task<List<(long Seq, string Hash)>> ChainAsync(ChainWriter writer, CancellationToken ct)
    {
        var entries = new List<(long Seq, string Hash, string Prev, string Nonce)>();
        long length;
        do
        {
            var data = await Query(Page, new JsonObject { ["id"] = writer.Chain, ["from"] = entries.Count }, ct);
            length = data["chain"]!["length"]!.GetValue<long>();
            var page = data["chain"]!["entries"]!.AsArray();
            entries.AddRange(page.Select(e => (e!["seq"]!.GetValue<long>(), e["hash"]!.GetValue<string>(), e["prev"]!.GetValue<string>(), e["nonce"]!.GetValue<string>())));
            if (page.Count == 0)
            {
                break;
            }
        }
        while (entries.Count < length);

        var prev = new string('0', 64);
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Seq != i)
            {
                problems.Add($"{writer.Chain}: gap, entry {i} has seq {entries[i].Seq}");
            }
            if (entries[i].Prev != prev)
            {
                problems.Add($"{writer.Chain}#{i}: fork, prev {entries[i].Prev[..12]} is not the hash of #{i - 1}");
            }
            prev = entries[i].Hash;
        }
        if (entries.Count != length)
        {
            problems.Add($"{writer.Chain}: length {length} but {entries.Count} entries read");
        }

        var byNonce = entries.GroupBy(e => e.Nonce).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var twice in byNonce.Where(g => g.Value.Count > 1))
        {
            problems.Add($"{writer.Chain}: nonce {twice.Key} recorded {twice.Value.Count} times");
        }
        foreach (var ack in writer.Acks)
        {
            if (!byNonce.TryGetValue(ack.Nonce, out var found))
            {
                problems.Add($"{writer.Chain}: acknowledged {ack.Nonce} (seq {ack.Seq}) is missing");
            }
            else if (found[0].Seq != ack.Seq || found[0].Hash != ack.Hash)
            {
                problems.Add($"{writer.Chain}: {ack.Nonce} acknowledged as #{ack.Seq} {ack.Hash[..12]} but stored as #{found[0].Seq} {found[0].Hash[..12]}");
            }
        }
        // Abandoned submissions may or may not have been committed; anything else is unexplained.
        var known = writer.Acks.Select(a => a.Nonce).Concat(writer.Abandoned).ToHashSet();
        foreach (var stray in byNonce.Keys.Where(n => !known.Contains(n)))
        {
            problems.Add($"{writer.Chain}: entry with nonce {stray} was never submitted by this run");
        }

        return entries.Select(e => (e.Seq, e.Hash)).ToList();
    }

    /// <summary>Waits (up to <paramref name="wait"/>) until the notary sealed every entry, then checks each proof names the entry's hash.</summary>
    public async Task ProofsAsync(string chain, List<(long Seq, string Hash)> entries, HashSet<long> leaves, TimeSpan wait, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var proofs = new List<JsonNode>();
        while (proofs.Count < entries.Count)
        {
            var page = (await Query(Proofs, new JsonObject { ["chain"] = chain, ["from"] = proofs.Count }, ct))["entryProofs"]!.AsArray();
            proofs.AddRange(page.Select(p => p!));
            if (page.Count == 0)
            {
                if (clock.Elapsed > wait)
                {
                    problems.Add($"{chain}: only {proofs.Count} of {entries.Count} entries sealed after {wait.TotalSeconds:0} s");
                    return;
                }
                await Task.Delay(500, ct);
            }
        }

        for (var i = 0; i < entries.Count; i++)
        {
            var proof = proofs[i];
            if (proof["seq"]!.GetValue<long>() != entries[i].Seq || proof["hash"]!.GetValue<string>() != entries[i].Hash)
            {
                problems.Add($"{chain}#{i}: the notary's proof names another entry");
            }
            if (!leaves.Add(proof["leafIndex"]!.GetValue<long>()))
            {
                problems.Add($"{chain}#{i}: leaf index {proof["leafIndex"]} sealed twice");
            }
        }

        // The single-entry query too, as a client proving one entry would call it.
        if (entries.Count > 0)
        {
            var last = entries[^1];
            var one = (await Query(OneProof, new JsonObject { ["chain"] = chain, ["seq"] = last.Seq }, ct))["entryProof"];
            if (one?["hash"]?.GetValue<string>() != last.Hash)
            {
                problems.Add($"{chain}#{last.Seq}: entryProof does not answer with the entry's hash");
            }
        }
    }

    private async Task<JsonNode> Query(string query, JsonObject variables, CancellationToken ct)
    {
        // Reads after the run go to a healthy silo; a transport blip is retried a few times.
        for (var attempt = 1; ; attempt++)
        {
            var result = await silo.PostAsync(query, variables, readToken, ct);
            if (result.Ok)
            {
                return result.Data!;
            }
            if (attempt == 5 || !Gql.Retryable.Contains(result.Code!))
            {
                throw new InvalidOperationException($"{result.Code}: {result.Message}");
            }
            await Task.Delay(1000, ct);
        }
    }
}
