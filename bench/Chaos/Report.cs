using System.Text;

namespace Ddl.Bench.Chaos;

/// <summary>The figures of a run (failover time, errors by code) and its verdict.</summary>
public sealed class Report(List<ChainWriter> writers, List<Failure> failures, double wroteSeconds, List<string> problems)
{
    private readonly StringBuilder text = new();

    /// <summary>
    /// Per chain, how long after the kill its first write succeeded. Chains whose grain lived on the
    /// killed silo wait for failure detection and re-activation; the others barely notice. The
    /// failover time is the longest such wait.
    /// </summary>
    public void Failover(double killAt)
    {
        var acks = writers.Sum(w => w.Acks.Count);
        var waits = writers
            .Select(w => (w.Chain, First: w.Acks.FirstOrDefault(a => a.AtSeconds > killAt)))
            .ToList();
        var never = waits.Where(x => x.First is null).Select(x => x.Chain).ToList();
        foreach (var chain in never)
        {
            problems.Add($"{chain}: no write succeeded after the kill");
        }

        var seconds = waits.Where(x => x.First is not null).Select(x => x.First!.AtSeconds - killAt).OrderBy(s => s).ToList();
        var affected = seconds.Count(s => s > 2);
        Line($"acknowledged entries: {acks} in {wroteSeconds:0.0} s ({acks / wroteSeconds:0} per second), {writers.Sum(w => w.Acks.Count(a => a.Duplicate))} of them duplicate receipts of a retried submission");
        Line($"kill -9 at {killAt:0.0} s into the run");
        if (seconds.Count > 0)
        {
            Line($"failover time (kill -> every chain writes again): {seconds[^1]:0.0} s; {affected} of {writers.Count} chains waited more than 2 s; median chain {seconds[seconds.Count / 2]:0.00} s");
        }
    }

    /// <summary>Writers may only ever have seen the retryable codes.</summary>
    public void Errors()
    {
        foreach (var group in failures.GroupBy(f => f.Code).OrderBy(g => g.Key))
        {
            Line($"errors seen: {group.Key} x{group.Count()} between {group.Min(f => f.AtSeconds):0.0} s and {group.Max(f => f.AtSeconds):0.0} s, through {string.Join(", ", group.Select(f => f.Endpoint).Distinct().Order())}");
            if (!Gql.Retryable.Contains(group.Key))
            {
                problems.Add($"a writer saw the non-retryable {group.Key}: {group.First().Message}");
            }
        }
        if (failures.Count == 0)
        {
            Line("errors seen: none");
        }

        var abandoned = writers.Sum(w => w.Abandoned.Count);
        if (abandoned > 0)
        {
            problems.Add($"{abandoned} submissions were never acknowledged");
        }
    }

    public int Finish(string path)
    {
        foreach (var problem in problems)
        {
            Line("FAIL " + problem);
        }
        Line(problems.Count == 0 ? "every check held" : $"{problems.Count} check(s) failed");
        File.WriteAllText(path, text.ToString());
        return problems.Count == 0 ? 0 : 1;
    }

    private void Line(string line)
    {
        Console.WriteLine("[chaos] " + line);
        text.AppendLine(line);
    }
}
