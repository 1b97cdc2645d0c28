namespace Ddl.Store.Reports.Rebuild;

/// <summary>
/// The read model computed in memory from the entries, for a rebuild: every event does to these
/// rows what its SQL steps in <see cref="EntryProjection"/> do to the tables (the same inserts
/// that keep the first row, the same updates, the item statuses recomputed after the same
/// events), so the tables written at the end equal what projecting entry by entry gives; a test
/// compares the two row for row. Rows no later entry can change (administrations, procedures,
/// dispensings) are handed out as they are made, so only the documents' current rows stay in
/// memory: a 2.2-million-prescription ledger peaked at 10 GB of process memory (bench/Reports).
/// </summary>
internal sealed class ReadModelFold
{
    public static readonly string[] DispensingColumns =
        ["chain", "seq", "hash", "item", "issue", "quantity", "unit", "product_atc", "product_national", "product_name", "batch", "atc", "national",
         "schedule", "pharmacy", "prescriber", "patient", "at", "day", "week", "month"];

    public static readonly string[] AdministrationColumns = ["chain", "seq", "hash", "item", "quantity", "unit", "author", "at"];

    public static readonly string[] ProcedureColumns = ["chain", "seq", "hash", "procedure", "author", "at"];

    private const int DispensingQuantity = 5;

    private readonly Dictionary<string, InstitutionState> institutions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PrescriptionChain> prescriptions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TreatmentChain> treatments = new(StringComparer.Ordinal);

    /// <summary>Dispensing rows made since the last <see cref="TakeRows"/>.</summary>
    public List<object?[]> Dispensings { get; private set; } = [];

    public List<object?[]> Administrations { get; private set; } = [];

    public List<object?[]> Procedures { get; private set; } = [];

    /// <summary>Corrections of dispensing rows already handed out: (chain, seq, new quantity), in order.</summary>
    public List<(string Chain, long Seq, long Quantity)> Corrections { get; } = [];

    public int Unwritten => Dispensings.Count + Administrations.Count + Procedures.Count;

    public void TakeRows()
    {
        Dispensings = [];
        Administrations = [];
        Procedures = [];
    }

    public void Apply(EntryFact f)
    {
        switch (f.Entry.Type)
        {
            case "institution.registered":
                institutions.TryAdd(f.Entry.Chain, new InstitutionState(f.Entry.Chain, f.Kind, f.Name, f.Region));
                break;
            case "institution.suspended" or "institution.reinstated":
                if (institutions.TryGetValue(f.Entry.Chain, out var institution))
                {
                    institution.Suspended = f.Entry.Type == "institution.suspended" ? 1 : 0;
                }

                break;
            case "treatment.created" or "treatment.administered" or "treatment.procedure_done" or "treatment.cancelled":
                Treatment(f);
                break;
            default:
                if (f.Entry.Type.StartsWith("prescription.", StringComparison.Ordinal) && EntryProjection.Types.Contains(f.Entry.Type))
                {
                    Prescription(f);
                }

                break;
        }
    }

    private void Prescription(EntryFact f)
    {
        if (!prescriptions.TryGetValue(f.Entry.Chain, out var c))
        {
            prescriptions[f.Entry.Chain] = c = new PrescriptionChain();
        }

        var rx = c.Prescription;
        switch (f.Entry.Type)
        {
            case "prescription.issued":
                c.Prescription ??= new PrescriptionState(f.Entry.Seq, f.Entry.Hash, f.Patient, f.Author, f.AtText, f.ValidFrom!, f.ValidUntil!);
                for (var i = 0; i < f.Items.Count; i++)
                {
                    if (c.Item(i) is null)
                    {
                        c.Items.Add(new ItemState(i, f.Items[i]));
                    }
                }

                return; // no status recomputation, as in the SQL steps
            case "prescription.claimed" or "prescription.released":
                if (rx is not null)
                {
                    rx.ClaimedBy = f.Entry.Type == "prescription.claimed" ? f.Author : null;
                }

                break;
            case "prescription.dispensed":
                Dispensed(f, c);
                break;
            case "prescription.not_dispensed":
                if (c.Item(f.Item) is { } refused)
                {
                    refused.NotDispensed = f.Reason;
                }

                break;
            case "prescription.cancelled":
                foreach (var item in c.Items)
                {
                    if ((f.Listed.Count == 0 || f.Listed.Contains(item.Index)) && item.Status != "dispensed")
                    {
                        item.Cancelled = 1;
                    }
                }

                break;
            case "prescription.expired":
                if (rx is not null)
                {
                    rx.Expired = 1;
                }

                return;
            case "prescription.corrected":
                if (f.Corrects is not { } target || f.CorrectedQuantity is not { } quantity)
                {
                    return;
                }

                Corrected(f.Entry.Chain, c, target, quantity);
                break;
        }

        Statuses(c);
    }

