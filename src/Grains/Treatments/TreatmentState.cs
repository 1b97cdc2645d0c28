using Ddl.Grains.Chains;
using Ddl.Grains.Prescriptions;
using Ddl.Ledger;

namespace Ddl.Grains.Treatments;

/// <summary>
/// A treatment sheet: medications (a total quantity to administer) and procedures (a number of
/// times) ordered for a patient at a medical centre, and what was administered and done against it.
/// </summary>
public sealed class TreatmentState
{
    public const int MaxLines = 100;

    public string? Issuer { get; private set; }

    public string? Patient { get; private set; }

    public DateTimeOffset? ValidUntil { get; private set; }

    public bool Cancelled { get; private set; }

    public List<MedicationOrder> Medications { get; } = [];

    public List<ProcedureOrder> Procedures { get; } = [];

    public Dictionary<long, string> Authors { get; } = [];

    public bool IsCreated => Issuer is not null;

    public void Validate(Submission s, SubmissionContext context)
    {
        var body = new BodyReader(s.Body);
        if (s.Type == TreatmentEvents.Created)
        {
            if (IsCreated)
            {
                throw new LedgerException(ErrorCodes.InvalidState, "This treatment sheet already exists.");
            }

            RequireMedicalCentre(context, "creates treatment sheets");
            body.ChainOf("patient", ChainKind.Patient);
            var medications = body.Has("medications") ? body.Objects("medications", 0, MaxLines).Select(MedicationOrder.Read).ToList() : [];
            var procedures = body.Has("procedures") ? body.Objects("procedures", 0, MaxLines).Select(ProcedureOrder.Read).ToList() : [];
            if (medications.Count + procedures.Count == 0)
            {
                throw body.Invalid("medications", "or procedures must order something");
            }

            if (body.OptionalTime("validUntil") is { } until && until <= context.RecordedAt)
            {
                throw body.Invalid("validUntil", "must be in the future");
            }

            return;
        }

        if (!IsCreated)
        {
            throw new LedgerException(ErrorCodes.NotIssued, "This treatment sheet does not exist.");
        }

        switch (s.Type)
        {
            case TreatmentEvents.Administered:
                RequireOpen(context);
                RequireMedicalCentre(context, "records administrations");
                var index = body.Integer("item", 0, MaxLines);
                var order = index < Medications.Count ? Medications[(int)index] : throw body.Invalid("item", $"must name one of the {Medications.Count} medication(s)");
                var quantity = body.Integer("quantity", 1, 1_000_000_000);
                if (body.Text("unit", 32) != order.Unit)
                {
                    throw new LedgerException(ErrorCodes.UnitMismatch, $"Medication {index} is ordered in '{order.Unit}'.");
                }

                if (order.Administered + quantity > order.Quantity)
                {
                    throw new LedgerException(ErrorCodes.OverAdministration,
                        $"Only {order.Quantity - order.Administered} {order.Unit} of {order.Drug.Name} remain on this treatment sheet; {quantity} cannot be administered.");
                }

                break;
            case TreatmentEvents.ProcedureDone:
                RequireOpen(context);
                RequireMedicalCentre(context, "records procedures");
                var p = body.Integer("procedure", 0, MaxLines);
                var procedure = p < Procedures.Count ? Procedures[(int)p] : throw body.Invalid("procedure", $"must name one of the {Procedures.Count} procedure(s)");
                if (procedure.Done >= procedure.Count)
                {
                    throw new LedgerException(ErrorCodes.OverAdministration, $"Procedure {procedure.Name} was ordered {procedure.Count} time(s) and is done.");
                }

                break;
            case TreatmentEvents.Cancelled:
                if (s.Author != Issuer)
                {
                    throw new LedgerException(ErrorCodes.Forbidden, "Only the medical centre that created a treatment sheet can cancel it.");
                }

                if (Cancelled)
                {
                    throw new LedgerException(ErrorCodes.TreatmentClosed, "The treatment sheet is already cancelled.");
                }

                body.Text("reason", 500);
                break;
            case TreatmentEvents.Corrected:
                var target = body.Nested("corrects").Integer("seq", 0, long.MaxValue);
                body.Text("reason", 500);
                if (!Authors.TryGetValue(target, out var author) || author != s.Author)
                {
                    throw new LedgerException(ErrorCodes.Forbidden, "Only the author of an entry can correct it.");
                }

                break;
            default:
                throw new LedgerException(ErrorCodes.UnknownEventType, $"A treatment chain does not take '{s.Type}' entries.");
        }
    }

    public void Apply(Entry entry)
    {
        var s = entry.Submission;
        var body = new BodyReader(s.Body);
        Authors[entry.Seq] = s.Author;
        switch (s.Type)
        {
            case TreatmentEvents.Created:
                Issuer = s.Author;
                Patient = body.ChainOf("patient", ChainKind.Patient);
                ValidUntil = body.OptionalTime("validUntil");
                if (body.Has("medications"))
                {
                    Medications.AddRange(body.Objects("medications", 0, MaxLines).Select(MedicationOrder.Read));
                }

                if (body.Has("procedures"))
                {
                    Procedures.AddRange(body.Objects("procedures", 0, MaxLines).Select(ProcedureOrder.Read));
                }

                break;
            case TreatmentEvents.Administered:
                Medications[(int)body.Integer("item", 0, MaxLines)].Administered += body.Integer("quantity", 1, long.MaxValue);
                break;
            case TreatmentEvents.ProcedureDone:
                Procedures[(int)body.Integer("procedure", 0, MaxLines)].Done++;
                break;
            case TreatmentEvents.Cancelled:
                Cancelled = true;
                break;
        }
    }

    private void RequireOpen(SubmissionContext context)
    {
        if (Cancelled)
        {
            throw new LedgerException(ErrorCodes.TreatmentClosed, "The treatment sheet was cancelled.");
        }

        if (ValidUntil is { } until && context.RecordedAt >= until)
        {
            throw new LedgerException(ErrorCodes.TreatmentClosed, $"The treatment sheet ended at {LedgerTime.Format(until)}.");
        }
    }

    private static void RequireMedicalCentre(SubmissionContext context, string what)
    {
        if (context.AuthorKind != "medical_centre")
        {
            throw new LedgerException(ErrorCodes.Forbidden, $"Only a medical centre {what}.");
        }
    }
}

public sealed class MedicationOrder(Drug drug, string dose, long quantity, string unit)
{
    public Drug Drug { get; } = drug;

    public string Dose { get; } = dose;

    public long Quantity { get; } = quantity;

    public string Unit { get; } = unit;

    public long Administered { get; set; }

    public static MedicationOrder Read(BodyReader r) =>
        new(Drug.Read(r.Nested("drug")), r.Text("dose", 500), r.Integer("quantity", 1, 1_000_000_000), r.Text("unit", 32));
}

public sealed class ProcedureOrder(string code, string name, int count)
{
    public string Code { get; } = code;

    public string Name { get; } = name;

    public int Count { get; } = count;

    public int Done { get; set; }

    public static ProcedureOrder Read(BodyReader r) =>
        new(r.Text("code", 64), r.Text("name", 200), (int)(r.OptionalInteger("count", 1, 1000) ?? 1));
}
