using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Ddl.Ledger;

namespace Ddl.Bench.Chaos;

/// <summary>An acknowledged entry: the receipt the ledger gave for one submission.</summary>
public sealed record Ack(string Nonce, long Seq, string Hash, bool Duplicate, double AtSeconds);

/// <summary>A refused or failed attempt, as the writer saw it.</summary>
public sealed record Failure(string Chain, string Code, string Endpoint, double AtSeconds, string? Message);

/// <summary>
/// The one writer of one patient chain: signs a note, submits it through the next silo in turn,
/// and on a retryable failure submits the very same signed submission again (same nonce), so a
/// retry of an entry that was in fact committed gets the original receipt instead of a copy.
/// </summary>
public sealed class ChainWriter(string chain, string author, SigningKey key, string token, IReadOnlyList<Gql> silos,
    Stopwatch clock, ConcurrentQueue<Failure> failures)
{
    private const string Submit = "mutation($input: SignedSubmissionInput!) { submit(input: $input) { seq hash duplicate } }";

    public string Chain => chain;

    public List<Ack> Acks { get; } = [];

    /// <summary>Submissions given up: refused with a code that is not retryable, or still failing at the hard stop.</summary>
    public List<string> Abandoned { get; } = [];

    public async Task RunAsync(int index, TimeSpan pace, CancellationToken stopWriting, CancellationToken hardStop)
    {
        var next = index; // writers start on different silos, so all three carry load from the first second
        for (var n = 0; !stopWriting.IsCancellationRequested; n++)
        {
            var nonce = $"{chain}-{n}";
            var submission = Submission.Create("patient.note", chain, author, key.Id, DateTimeOffset.UtcNow, nonce,
                new JsonObject { ["text"] = $"chaos note {n}" });
            var input = new JsonObject
            {
                ["input"] = new JsonObject { ["submission"] = System.Text.Encoding.UTF8.GetString(submission.CanonicalBytes()), ["sig"] = submission.Sign(key) },
            };
            next = await SubmitUntilDoneAsync(nonce, input, next, hardStop);
            await Task.Delay(pace, CancellationToken.None);
        }
    }

    private async Task<int> SubmitUntilDoneAsync(string nonce, JsonObject input, int next, CancellationToken hardStop)
    {
        while (true)
        {
            var silo = silos[next++ % silos.Count];
            GqlResult result;
            try
            {
                result = await silo.PostAsync(Submit, input, token, hardStop);
            }
            catch (OperationCanceledException) when (hardStop.IsCancellationRequested)
            {
                Abandoned.Add(nonce);
                return next;
            }

            if (result.Ok)
            {
                var receipt = result.Data!["submit"]!;
                Acks.Add(new Ack(nonce, receipt["seq"]!.GetValue<long>(), receipt["hash"]!.GetValue<string>(),
                    receipt["duplicate"]!.GetValue<bool>(), clock.Elapsed.TotalSeconds));
                return next;
            }

            failures.Enqueue(new Failure(chain, result.Code!, silo.Endpoint.Authority, clock.Elapsed.TotalSeconds, result.Message));
            if (!Gql.Retryable.Contains(result.Code!) || hardStop.IsCancellationRequested)
            {
                Abandoned.Add(nonce);
                return next;
            }

            // A short pause: a refused connection fails at once, and a tight loop would only burn CPU.
            await Task.Delay(100, CancellationToken.None);
        }
    }
}
