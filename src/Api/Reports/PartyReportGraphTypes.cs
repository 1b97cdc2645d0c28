using Ddl.Store.Reports;
using GraphQL.Types;

namespace Ddl.Api.Reports;

public sealed class WorklistItemGraphType : ObjectGraphType<WorklistRow>
{
    public WorklistItemGraphType()
    {
        Name = "WorklistItem";
        Description = "An item a pharmacy holds: the issue to dispense and what remains of it.";
        Field(w => w.Chain).Description("The prescription's chain id.");
        Field(w => w.Patient).Description("The patient's pseudonymous chain id.");
        Field(w => w.ValidUntil).Description("Validity end of the prescription.");
        Field(w => w.Item).Description("Index of the item.");
        Field(w => w.Atc, nullable: true).Description("ATC code prescribed.");
        Field(w => w.National, nullable: true).Description("National code prescribed.");
        Field(w => w.Name).Description("Drug name.");
        Field(w => w.Unit).Description("Unit.");
        Field(w => w.Schedule, nullable: true).Description("Controlled-drug schedule.");
        Field(w => w.Status).Description("with_dispenser or partly_dispensed.");
        Field(w => w.Issue).Description("The issue to dispense now (open, or the next one).");
        Field(w => w.DispensedInIssue).Description("Already dispensed in that issue.");
        Field(w => w.Remaining).Description("Quantity remaining in that issue.");
        Field(w => w.IssuesLeft).Description("Issues after this one.");
    }
}

public sealed class TrackerItemGraphType : ObjectGraphType<TrackerRow>
{
    public TrackerItemGraphType()
    {
        Name = "TrackerItem";
        Description = "An item a medical centre prescribed, with its status.";
        Field(t => t.Chain).Description("The prescription's chain id.");
        Field(t => t.Patient).Description("The patient's pseudonymous chain id.");
        Field(t => t.IssuedAt).Description("When it was issued.");
        Field(t => t.ValidUntil).Description("Validity end.");
        Field(t => t.Expired).Description("Whether the ledger recorded the expiry.");
        Field(t => t.NeverCollected).Description("Nothing dispensed and the prescription expired or past its validity.");
        Field<NonNullGraphType<ReportItemGraphType>>("item").Description("The item and its status.").Resolve(c => c.Source.Item);
    }
}
