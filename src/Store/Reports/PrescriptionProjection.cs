using static Ddl.Store.Reports.EntryProjection;

namespace Ddl.Store.Reports;

/// <summary>
/// Prescriptions, their items, issues and dispensings. Item statuses follow
/// <c>PrescriptionState</c> in src/Grains (the actor's own fold), plus EPS's "with dispenser"
/// while a pharmacy holds the claim and nothing has been dispensed yet.
/// </summary>
internal static class PrescriptionProjection
{
    // Recomputed after every event of the chain, from columns the events keep up to date.
    private const string Statuses = """
        UPDATE rm_items SET status = CASE
            WHEN cancelled = 1 THEN 'cancelled'
            WHEN not_dispensed IS NOT NULL THEN 'not_dispensed'
            WHEN issues_started = repeats + 1 AND (SELECT s.dispensed FROM rm_issues s
                WHERE s.chain = rm_items.chain AND s.item = rm_items.item AND s.issue = rm_items.issues_started) >= quantity THEN 'dispensed'
            WHEN issues_started > 0 THEN 'partly_dispensed'
            WHEN (SELECT p.claimed_by FROM rm_prescriptions p WHERE p.chain = rm_items.chain) IS NOT NULL THEN 'with_dispenser'
            ELSE 'active' END
        WHERE chain = @chain
        """;

    public static IReadOnlyList<SqlStep> Issued(Projected e)
    {
        var steps = new List<SqlStep>
        {
            new("""
                INSERT INTO rm_prescriptions (chain, seq, hash, patient, prescriber, issued_at, valid_from, valid_until)
                VALUES (@chain, @seq, @hash, @patient, @prescriber, @at, @from, @until)
                ON CONFLICT (chain) DO NOTHING
                """,
                ("@chain", e.Chain), ("@seq", e.Entry.Seq), ("@hash", e.Entry.Hash), ("@patient", Text(e.Body, "patient") ?? ""),
                ("@prescriber", e.Author), ("@at", e.AtText),
                ("@from", ReportTime.Normalize(Text(e.Body, "validFrom")) ?? e.AtText),
                ("@until", ReportTime.Normalize(Text(e.Body, "validUntil")) ?? e.AtText)),
        };
        var index = 0L;
        foreach (var item in Array(e.Body, "items"))
        {
            var drug = Object(item, "drug");
            steps.Add(new("""
                INSERT INTO rm_items (chain, item, atc, national, name, dose, quantity, unit, repeats, schedule, status)
                VALUES (@chain, @item, @atc, @national, @name, @dose, @quantity, @unit, @repeats, @schedule, 'active')
                ON CONFLICT (chain, item) DO NOTHING
                """,
                ("@chain", e.Chain), ("@item", index++), ("@atc", Text(drug, "atc")), ("@national", Text(drug, "national")),
                ("@name", Text(drug, "name") ?? ""), ("@dose", Text(item, "dose") ?? ""), ("@quantity", Integer(item, "quantity") ?? 0),
                ("@unit", Text(item, "unit") ?? ""), ("@repeats", Integer(item, "repeats") ?? 0), ("@schedule", Text(item, "schedule"))));
        }

        return steps;
    }

    public static IReadOnlyList<SqlStep> Claimed(Projected e) =>
    [
        new("UPDATE rm_prescriptions SET claimed_by = @by WHERE chain = @chain", ("@chain", e.Chain), ("@by", e.Author)),
        new(Statuses, ("@chain", e.Chain)),
    ];

    public static IReadOnlyList<SqlStep> Released(Projected e) =>
    [
        new("UPDATE rm_prescriptions SET claimed_by = NULL WHERE chain = @chain", ("@chain", e.Chain)),
        new(Statuses, ("@chain", e.Chain)),
    ];