    private void Dispensed(EntryFact f, PrescriptionChain c)
    {
        if (c.Issue(f.Item, f.Issue) is { } issue)
        {
            issue.Dispensed += f.Quantity;
        }
        else
        {
            (c.Issues ??= []).Add(new IssueState(f.Item, f.Issue, f.AtText, f.Author) { Dispensed = f.Quantity });
        }

        var item = c.Item(f.Item);
        if (item is not null)
        {
            item.DispensedTotal += f.Quantity;
            item.IssuesStarted = Math.Max(item.IssuesStarted, f.Issue);
        }

        if (item is not null && c.Prescription is { } rx)
        {
            // The drug counted is the product handed over, falling back to what was prescribed.
            Dispensings.Add([f.Entry.Chain, f.Entry.Seq, f.Entry.Hash, f.Item, f.Issue, f.Quantity, f.Unit, f.ProductAtc, f.ProductNational,
                f.ProductName, f.Batch, f.ProductAtc ?? item.Fact.Atc, f.ProductNational ?? item.Fact.National, item.Fact.Schedule, f.Author,
                rx.Prescriber, rx.Patient, f.AtText, f.Day, f.Week, f.Month]);
            (c.Dispensed ??= []).Add(new DispensedState(f.Entry.Seq, f.Item, f.Issue, f.Quantity));
        }

        if (c.Prescription is { } claimed)
        {
            claimed.ClaimedBy = f.Author;
        }
    }

    /// <summary>A correction of a dispensing's quantity moves the issue, the item and the dispensing row to the new figure.</summary>
    private void Corrected(string chain, PrescriptionChain c, long target, long quantity)
    {
        var index = c.Dispensed?.FindIndex(d => d.Seq == target) ?? -1;
        if (index < 0)
        {
            return;
        }

        var d = c.Dispensed![index];
        if (c.Issue(d.Item, d.Issue) is { } issue)
        {
            issue.Dispensed += quantity - d.Quantity;
        }

        if (c.Item(d.Item) is { } item)
        {
            item.DispensedTotal += quantity - d.Quantity;
        }

        c.Dispensed[index] = d with { Quantity = quantity };
        var row = Dispensings.FindLast(r => (long)r[1]! == target && (string)r[0]! == chain);
        if (row is not null)
        {
            row[DispensingQuantity] = quantity;
        }
        else
        {
            Corrections.Add((chain, target, quantity));
        }
    }

    private static void Statuses(PrescriptionChain c)
    {
        foreach (var item in c.Items)
        {
            item.Status =
                item.Cancelled == 1 ? "cancelled"
                : item.NotDispensed is not null ? "not_dispensed"
                : item.IssuesStarted == item.Fact.Repeats + 1 && c.Issue(item.Index, item.IssuesStarted) is { } last && last.Dispensed >= item.Fact.Quantity ? "dispensed"
                : item.IssuesStarted > 0 ? "partly_dispensed"
                : c.Prescription?.ClaimedBy is not null ? "with_dispenser"
                : "active";
        }
    }

