using System.Text.Json.Nodes;
using Ddl.Grains.Chains;
using Ddl.Grains.Trust;
using Ddl.Grains.Wire;
using Ddl.Ledger;
using Ddl.Store;
using Microsoft.Extensions.Logging;

namespace Ddl.Grains.Patients;

// Submissions pipeline (see ChainGrain): a busy chain shares commits instead of waiting for each;
// every request interleaves and takes the grain's gate, so reads see settled entries only.
[Orleans.Concurrency.MayInterleave(nameof(Pipelines))]
public sealed class PatientGrain(IEntryStore store, LedgerTrust trust, TimeProvider clock, ILogger<PatientGrain> logger)
    : DocumentChainGrain(store, trust, clock, logger), IPatientGrain
{
    public static bool Pipelines(Orleans.Serialization.Invocation.IInvokable request) => IsChainRequest(request);

    private readonly List<string> linked = [];

    protected override string TypePrefix => "patient.";

    public Task<Receipt> LinkAsync(string chain, long seq, string hash, string type) =>
        ExclusiveAsync(() => AppendLedgerEntryAsync(PatientEvents.Linked, PatientEvents.LinkNonce(chain),
            new JsonObject { ["chain"] = chain, ["seq"] = seq, ["hash"] = hash, ["type"] = type }));

    public Task<IReadOnlyList<string>> GetLinkedChainsAsync() => ExclusiveAsync(() => Task.FromResult<IReadOnlyList<string>>(linked.ToList()));

    protected override Task ValidateDocumentAsync(Submission submission, SubmissionContext context) =>
        submission.Type == PatientEvents.Linked
            ? throw new LedgerException(ErrorCodes.Forbidden, "Only the ledger links documents to a patient's chain.")
            : Task.CompletedTask;

    protected override void Apply(Entry entry)
    {
        if (entry.Submission.Type == PatientEvents.Linked && entry.Submission.Body["chain"] is JsonValue chain)
        {
            linked.Add(chain.GetValue<string>());
        }
    }

    protected override void Reset() => linked.Clear();
}
