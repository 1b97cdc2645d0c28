namespace Ddl.Grains.Treatments;

/// <summary>Event types of a treatment sheet's chain.</summary>
public static class TreatmentEvents
{
    public const string Created = "treatment.created";
    public const string Administered = "treatment.administered";
    public const string ProcedureDone = "treatment.procedure_done";
    public const string Cancelled = "treatment.cancelled";
    public const string Corrected = "treatment.corrected";
}