    private void Treatment(EntryFact f)
    {
        if (!treatments.TryGetValue(f.Entry.Chain, out var c))
        {
            treatments[f.Entry.Chain] = c = new TreatmentChain();
        }

        switch (f.Entry.Type)
        {
            case "treatment.created":
                c.Treatment ??= new TreatmentState(f.Entry.Seq, f.Entry.Hash, f.Patient, f.Author, f.AtText, f.ValidUntil);
                for (var i = 0; i < f.Items.Count; i++)
                {
                    if (!c.Medications.Exists(m => m.Index == i))
                    {
                        c.Medications.Add(new MedicationState(i, f.Items[i]));
                    }
                }

                for (var i = 0; i < f.Procedures.Count; i++)
                {
                    if (!c.Orders.Exists(o => o.Index == i))
                    {
                        c.Orders.Add(new OrderState(i, f.Procedures[i]));
                    }
                }

                break;
            case "treatment.administered":
                Administrations.Add([f.Entry.Chain, f.Entry.Seq, f.Entry.Hash, f.Item, f.Quantity, f.Unit, f.Author, f.AtText]);
                if (c.Medications.Find(m => m.Index == f.Item) is { } medication)
                {
                    medication.Administered += f.Quantity;
                }

                break;
            case "treatment.procedure_done":
                Procedures.Add([f.Entry.Chain, f.Entry.Seq, f.Entry.Hash, f.Procedure, f.Author, f.AtText]);
                if (c.Orders.Find(o => o.Index == f.Procedure) is { } order)
                {
                    order.Done++;
                }

                break;
            case "treatment.cancelled":
                if (c.Treatment is { } sheet)
                {
                    sheet.Cancelled = 1;
                }

                break;
        }
    }

    /// <summary>The rows of the tables whose rows change until the end: (table, columns, rows).</summary>
    public IEnumerable<(string Table, string[] Columns, IEnumerable<object?[]> Rows)> FinalTables()
    {
        yield return ("rm_institutions", ["id", "kind", "name", "region", "suspended"],
            institutions.Values.Select(i => new object?[] { i.Id, i.Kind, i.Name, i.Region, i.Suspended }));
        yield return ("rm_prescriptions", ["chain", "seq", "hash", "patient", "prescriber", "issued_at", "valid_from", "valid_until", "claimed_by", "expired"],
            prescriptions.Where(p => p.Value.Prescription is not null).Select(p =>
            {
                var rx = p.Value.Prescription!;
                return new object?[] { p.Key, rx.Seq, rx.Hash, rx.Patient, rx.Prescriber, rx.IssuedAt, rx.ValidFrom, rx.ValidUntil, rx.ClaimedBy, rx.Expired };
            }));
        yield return ("rm_items", ["chain", "item", "atc", "national", "name", "dose", "quantity", "unit", "repeats", "schedule", "issues_started",
                "dispensed_total", "cancelled", "not_dispensed", "status"],
            prescriptions.SelectMany(p => p.Value.Items.Select(i => new object?[]
            {
                p.Key, i.Index, i.Fact.Atc, i.Fact.National, i.Fact.Name, i.Fact.Dose, i.Fact.Quantity, i.Fact.Unit, i.Fact.Repeats, i.Fact.Schedule,
                i.IssuesStarted, i.DispensedTotal, i.Cancelled, i.NotDispensed, i.Status,
            })));
        yield return ("rm_issues", ["chain", "item", "issue", "started_at", "pharmacy", "dispensed"],
            prescriptions.SelectMany(p => (p.Value.Issues ?? []).Select(s => new object?[] { p.Key, s.Item, s.Number, s.StartedAt, s.Pharmacy, s.Dispensed })));
        yield return ("rm_treatments", ["chain", "seq", "hash", "patient", "issuer", "created_at", "valid_until", "cancelled"],
            treatments.Where(t => t.Value.Treatment is not null).Select(t =>
            {
                var s = t.Value.Treatment!;
                return new object?[] { t.Key, s.Seq, s.Hash, s.Patient, s.Issuer, s.CreatedAt, s.ValidUntil, s.Cancelled };
            }));
        yield return ("rm_medications", ["chain", "item", "atc", "national", "name", "dose", "quantity", "unit", "administered"],
            treatments.SelectMany(t => t.Value.Medications.Select(m => new object?[]
            {
                t.Key, m.Index, m.Fact.Atc, m.Fact.National, m.Fact.Name, m.Fact.Dose, m.Fact.Quantity, m.Fact.Unit, m.Administered,
            })));
        yield return ("rm_procedure_orders", ["chain", "procedure", "code", "name", "count", "done"],
            treatments.SelectMany(t => t.Value.Orders.Select(o => new object?[] { t.Key, o.Index, o.Fact.Code, o.Fact.Name, o.Fact.Count, o.Done })));
    }
}
