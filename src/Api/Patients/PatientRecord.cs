using Ddl.Grains.Wire;

namespace Ddl.Api.Patients;

/// <summary>A patient's own record: the chain and every document it links.</summary>
public sealed record PatientRecord(string Patient, IReadOnlyList<PrescriptionView> Prescriptions, IReadOnlyList<TreatmentView> TreatmentSheets);
