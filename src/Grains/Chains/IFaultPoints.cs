namespace Ddl.Grains.Chains;

/// <summary>
/// Named points in cross-actor work where a crash would hurt most (between a source entry and the
/// link it owes another chain). Production registers none; crash tests register one that kills
/// the silo there, since no real part produces a crash at an exact line.
/// </summary>
public interface IFaultPoints
{
    Task HitAsync(string point, string chain);
}

public static class FaultPoints
{
    /// <summary>After a prescription or treatment sheet is stored, before the patient's chain links it.</summary>
    public const string BeforePatientLink = "before-patient-link";

    /// <summary>In the silo's entry writer, before a batch holding an entry of the chain is written: the whole batch fails.</summary>
    public const string BeforeEntryCommit = "before-entry-commit";
}
