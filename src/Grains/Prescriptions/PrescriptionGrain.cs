using System.Text.Json.Nodes;
using Ddl.Grains.Chains;
using Ddl.Grains.Trust;
using Ddl.Grains.Wire;
using Ddl.Ledger;
using Ddl.Store;
using Ddl.Store.Schedule;
using Microsoft.Extensions.Logging;

namespace Ddl.Grains.Prescriptions;

/// <summary>
/// The one place where a prescription's rules are enforced (<see cref="PrescriptionRules"/>), and
/// where its expiry is written by the ledger itself when the validity period ends.
/// </summary>
// Submissions pipeline (see ChainGrain): a busy chain shares commits instead of waiting for each;
// every request interleaves and takes the grain's gate, so reads see settled entries only.
[Orleans.Concurrency.MayInterleave(nameof(Pipelines))]
public sealed class PrescriptionGrain(
    IEntryStore store, IScheduleStore schedule, LedgerTrust trust, TimeProvider clock, ControlledDrugRules rules, ILogger<PrescriptionGrain> logger)
    : PatientDocumentGrain(store, schedule, trust, clock, logger), IPrescriptionGrain
{
    public static bool Pipelines(Orleans.Serialization.Invocation.IInvokable request) => IsChainRequest(request);

    public const string ExpiryWork = "expiry";

    private PrescriptionState state = new();

    protected override string TypePrefix => "prescription.";

    protected override string CreationType => PrescriptionEvents.Issued;

    protected override string? Patient => state.Patient;

    public Task<PrescriptionView?> GetAsync() => ExclusiveAsync(() => Task.FromResult(state.IsIssued ? View() : null));

    protected override Task ValidateDocumentAsync(Submission submission, SubmissionContext context)
    {
        PrescriptionRules.Validate(state, submission, context, rules);
        return Task.CompletedTask;
    }

    protected override IEnumerable<(string Kind, DateTimeOffset DueAt)> WorkFromCreation(Submission submission) =>
        [(ExpiryWork, LedgerTime.Parse(submission.Body["validUntil"]!.GetValue<string>()))];

    protected override async Task RunScheduledWorkAsync(string kind)
    {
        if (kind != ExpiryWork)
        {
            await base.RunScheduledWorkAsync(kind);
            return;
        }

        if (!state.IsIssued || state.Expired || state.AllItemsClosed)
        {
            await Schedule.CompleteAsync(ChainKey, ExpiryWork);
            return;
        }

        if (Clock.GetUtcNow() < state.ValidUntil)
        {
            await Schedule.ScheduleAsync(ChainKey, ExpiryWork, state.ValidUntil);
            return;
        }

        await AppendLedgerEntryAsync(PrescriptionEvents.Expired, "expiry:" + ChainKey,
            new JsonObject { ["validUntil"] = LedgerTime.Format(state.ValidUntil) });
        await Schedule.CompleteAsync(ChainKey, ExpiryWork);
    }

    protected override void Apply(Entry entry) => state.Apply(entry);

    protected override void Reset() => state = new PrescriptionState();

    private PrescriptionView View() => new(
        ChainKey, state.Issuer!, state.Patient!, LedgerTime.Format(state.ValidFrom), LedgerTime.Format(state.ValidUntil),
        state.Status, state.ClaimedBy,
        state.Items.Select((item, i) => new ItemView(i, item.Item.Drug, item.Item.Dose, item.Item.Quantity, item.Item.Unit,
            item.Item.Repeats, item.Issues.Count, item.TotalDispensed,
            item.OpenIssue is { } open ? item.Item.Quantity - open.Dispensed : item.IsClosed ? 0 : item.Item.Quantity,
            item.Item.Schedule, item.Item.Substitution, item.Item.MinIntervalDays, item.Status, item.NotDispensedReason)).ToList(),
        state.Dispenses.Values.OrderBy(d => d.Seq)
            .Select(d => new DispenseView(d.Seq, d.Item, d.Issue, d.Quantity, d.Pharmacy, LedgerTime.Format(d.At))).ToList(),
        Length);
}
