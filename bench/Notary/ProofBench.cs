using System.Diagnostics;
using System.Security.Cryptography;
using Ddl.Ledger;
using Npgsql;
using NpgsqlTypes;

namespace Ddl.Bench.Notary;

/// <summary>
/// Grows a log to <c>leaves</c> leaves through the real seal (100,000 leaves per seal, the outbox
/// filled by binary COPY, as appends would have left it), then times proofs served from the store
/// at that size: inclusion of a random leaf, consistency from a random older size, and a whole
/// entry proof as the GraphQL resolver builds it (leaf lookup, checkpoint, audit path).
/// </summary>
public static class ProofBench
{
    private const int PerSeal = 100_000;
    private const int Chains = 250_000;

    public sealed record Result(long Size, TimeSpan BuildTime, Stats SealWhileBuilding, Stats Inclusion, Stats Consistency, Stats EntryProof, int Verified);

    public static async Task<Result> RunAsync(string server, long leaves, int samples, TextWriter log)
    {
        await using var db = await BenchDatabase.CreateAsync(server, "proofs");
        using var signer = new BenchSigner();
        var build = Stopwatch.StartNew();
        var sealTimes = new List<double>();
        for (long done = 0; done < leaves;)
        {
            var count = (int)Math.Min(PerSeal, leaves - done);
            await FillOutboxAsync(db.ConnectionString, done, count);
            var clock = Stopwatch.StartNew();
            var sealedNow = await db.Notary.SealAsync(signer.Sign, PerSeal);
            sealTimes.Add(clock.Elapsed.TotalMilliseconds);
            done += sealedNow!.Sealed;
            if (done % 1_000_000 == 0 || done == leaves)
                log.WriteLine($"log at {done:N0} leaves after {build.Elapsed.TotalSeconds:0} s (last seal {clock.Elapsed.TotalMilliseconds:0} ms)");
        }
        build.Stop();
        await db.ExecuteAsync("VACUUM ANALYZE ddl_merkle_nodes");
        await db.ExecuteAsync("VACUUM ANALYZE ddl_leaves");

        var latest = (await db.Notary.LatestCheckpointAsync())!;
        var size = latest.Checkpoint.Size;
        var root = latest.Checkpoint.RootBytes();
        var random = new Random(42);
        var inclusion = new List<double>();
        var consistency = new List<double>();
        var entryProof = new List<double>();
        var verified = 0;
        for (var i = 0; i < samples + 100; i++)
        {
            var warm = i < 100; // the first proofs pay for connection and plan setup
            var leaf = random.NextInt64(size);
            var clock = Stopwatch.StartNew();
            var path = await db.Notary.InclusionProofAsync(leaf, size);
            if (!warm)
                inclusion.Add(clock.Elapsed.TotalMilliseconds);

            var old = random.NextInt64(1, size);
            clock.Restart();
            var proof = await db.Notary.ConsistencyProofAsync(old, size);
            if (!warm)
                consistency.Add(clock.Elapsed.TotalMilliseconds);

            var position = random.NextInt64(size);
            var (chain, seq) = Synthetic(position);
            clock.Restart();
            var index = await db.Notary.LeafIndexAsync(chain, seq);
            var checkpoint = await db.Notary.LatestCheckpointAsync();
            var entryPath = await db.Notary.InclusionProofAsync(index!.Value, checkpoint!.Checkpoint.Size);
            if (!warm)
                entryProof.Add(clock.Elapsed.TotalMilliseconds);

            // Every tenth entry proof is checked against the signed root, so the figures are for proofs that hold.
            if (i % 10 == 0)
            {
                var leafHash = Merkle.LeafHash(Merkle.LeafData(chain, HashOf(position), seq));
                if (!Merkle.VerifyInclusion(index.Value, size, leafHash, entryPath, root) || path.Count == 0 || proof.Count == 0)
                    throw new InvalidOperationException($"the proof of {chain}#{seq} (leaf {index}) does not verify");
                verified++;
            }
        }
        return new Result(size, build.Elapsed, new Stats(sealTimes), new Stats(inclusion), new Stats(consistency), new Stats(entryProof), verified);
    }

    /// <summary>Leaf i's entry: chains are filled round-robin, so leaf order is not chain order.</summary>
    private static (string Chain, long Seq) Synthetic(long position) => ($"prescription:p{position % Chains}", position / Chains);

    private static string HashOf(long position) => Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(position)));

    // Positions grow with i and each seal takes all of them, sorted by (chain, seq): with chains
    // "p0".."p249999" filled round-robin that order differs from position order, as in real life.
    private static async Task FillOutboxAsync(string connectionString, long from, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var copy = await connection.BeginBinaryImportAsync("COPY ddl_unsealed (position, chain, seq, hash) FROM STDIN (FORMAT BINARY)");
        for (var position = from; position < from + count; position++)
        {
            var (chain, seq) = Synthetic(position);
            copy.StartRow();
            copy.Write(position + 1, NpgsqlDbType.Bigint);
            copy.Write(chain, NpgsqlDbType.Text);
            copy.Write(seq, NpgsqlDbType.Bigint);
            copy.Write(HashOf(position), NpgsqlDbType.Text);
        }
        await copy.CompleteAsync();
    }
}
