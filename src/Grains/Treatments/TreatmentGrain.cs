using Ddl.Grains.Chains;
using Ddl.Grains.Trust;
using Ddl.Grains.Wire;
using Ddl.Ledger;
using Ddl.Store;
using Ddl.Store.Schedule;
using Microsoft.Extensions.Logging;

namespace Ddl.Grains.Treatments;

// Submissions pipeline (see ChainGrain): a busy chain shares commits instead of waiting for each;
// every request interleaves and takes the grain's gate, so reads see settled entries only.
[Orleans.Concurrency.MayInterleave(nameof(Pipelines))]
public sealed class TreatmentGrain(IEntryStore store, IScheduleStore schedule, LedgerTrust trust, TimeProvider clock, ILogger<TreatmentGrain> logger)
    : PatientDocumentGrain(store, schedule, trust, clock, logger), ITreatmentGrain
{
    public static bool Pipelines(Orleans.Serialization.Invocation.IInvokable request) => IsChainRequest(request);

    private TreatmentState state = new();

    protected override string TypePrefix => "treatment.";

    protected override string CreationType => TreatmentEvents.Created;

    protected override string? Patient => state.Patient;

    public Task<TreatmentView?> GetAsync() => ExclusiveAsync(() => Task.FromResult(state.IsCreated
        ? new TreatmentView(ChainKey, state.Issuer!, state.Patient!, state.ValidUntil is { } u ? LedgerTime.Format(u) : null, state.Cancelled,
            state.Medications.Select((m, i) => new MedicationView(i, m.Drug, m.Dose, m.Quantity, m.Unit, m.Administered)).ToList(),
            state.Procedures.Select((p, i) => new ProcedureView(i, p.Code, p.Name, p.Count, p.Done)).ToList(),
            Length)
        : null));

    protected override Task ValidateDocumentAsync(Submission submission, SubmissionContext context)
    {
        state.Validate(submission, context);
        return Task.CompletedTask;
    }

    protected override void Apply(Entry entry) => state.Apply(entry);

    protected override void Reset() => state = new TreatmentState();
}
