using Ddl.Grains.Prescriptions;
using Ddl.Grains.Wire;
using GraphQL.Types;

namespace Ddl.Api.Prescriptions;

public sealed class DrugGraphType : ObjectGraphType<Drug>
{
    public DrugGraphType()
    {
        Name = "Drug";
        Description = "A drug: ATC code, national code when given, name.";
        Field(d => d.Atc, nullable: true).Description("WHO ATC code (level 1 to 5).");
        Field(d => d.National, nullable: true).Description("A national drug code, carried through unchanged.");
        Field(d => d.Name).Description("The drug's name as prescribed or dispensed.");
    }
}

public sealed class PrescriptionGraphType : ObjectGraphType<PrescriptionView>
{
    public PrescriptionGraphType()
    {
        Name = "Prescription";
        Description = "A prescription as its chain records it now.";
        Field(p => p.Id).Description("The prescription's chain id.");
        Field(p => p.Issuer).Description("The issuing medical centre.");
        Field(p => p.Patient).Description("The patient's pseudonymous chain id.");
        Field(p => p.ValidFrom).Description("Dispensable from.");
        Field(p => p.ValidUntil).Description("Dispensable until (exclusive); the ledger records the expiry then.");
        Field(p => p.Status).Description("active, with_dispenser, partly_dispensed, dispensed, cancelled or expired.");
        Field(p => p.ClaimedBy, nullable: true).Description("The pharmacy working on it, if any.");
        Field<NonNullGraphType<LongGraphType>>("length").Description("Entries in its chain.").Resolve(c => c.Source.Length);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PrescriptionItemGraphType>>>>("items").Description("The prescribed items.").Resolve(c => c.Source.Items);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DispensingGraphType>>>>("dispensings").Description("Every dispensing, in chain order.").Resolve(c => c.Source.Dispenses);
    }
}

public sealed class PrescriptionItemGraphType : ObjectGraphType<ItemView>
{
    public PrescriptionItemGraphType()
    {
        Name = "PrescriptionItem";
        Description = "One prescribed item and where it stands.";
        Field(i => i.Index).Description("Its position on the prescription.");
        Field<NonNullGraphType<DrugGraphType>>("drug").Description("What was prescribed.").Resolve(c => c.Source.Drug);
        Field(i => i.Dose).Description("Dose instructions.");
        Field<NonNullGraphType<LongGraphType>>("quantity").Description("Quantity per issue, in `unit`.").Resolve(c => c.Source.Quantity);
        Field(i => i.Unit).Description("The unit of quantities (UCUM when given).");
        Field(i => i.Repeats).Description("Issues allowed beyond the first.");
        Field(i => i.IssuesStarted).Description("Issues started so far.");
        Field<NonNullGraphType<LongGraphType>>("dispensed").Description("Total dispensed over all issues.").Resolve(c => c.Source.Dispensed);
        Field<NonNullGraphType<LongGraphType>>("remainingOnIssue").Description("What can still be dispensed on the current (or next) issue.").Resolve(c => c.Source.RemainingOnOpenIssue);
        Field(i => i.Schedule, nullable: true).Description("Controlled-drug schedule, if any.");
        Field(i => i.Substitution).Description("Whether another product may be dispensed.");
        Field(i => i.MinIntervalDays).Description("Minimum days between the starts of two issues.");
        Field(i => i.Status).Description("active, partly_dispensed, dispensed, cancelled or not_dispensed.");
        Field(i => i.NotDispensedReason, nullable: true).Description("Why it was not dispensed.");
    }
}

public sealed class DispensingGraphType : ObjectGraphType<DispenseView>
{
    public DispensingGraphType()
    {
        Name = "Dispensing";
        Description = "A dispensing recorded by a pharmacy; `seq` is its entry in the prescription's chain.";
        Field<NonNullGraphType<LongGraphType>>("seq").Description("The entry's seq in the prescription chain.").Resolve(c => c.Source.Seq);
        Field(d => d.Item).Description("The item dispensed.");
        Field(d => d.Issue).Description("The issue (1 = first fill).");
        Field<NonNullGraphType<LongGraphType>>("quantity").Description("Quantity handed over (after any correction).").Resolve(c => c.Source.Quantity);
        Field(d => d.Pharmacy).Description("The dispensing pharmacy.");
        Field(d => d.RecordedAt).Description("When the ledger recorded it.");
    }
}
