using Ddl.Store.Reports;
using GraphQL.Types;

namespace Ddl.Api.Reports;

public sealed class TreatmentReportGraphType : ObjectGraphType<PatientReport>
{
    public TreatmentReportGraphType()
    {
        Name = "TreatmentReport";
        Description = "A patient's treatment report from the read model: every element names its chain, seq and hash, so proofs can be fetched.";
        Field(r => r.Patient).Description("The patient's pseudonymous chain id.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReportPrescriptionGraphType>>>>("prescriptions").Description("Prescriptions, newest first.").Resolve(c => c.Source.Prescriptions);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReportTreatmentGraphType>>>>("treatments").Description("Treatment sheets, newest first.").Resolve(c => c.Source.Treatments);
    }
}

public sealed class ReportPrescriptionGraphType : ObjectGraphType<PrescriptionRow>
{
    public ReportPrescriptionGraphType()
    {
        Name = "ReportPrescription";
        Description = "A prescription in a report; chain, seq and hash are those of its prescription.issued entry.";
        Field(p => p.Chain).Description("The prescription's chain id.");
        Field(p => p.Seq).Description("Seq of the issuing entry.");
        Field(p => p.Hash).Description("Hash of the issuing entry.");
        Field(p => p.Patient).Description("The patient's pseudonymous chain id.");
        Field(p => p.Prescriber).Description("The prescribing medical centre.");
        Field(p => p.PrescriberName, nullable: true).Description("Its registered name.");
        Field(p => p.IssuedAt).Description("When the ledger recorded the prescription.");
        Field(p => p.ValidFrom).Description("Dispensable from.");
        Field(p => p.ValidUntil).Description("Dispensable until.");
        Field(p => p.Status).Description("active, with_dispenser, partly_dispensed, dispensed, cancelled or expired.");
        Field(p => p.ClaimedBy, nullable: true).Description("The pharmacy that holds it, if any.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReportItemGraphType>>>>("items").Description("Its items.").Resolve(c => c.Source.Items);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReportDispensingGraphType>>>>("dispensings").Description("Every dispensing, in chain order.").Resolve(c => c.Source.Dispensings);
    }
}

public sealed class ReportItemGraphType : ObjectGraphType<ItemRow>
{
    public ReportItemGraphType()
    {
        Name = "ReportItem";
        Description = "A prescribed item with its status.";
        Field(i => i.Item).Description("Index of the item in its prescription.");
        Field(i => i.Atc, nullable: true).Description("ATC code prescribed.");
        Field(i => i.National, nullable: true).Description("National drug code prescribed.");
        Field(i => i.Name).Description("Drug name prescribed.");
        Field(i => i.Dose).Description("Dose instructions.");
        Field(i => i.Quantity).Description("Quantity per issue.");
        Field(i => i.Unit).Description("Unit of the quantity.");
        Field(i => i.Repeats).Description("Repeats allowed beyond the first issue.");
        Field(i => i.RepeatsLeft).Description("Repeats not started yet (0 once the item is closed).");
        Field(i => i.Schedule, nullable: true).Description("Controlled-drug schedule.");
        Field(i => i.IssuesStarted).Description("Issues started so far.");
        Field(i => i.DispensedTotal).Description("Total dispensed over all issues.");
        Field(i => i.Status).Description("active, with_dispenser, partly_dispensed, dispensed, cancelled or not_dispensed.");
        Field(i => i.NotDispensedReason, nullable: true).Description("Why the pharmacy did not dispense it.");
    }
}

public sealed class ReportDispensingGraphType : ObjectGraphType<DispensingRow>
{
    public ReportDispensingGraphType()
    {
        Name = "ReportDispensing";
        Description = "One prescription.dispensed entry.";
        Field(d => d.Chain).Description("The prescription's chain id.");
        Field(d => d.Seq).Description("Seq of the entry.");
        Field(d => d.Hash).Description("Hash of the entry.");
        Field(d => d.Item).Description("Item dispensed.");
        Field(d => d.Issue).Description("Issue (1 = first fill).");
        Field(d => d.Quantity).Description("Quantity handed over (after any correction).");
        Field(d => d.Unit).Description("Unit.");
        Field(d => d.ProductAtc, nullable: true).Description("ATC code of the product handed over.");
        Field(d => d.ProductNational, nullable: true).Description("National code of the product.");
        Field(d => d.ProductName).Description("Product name.");
        Field(d => d.Batch, nullable: true).Description("Batch number.");
        Field(d => d.Atc, nullable: true).Description("ATC code counted (the product's, else the prescribed one).");
        Field(d => d.Schedule, nullable: true).Description("Controlled-drug schedule of the item.");
        Field(d => d.Pharmacy).Description("The dispensing pharmacy.");
        Field(d => d.PharmacyName, nullable: true).Description("Its registered name.");
        Field(d => d.Prescriber).Description("The prescribing medical centre.");
        Field(d => d.Patient).Description("The patient's pseudonymous chain id.");
        Field(d => d.At).Description("When the ledger recorded it.");
    }
}

public sealed class ReportTreatmentGraphType : ObjectGraphType<TreatmentRow>
{
    public ReportTreatmentGraphType()
    {
        Name = "ReportTreatment";
        Description = "A treatment sheet; chain, seq and hash are those of its treatment.created entry.";
        Field(t => t.Chain).Description("The treatment sheet's chain id.");
        Field(t => t.Seq).Description("Seq of the creating entry.");
        Field(t => t.Hash).Description("Hash of the creating entry.");
        Field(t => t.Issuer).Description("The medical centre.");
        Field(t => t.IssuerName, nullable: true).Description("Its registered name.");
        Field(t => t.CreatedAt).Description("When the ledger recorded it.");
        Field(t => t.ValidUntil, nullable: true).Description("End of the treatment, if set.");
        Field(t => t.Cancelled).Description("Whether it was cancelled.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReportMedicationGraphType>>>>("medications").Description("Medications ordered.").Resolve(c => c.Source.Medications);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReportProcedureOrderGraphType>>>>("procedureOrders").Description("Procedures ordered.").Resolve(c => c.Source.ProcedureOrders);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReportAdministrationGraphType>>>>("administrations").Description("Every administration.").Resolve(c => c.Source.Administrations);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReportProcedureGraphType>>>>("procedures").Description("Every procedure done.").Resolve(c => c.Source.Procedures);
    }
}

public sealed class ReportMedicationGraphType : ObjectGraphType<MedicationRow>
{
    public ReportMedicationGraphType()
    {
        Name = "ReportMedication";
        Description = "A medication ordered on a treatment sheet.";
        Field(m => m.Item).Description("Index on the sheet.");
        Field(m => m.Atc, nullable: true).Description("ATC code.");
        Field(m => m.National, nullable: true).Description("National code.");
        Field(m => m.Name).Description("Drug name.");
        Field(m => m.Dose).Description("Dose instructions.");
        Field(m => m.Quantity).Description("Total quantity ordered.");
        Field(m => m.Unit).Description("Unit.");
        Field(m => m.Administered).Description("Quantity administered so far.");
    }
}

public sealed class ReportProcedureOrderGraphType : ObjectGraphType<ProcedureOrderRow>
{
    public ReportProcedureOrderGraphType()
    {
        Name = "ReportProcedureOrder";
        Description = "A procedure ordered on a treatment sheet.";
        Field(p => p.Procedure).Description("Index on the sheet.");
        Field(p => p.Code).Description("Procedure code.");
        Field(p => p.Name).Description("Procedure name.");
        Field(p => p.Count).Description("Times ordered.");
        Field(p => p.Done).Description("Times done.");
    }
}

public sealed class ReportAdministrationGraphType : ObjectGraphType<AdministrationRow>
{
    public ReportAdministrationGraphType()
    {
        Name = "ReportAdministration";
        Description = "One treatment.administered entry.";
        Field(a => a.Chain).Description("The treatment sheet's chain id.");
        Field(a => a.Seq).Description("Seq of the entry.");
        Field(a => a.Hash).Description("Hash of the entry.");
        Field(a => a.Item).Description("Medication administered.");
        Field(a => a.Quantity).Description("Quantity.");
        Field(a => a.Unit).Description("Unit.");
        Field(a => a.Author).Description("The medical centre that recorded it.");
        Field(a => a.At).Description("When the ledger recorded it.");
    }
}

public sealed class ReportProcedureGraphType : ObjectGraphType<ProcedureRow>
{
    public ReportProcedureGraphType()
    {
        Name = "ReportProcedure";
        Description = "One treatment.procedure_done entry.";
        Field(p => p.Chain).Description("The treatment sheet's chain id.");
        Field(p => p.Seq).Description("Seq of the entry.");
        Field(p => p.Hash).Description("Hash of the entry.");
        Field(p => p.Procedure).Description("Procedure done.");
        Field(p => p.Author).Description("The medical centre that recorded it.");
        Field(p => p.At).Description("When the ledger recorded it.");
    }
}

public sealed class AccessLogEntryGraphType : ObjectGraphType<AccessLogRow>
{
    public AccessLogEntryGraphType()
    {
        Name = "AccessLogEntry";
        Description = "One read of the patient's data by another party.";
        Field(a => a.Id).Description("Position in the log; pass as `before` for the next page.");
        Field(a => a.Reader).Description("Who read (an institution or operator id).");
        Field(a => a.ReaderRole).Description("The reader's role.");
        Field(a => a.Field).Description("The GraphQL field through which the data was read.");
        Field(a => a.At).Description("When.");
    }
}
