using Ddl.Api.Prescriptions;
using Ddl.Api.Treatments;
using GraphQL.Types;

namespace Ddl.Api.Patients;

public sealed class PatientRecordGraphType : ObjectGraphType<PatientRecord>
{
    public PatientRecordGraphType()
    {
        Name = "PatientRecord";
        Description = "Everything issued to one patient, as linked from their chain.";
        Field(r => r.Patient).Description("The patient's pseudonymous chain id.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PrescriptionGraphType>>>>("prescriptions").Description("Prescriptions, in link order.").Resolve(c => c.Source.Prescriptions);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TreatmentSheetGraphType>>>>("treatmentSheets").Description("Treatment sheets, in link order.").Resolve(c => c.Source.TreatmentSheets);
    }
}
