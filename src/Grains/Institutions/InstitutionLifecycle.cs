namespace Ddl.Grains.Institutions;

/// <summary>
/// Institution-chain events that change domain state but not keys (the key events are the
/// protocol's: <see cref="Ddl.Ledger.InstitutionEvents"/>).
/// </summary>
public static class InstitutionLifecycle
{
    public const string Suspended = "institution.suspended";
    public const string Reinstated = "institution.reinstated";
}
