using static Ddl.Store.Reports.EntryProjection;

namespace Ddl.Store.Reports;

/// <summary>Treatment sheets: what was ordered, and every administration and procedure recorded against them.</summary>
internal static class TreatmentProjection
{
    public static IReadOnlyList<SqlStep> Created(Projected e)
    {
        var steps = new List<SqlStep>
        {
            new("""
                INSERT INTO rm_treatments (chain, seq, hash, patient, issuer, created_at, valid_until)
                VALUES (@chain, @seq, @hash, @patient, @issuer, @at, @until)
                ON CONFLICT (chain) DO NOTHING
                """,
                ("@chain", e.Chain), ("@seq", e.Entry.Seq), ("@hash", e.Entry.Hash), ("@patient", Text(e.Body, "patient") ?? ""),
                ("@issuer", e.Author), ("@at", e.AtText), ("@until", ReportTime.Normalize(Text(e.Body, "validUntil")))),
        };
        var index = 0L;
        foreach (var m in Array(e.Body, "medications"))
        {
            var drug = Object(m, "drug");
            steps.Add(new("""
                INSERT INTO rm_medications (chain, item, atc, national, name, dose, quantity, unit)
                VALUES (@chain, @item, @atc, @national, @name, @dose, @quantity, @unit)
                ON CONFLICT (chain, item) DO NOTHING
                """,
                ("@chain", e.Chain), ("@item", index++), ("@atc", Text(drug, "atc")), ("@national", Text(drug, "national")),
                ("@name", Text(drug, "name") ?? ""), ("@dose", Text(m, "dose") ?? ""), ("@quantity", Integer(m, "quantity") ?? 0),
                ("@unit", Text(m, "unit") ?? "")));
        }

        index = 0;
        foreach (var p in Array(e.Body, "procedures"))
        {
            steps.Add(new("""
                INSERT INTO rm_procedure_orders (chain, procedure, code, name, count) VALUES (@chain, @procedure, @code, @name, @count)
                ON CONFLICT (chain, procedure) DO NOTHING
                """,
                ("@chain", e.Chain), ("@procedure", index++), ("@code", Text(p, "code") ?? ""), ("@name", Text(p, "name") ?? ""),
                ("@count", Integer(p, "count") ?? 1)));
        }

        return steps;
    }

    public static IReadOnlyList<SqlStep> Administered(Projected e)
    {
        var item = Integer(e.Body, "item") ?? 0;
        var quantity = Integer(e.Body, "quantity") ?? 0;
        return
        [
            new("""
                INSERT INTO rm_administrations (chain, seq, hash, item, quantity, unit, author, at)
                VALUES (@chain, @seq, @hash, @item, @q, @unit, @author, @at)
                ON CONFLICT (chain, seq) DO NOTHING
                """,
                ("@chain", e.Chain), ("@seq", e.Entry.Seq), ("@hash", e.Entry.Hash), ("@item", item), ("@q", quantity),
                ("@unit", Text(e.Body, "unit") ?? ""), ("@author", e.Author), ("@at", e.AtText)),
            new("UPDATE rm_medications SET administered = administered + @q WHERE chain = @chain AND item = @item",
                ("@chain", e.Chain), ("@item", item), ("@q", quantity)),
        ];
    }

    public static IReadOnlyList<SqlStep> ProcedureDone(Projected e)
    {
        var procedure = Integer(e.Body, "procedure") ?? 0;
        return
        [
            new("""
                INSERT INTO rm_procedures (chain, seq, hash, procedure, author, at) VALUES (@chain, @seq, @hash, @procedure, @author, @at)
                ON CONFLICT (chain, seq) DO NOTHING
                """,
                ("@chain", e.Chain), ("@seq", e.Entry.Seq), ("@hash", e.Entry.Hash), ("@procedure", procedure), ("@author", e.Author), ("@at", e.AtText)),
            new("UPDATE rm_procedure_orders SET done = done + 1 WHERE chain = @chain AND procedure = @procedure",
                ("@chain", e.Chain), ("@procedure", procedure)),
        ];
    }

    public static IReadOnlyList<SqlStep> Cancelled(Projected e) =>
    [
        new("UPDATE rm_treatments SET cancelled = 1 WHERE chain = @chain", ("@chain", e.Chain)),
    ];
}
