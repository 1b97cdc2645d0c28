using Ddl.Grains.Patients;
using Ddl.Grains.Trust;
using Ddl.Grains.Wire;
using Ddl.Ledger;
using Ddl.Store;
using Ddl.Store.Schedule;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ddl.Grains.Chains;

/// <summary>
/// A document issued to a patient (a prescription, a treatment sheet), which the patient's chain
/// must link exactly once. Orleans gives no transaction across two actors, so the source entry is
/// the truth and the link follows it: a durable "link" work item is recorded before the source
/// entry is written, the link is written right after (idempotent on its nonce), and the work item
/// is removed only then. A crash in between leaves the work item, and the scheduler finishes it.
/// </summary>
public abstract class PatientDocumentGrain(IEntryStore store, IScheduleStore schedule, LedgerTrust trust, TimeProvider clock, ILogger logger)
    : DocumentChainGrain(store, trust, clock, logger)
{
    public const string LinkWork = "link";

    /// <summary>The event that creates the document and names its patient (seq 0).</summary>
    protected abstract string CreationType { get; }

    /// <summary>The patient's chain id, once the document exists.</summary>
    protected abstract string? Patient { get; }

    protected IScheduleStore Schedule => schedule;

    private string? creationHash;

    protected override Task BeforeAppendAsync(Submission submission) =>
        submission.Type == CreationType
            ? schedule.ScheduleAsync(ChainKey, [(LinkWork, Clock.GetUtcNow()), .. WorkFromCreation(submission)])
            : Task.CompletedTask;

    /// <summary>
    /// Other work the document owes itself from its creation on (a prescription's expiry), recorded
    /// in the same commit as the link work: one round trip and one commit less per document.
    /// </summary>
    protected virtual IEnumerable<(string Kind, DateTimeOffset DueAt)> WorkFromCreation(Submission submission) => [];

    protected override async Task AfterAppendAsync(Entry entry, Receipt receipt)
    {
        if (entry.Submission.Type != CreationType)
        {
            return;
        }

        creationHash = receipt.Hash;
        try
        {
            await LinkToPatientAsync();
        }
        catch (Exception e) when (e is not LedgerException)
        {
            // The document is stored; the scheduler retries the link. The author must not see a failure.
            Logger.LogWarning(e, "Linking {Chain} to {Patient} failed; the scheduler will retry", ChainKey, Patient);
        }
    }

    protected override async Task RunScheduledWorkAsync(string kind)
    {
        if (kind != LinkWork)
        {
            await base.RunScheduledWorkAsync(kind);
            return;
        }

        if (Patient is null)
        {
            // The write the work was recorded for never happened.
            await schedule.CompleteAsync(ChainKey, LinkWork);
            return;
        }

        creationHash ??= (await Store.GetAsync(ChainKey, 0))?.Hash;
        await LinkToPatientAsync();
    }

    private async Task LinkToPatientAsync()
    {
        if (ServiceProvider.GetService<IFaultPoints>() is { } faults)
        {
            await faults.HitAsync(FaultPoints.BeforePatientLink, ChainKey);
        }

        await GrainFactory.GetGrain<IPatientGrain>(Patient!).LinkAsync(ChainKey, 0, creationHash!, CreationType);
        await schedule.CompleteAsync(ChainKey, LinkWork);
    }
}