    public static IReadOnlyList<SqlStep> Dispensed(Projected e)
    {
        var item = Integer(e.Body, "item") ?? 0;
        var issue = Integer(e.Body, "issue") ?? 1;
        var quantity = Integer(e.Body, "quantity") ?? 0;
        var product = Object(e.Body, "product");
        var at = e.At;
        return
        [
            new("""
                INSERT INTO rm_issues (chain, item, issue, started_at, pharmacy, dispensed) VALUES (@chain, @item, @issue, @at, @pharmacy, @q)
                ON CONFLICT (chain, item, issue) DO UPDATE SET dispensed = rm_issues.dispensed + excluded.dispensed
                """,
                ("@chain", e.Chain), ("@item", item), ("@issue", issue), ("@at", e.AtText), ("@pharmacy", e.Author), ("@q", quantity)),
            new("""
                UPDATE rm_items SET dispensed_total = dispensed_total + @q,
                    issues_started = CASE WHEN @issue > issues_started THEN @issue ELSE issues_started END
                WHERE chain = @chain AND item = @item
                """,
                ("@chain", e.Chain), ("@item", item), ("@issue", issue), ("@q", quantity)),
            // The drug counted is the product handed over, falling back to what was prescribed.
            new("""
                INSERT INTO rm_dispensings (chain, seq, hash, item, issue, quantity, unit, product_atc, product_national, product_name,
                    batch, atc, national, schedule, pharmacy, prescriber, patient, at, day, week, month)
                SELECT @chain, @seq, @hash, @item, @issue, @q, @unit, @patc, @pnational, @pname,
                    @batch, COALESCE(@patc, i.atc), COALESCE(@pnational, i.national), i.schedule, @pharmacy, p.prescriber, p.patient,
                    @at, @day, @week, @month
                FROM rm_items i JOIN rm_prescriptions p ON p.chain = i.chain
                WHERE i.chain = @chain AND i.item = @item
                ON CONFLICT (chain, seq) DO NOTHING
                """,
                ("@chain", e.Chain), ("@seq", e.Entry.Seq), ("@hash", e.Entry.Hash), ("@item", item), ("@issue", issue), ("@q", quantity),
                ("@unit", Text(e.Body, "unit") ?? ""), ("@patc", Text(product, "atc")), ("@pnational", Text(product, "national")),
                ("@pname", Text(product, "name") ?? ""), ("@batch", Text(e.Body, "batch")), ("@pharmacy", e.Author), ("@at", e.AtText),
                ("@day", ReportTime.Day(at)), ("@week", ReportTime.Week(at)), ("@month", ReportTime.Month(at))),
            new("UPDATE rm_prescriptions SET claimed_by = @by WHERE chain = @chain", ("@chain", e.Chain), ("@by", e.Author)),
            new(Statuses, ("@chain", e.Chain)),
        ];
    }

    public static IReadOnlyList<SqlStep> NotDispensed(Projected e) =>
    [
        new("UPDATE rm_items SET not_dispensed = @reason WHERE chain = @chain AND item = @item",
            ("@chain", e.Chain), ("@item", Integer(e.Body, "item") ?? 0), ("@reason", Text(e.Body, "reason") ?? "")),
        new(Statuses, ("@chain", e.Chain)),
    ];

    public static IReadOnlyList<SqlStep> Cancelled(Projected e)
    {
        // As the actor: listed items (all when none are listed), except those fully dispensed.
        var listed = Array(e.Body, "items").Where(i => i.TryGetInt64(out _)).Select(i => i.GetInt64()).ToList();
        var steps = listed.Count == 0
            ? new List<SqlStep> { new("UPDATE rm_items SET cancelled = 1 WHERE chain = @chain AND status <> 'dispensed'", ("@chain", e.Chain)) }
            : listed.Select(i => new SqlStep("UPDATE rm_items SET cancelled = 1 WHERE chain = @chain AND item = @item AND status <> 'dispensed'",
                ("@chain", e.Chain), ("@item", i))).ToList();
        steps.Add(new(Statuses, ("@chain", e.Chain)));
        return steps;
    }

    public static IReadOnlyList<SqlStep> Expired(Projected e) =>
    [
        new("UPDATE rm_prescriptions SET expired = 1 WHERE chain = @chain", ("@chain", e.Chain)),
    ];

    /// <summary>A correction of a dispensing's quantity moves the issue, the item and the dispensing row to the new figure.</summary>
    public static IReadOnlyList<SqlStep> Corrected(Projected e)
    {
        var target = Integer(Object(e.Body, "corrects"), "seq");
        if (target is null || Integer(e.Body, "quantity") is not { } quantity)
        {
            return [];
        }

        (string, object?)[] p = [("@chain", e.Chain), ("@target", target.Value), ("@q", quantity)];
        return
        [
            new("""
                UPDATE rm_issues SET dispensed = dispensed + @q - (SELECT d.quantity FROM rm_dispensings d WHERE d.chain = @chain AND d.seq = @target)
                WHERE chain = @chain AND EXISTS (SELECT 1 FROM rm_dispensings d WHERE d.chain = @chain AND d.seq = @target
                    AND d.item = rm_issues.item AND d.issue = rm_issues.issue)
                """, p),
            new("""
                UPDATE rm_items SET dispensed_total = dispensed_total + @q - (SELECT d.quantity FROM rm_dispensings d WHERE d.chain = @chain AND d.seq = @target)
                WHERE chain = @chain AND EXISTS (SELECT 1 FROM rm_dispensings d WHERE d.chain = @chain AND d.seq = @target AND d.item = rm_items.item)
                """, p),
            new("UPDATE rm_dispensings SET quantity = @q WHERE chain = @chain AND seq = @target", p),
            new(Statuses, ("@chain", e.Chain)),
        ];
    }
}
