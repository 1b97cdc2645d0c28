using Ddl.Api.Prescriptions;
using Ddl.Grains.Wire;
using GraphQL.Types;

namespace Ddl.Api.Treatments;

public sealed class TreatmentSheetGraphType : ObjectGraphType<TreatmentView>
{
    public TreatmentSheetGraphType()
    {
        Name = "TreatmentSheet";
        Description = "Medications and procedures ordered for a patient at a medical centre, and what was done.";
        Field(t => t.Id).Description("The treatment sheet's chain id.");
        Field(t => t.Issuer).Description("The medical centre that created it.");
        Field(t => t.Patient).Description("The patient's pseudonymous chain id.");
        Field(t => t.ValidUntil, nullable: true).Description("When it ends, if set.");
        Field(t => t.Cancelled).Description("Whether it was cancelled.");
        Field<NonNullGraphType<LongGraphType>>("length").Description("Entries in its chain.").Resolve(c => c.Source.Length);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MedicationOrderGraphType>>>>("medications").Description("Medications ordered.").Resolve(c => c.Source.Medications);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ProcedureOrderGraphType>>>>("procedures").Description("Procedures ordered.").Resolve(c => c.Source.Procedures);
    }
}

public sealed class MedicationOrderGraphType : ObjectGraphType<MedicationView>
{
    public MedicationOrderGraphType()
    {
        Name = "MedicationOrder";
        Description = "A medication on a treatment sheet.";
        Field(m => m.Index).Description("Its position on the sheet.");
        Field<NonNullGraphType<DrugGraphType>>("drug").Description("The drug.").Resolve(c => c.Source.Drug);
        Field(m => m.Dose).Description("Dose instructions.");
        Field<NonNullGraphType<LongGraphType>>("quantity").Description("Total to administer.").Resolve(c => c.Source.Quantity);
        Field(m => m.Unit).Description("Unit of quantities.");
        Field<NonNullGraphType<LongGraphType>>("administered").Description("Administered so far.").Resolve(c => c.Source.Administered);
    }
}

public sealed class ProcedureOrderGraphType : ObjectGraphType<ProcedureView>
{
    public ProcedureOrderGraphType()
    {
        Name = "ProcedureOrder";
        Description = "A procedure on a treatment sheet.";
        Field(p => p.Index).Description("Its position on the sheet.");
        Field(p => p.Code).Description("Procedure code.");
        Field(p => p.Name).Description("Procedure name.");
        Field(p => p.Count).Description("Times ordered.");
        Field(p => p.Done).Description("Times done.");
    }
}
