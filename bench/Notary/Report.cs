using System.Globalization;
using System.Text;

namespace Ddl.Bench.Notary;

/// <summary>The notary section of BENCHMARKS.md: the figures against the targets, and how they were made.</summary>
public static class Report
{
    public static string Render(
        Machine machine, string command, DateTimeOffset started, string loadAfter,
        SealBench.Result? seal, ProofBench.Result? proofs, LagBench.Result? lag, long targetLeaves)
    {
        static string Ms(double v) => v.ToString(v < 10 ? "0.00" : "0", CultureInfo.InvariantCulture) + " ms";
        var s = new StringBuilder();
        s.AppendLine("## Notary (issue 4)");
        s.AppendLine();
        s.AppendLine($"Measured {started:yyyy-MM-dd HH:mm} UTC with `{command}`.");
        s.AppendLine();
        s.AppendLine($"Machine: {machine.Cpu}, {machine.Cores} cores (`nproc`), {machine.Memory} memory; {machine.Os}; {machine.Runtime}; "
            + $"{machine.Postgres} (throwaway server of scripts/lib/postgres.sh, fsync on, default settings). "
            + $"Load average before / after: {machine.LoadAverage} / {loadAfter} (the machine is shared; others' builds and tests skew figures upward).");
        s.AppendLine();
        s.AppendLine("| measure | median | p99 | target | samples |");
        s.AppendLine("| --- | --- | --- | --- | --- |");
        if (seal is not null)
            s.AppendLine($"| seal of 100,000 new entries (one transaction, PostgreSQL) | {Ms(seal.Warm.Median)} | {Ms(seal.Warm.P99)} | < 1 s | {seal.Warm.Count} seals |");
        if (proofs is not null)
        {
            s.AppendLine($"| inclusion proof at {proofs.Size:N0} leaves, from the store | {Ms(proofs.Inclusion.Median)} | {Ms(proofs.Inclusion.P99)} | p99 < 5 ms | {proofs.Inclusion.Count} |");
            s.AppendLine($"| consistency proof to {proofs.Size:N0} leaves, from the store | {Ms(proofs.Consistency.Median)} | {Ms(proofs.Consistency.P99)} | p99 < 5 ms | {proofs.Consistency.Count} |");
            s.AppendLine($"| whole entry proof (leaf lookup + checkpoint + audit path) at {proofs.Size:N0} leaves | {Ms(proofs.EntryProof.Median)} | {Ms(proofs.EntryProof.P99)} | | {proofs.EntryProof.Count} |");
        }
        if (lag is not null)
            s.AppendLine($"| seal lag at {lag.AchievedRate:N0} entries/s (target rate {lag.Rate:N0}), interval {lag.Interval.TotalSeconds:0.#} s | {Ms(lag.Lag.Median)} | {Ms(lag.Lag.P99)} | p99 < 3 s | {lag.Entries:N0} entries |");
        s.AppendLine();
        if (seal is not null)
            s.AppendLine("- **Seal**: 100,000 entries appended through `IEntryStore.AppendBatchAsync` (their outbox rows written in the same statements), then one `SealAsync`: "
                + "take (delete) the outbox rows, sort them by (chain, seq), binary-COPY the 100,000 leaves (index, entry position, leaf hash) as another core hashes them "
                + "and appends them to the log, COPY the ~6,250 new subtree hashes (subtrees of 16 leaves and more), sign, commit. "
                + $"Several runs on one growing log, after a first seal of the process that ran cold (tier-0 JIT, first COPY): {Ms(seal.ColdMs)}, not counted.");
        if (proofs is not null)
        {
            s.AppendLine($"- **Proofs**: the log was grown to {proofs.Size:N0} leaves through the real seal, 100,000 per seal, each after the server itself appended 100,000 entries with their outbox rows (one INSERT ... SELECT shaped like the store's batch append) "
                + $"({proofs.BuildTime.TotalMinutes:0.0} min; those seals took median {Ms(proofs.SealWhileBuilding.Median)}, p99 {Ms(proofs.SealWhileBuilding.P99)}). "
                + "Each proof reads its O(log n) subtree hashes in one indexed round trip; random leaves and sizes; every tenth entry proof was checked against the signed root "
                + $"({proofs.Verified} checked, all held).");
            if (proofs.Size < targetLeaves)
                s.AppendLine($"- The log reached {proofs.Size:N0} leaves, not the {targetLeaves:N0} asked for.");
        }
        if (lag is not null)
            s.AppendLine($"- **Lag**: a real silo runs the notary grain (timer every {lag.Interval.TotalSeconds:0.#} s after each seal ends, non-interleaved) while batches of appends (through the entry store, not through chain grains: the write path is issue 8's bench) arrive every 20 ms for "
                + $"{lag.Duration.TotalSeconds:0} s; an entry's lag runs from its append returning to the first poll (every 20 ms) that sees a checkpoint covering it. {lag.Checkpoints} checkpoints.");
        return s.ToString();
    }
}
