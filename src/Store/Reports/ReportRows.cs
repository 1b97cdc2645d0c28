// Rows of the reports, one record per kind. Their fields are the read model's columns, named
// alike and described on the GraphQL types that publish them (src/Api/Reports).
#pragma warning disable CS1591

namespace Ddl.Store.Reports;

public sealed record PatientReport(string Patient, IReadOnlyList<PrescriptionRow> Prescriptions, IReadOnlyList<TreatmentRow> Treatments);

public sealed record PrescriptionRow(string Chain, long Seq, string Hash, string Patient, string Prescriber, string? PrescriberName,
    string IssuedAt, string ValidFrom, string ValidUntil, string? ClaimedBy, bool Expired,
    IReadOnlyList<ItemRow> Items, IReadOnlyList<DispensingRow> Dispensings)
{
    /// <summary>The prescription's status, folded from its items as the actor folds it.</summary>
    public string Status => Items.Count > 0 && Items.All(i => i.Status == "cancelled") ? "cancelled"
        : Expired ? "expired"
        : Items.All(i => i.Status is "cancelled" or "not_dispensed" or "dispensed") ? "dispensed"
        : Items.Any(i => i.IssuesStarted > 0) ? "partly_dispensed"
        : ClaimedBy is not null ? "with_dispenser"
        : "active";
}

public sealed record ItemRow(string Chain, long Item, string? Atc, string? National, string Name, string Dose, long Quantity, string Unit,
    long Repeats, string? Schedule, long IssuesStarted, long DispensedTotal, string Status, string? NotDispensedReason)
{
    /// <summary>Repeats not started yet (issues beyond the first), 0 once the item is closed.</summary>
    public long RepeatsLeft => Status is "cancelled" or "not_dispensed" or "dispensed" ? 0 : Math.Max(0, Repeats - Math.Max(0, IssuesStarted - 1));
}

public sealed record DispensingRow(string Chain, long Seq, string Hash, long Item, long Issue, long Quantity, string Unit,
    string? ProductAtc, string? ProductNational, string ProductName, string? Batch, string? Atc, string? Schedule,
    string Pharmacy, string? PharmacyName, string Prescriber, string Patient, string At);

public sealed record TreatmentRow(string Chain, long Seq, string Hash, string Patient, string Issuer, string? IssuerName, string CreatedAt,
    string? ValidUntil, bool Cancelled, IReadOnlyList<MedicationRow> Medications, IReadOnlyList<ProcedureOrderRow> ProcedureOrders,
    IReadOnlyList<AdministrationRow> Administrations, IReadOnlyList<ProcedureRow> Procedures);

public sealed record MedicationRow(long Item, string? Atc, string? National, string Name, string Dose, long Quantity, string Unit, long Administered);

public sealed record ProcedureOrderRow(long Procedure, string Code, string Name, long Count, long Done);

public sealed record AdministrationRow(string Chain, long Seq, string Hash, long Item, long Quantity, string Unit, string Author, string At);

public sealed record ProcedureRow(string Chain, long Seq, string Hash, long Procedure, string Author, string At);

/// <summary>An item a pharmacy holds: the issue to dispense now and what remains of it.</summary>
public sealed record WorklistRow(string Chain, string Patient, string ValidUntil, long Item, string? Atc, string? National, string Name,
    string Unit, string? Schedule, string Status, long Issue, long DispensedInIssue, long Remaining, long IssuesLeft);

public sealed record TrackerRow(string Chain, string Patient, string IssuedAt, string ValidUntil, bool Expired, ItemRow Item, bool NeverCollected);

public sealed record AccessLogRow(long Id, string Reader, string ReaderRole, string Field, string At);
