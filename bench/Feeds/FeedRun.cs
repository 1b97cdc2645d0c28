using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;

namespace Ddl.Bench.Feeds;

/// <summary>
/// One measured run: subscribers connect, the writer runs for warm-up + measurement, and each
/// delivery is matched with its write. Latency is taken from the commit (see <see cref="CommitClock"/>)
/// to the moment the subscriber read the event off its socket; "from submit" adds the write path
/// (the grain's queue, its checks and the commit itself) for reference.
/// </summary>
public static class FeedRun
{
    public sealed record Result(string Name, string Store, string Description, int Subscribers, int Rate, double AchievedRate, int Writes, long Expected, long Delivered,
        Stats FromCommit, Stats FromSubmit, int Failures, IReadOnlyList<string> Ended, double CoresUsed);

    public sealed record Plan(string Name, string Description, int Rate, string Field, string Query, Func<int, (string Subject, string Role)> Identity,
        Func<Writer.Written, Scenario, IEnumerable<int>> Recipients);

    private const string Selection = "{ chain seq hash type recordedAt }";

    /// <summary>Each pharmacy follows its own prescription: every event goes to one subscriber.</summary>
    public static Plan Pharmacies(Scenario scenario, int subscriberCount, int rate) => new("pharmacies",
        "each pharmacy follows `prescriptionUpdates`; every dispensing reaches the one pharmacy that made it", rate,
        "prescriptionUpdates", "subscription { prescriptionUpdates " + Selection + " }",
        i => (scenario.Pharmacies[i].Id, "pharmacy"),
        (w, s) => IndexOf(s, w.Chain) is var i && i < subscriberCount ? [i] : []);

    /// <summary>Every regulator follows every dispensing: every event goes to every subscriber.</summary>
    public static Plan Regulators(int subscribers, int rate) => new("regulators",
        "every regulator follows `dispensings` (no filter); every dispensing reaches every subscriber", rate,
        "dispensings", "subscription { dispensings " + Selection + " }",
        i => ($"institution:bench-regulator-{i}", "regulator"),
        (_, _) => Enumerable.Range(0, subscribers));

    public static async Task<Result> RunAsync(LedgerUnderTest ledger, string store, Scenario scenario, Plan plan, BenchOptions options, CommitClock commits, TextWriter log)
    {
        var subscribers = new List<Subscriber>();
        for (var i = 0; i < options.Subscribers; i++)
        {
            var (subject, role) = plan.Identity(i);
            subscribers.Add(await Subscriber.StartAsync(ledger.WebSocket, ledger.Token(subject, role), plan.Field, plan.Query));
        }

        await ledger.WaitForFeedsAsync(options.Subscribers);
        var count = plan.Rate * (options.Warmup + options.Seconds);
        var submissions = Enumerable.Range(0, count).Select(scenario.Dispensing).ToList();
        log.WriteLine($"[{plan.Name}, {store}] {options.Subscribers} subscribers connected; writing {count} dispensings at {plan.Rate}/s");
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var (writes, achieved, failures) = await Writer.RunAsync(ledger.Services.GetRequiredService<IGrainFactory>(), submissions, plan.Rate);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var cores = (System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu) / wall.Elapsed;
        foreach (var subscriber in subscribers)
        {
            await subscriber.DisposeAsync();
        }

        await ledger.WaitForFeedsAsync(0);
        return Measure(plan, store, scenario, options, commits, subscribers, writes, achieved, failures, cores);
    }

    private static Result Measure(Plan plan, string store, Scenario scenario, BenchOptions options, CommitClock commits, List<Subscriber> subscribers,
        IReadOnlyList<Writer.Written> writes, double achieved, int failures, double cores)
    {
        // Only writes started after the warm-up count; each is looked up at every subscriber it should reach.
        var measuredFrom = writes.Min(w => w.Started) + (long)(options.Warmup * (double)Stopwatch.Frequency);
        var measured = writes.Where(w => w.Started >= measuredFrom).ToList();
        var arrivals = subscribers.Select(s => s.Arrivals.ToDictionary(a => (a.Chain, a.Seq), a => a.Ticks)).ToList();
        var fromCommit = new List<double>();
        var fromSubmit = new List<double>();
        long expected = 0;
        foreach (var write in measured)
        {
            var committed = commits.TryGet(write.Chain, write.Seq, out var c) ? c : throw new InvalidOperationException($"No commit time for {write.Chain}#{write.Seq}.");
            foreach (var recipient in plan.Recipients(write, scenario))
            {
                expected++;
                if (arrivals[recipient].TryGetValue((write.Chain, write.Seq), out var ticks))
                {
                    fromCommit.Add(Milliseconds(ticks - committed));
                    fromSubmit.Add(Milliseconds(ticks - write.Started));
                }
            }
        }

        var ended = subscribers.Select(s => s.Ended).OfType<string>().Distinct().ToList();
        return new Result(plan.Name, store, plan.Description, options.Subscribers, plan.Rate, achieved, measured.Count, expected, fromSubmit.Count,
            new Stats(fromCommit), new Stats(fromSubmit), failures, ended, cores);
    }

    private static int IndexOf(Scenario scenario, string chain)
    {
        for (var i = 0; i < scenario.Prescriptions.Count; i++)
        {
            if (scenario.Prescriptions[i] == chain)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"{chain} is not one of the scenario's prescriptions.");
    }

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
