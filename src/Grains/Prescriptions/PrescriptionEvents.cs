namespace Ddl.Grains.Prescriptions;

/// <summary>Event types of a prescription chain (DOMAIN.md lifecycle).</summary>
public static class PrescriptionEvents
{
    public const string Issued = "prescription.issued";
    public const string Claimed = "prescription.claimed";
    public const string Released = "prescription.released";
    public const string Dispensed = "prescription.dispensed";
    public const string NotDispensed = "prescription.not_dispensed";
    public const string Cancelled = "prescription.cancelled";
    public const string Expired = "prescription.expired";
    public const string Corrected = "prescription.corrected";
}
