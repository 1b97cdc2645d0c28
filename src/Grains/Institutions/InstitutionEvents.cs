namespace Ddl.Grains.Institutions;

/// <summary>Event types of an institution chain (PROTOCOL.md section 6, plus suspension).</summary>
public static class InstitutionEvents
{
    public const string Registered = "institution.registered";
    public const string KeyAdded = "institution.key.added";
    public const string KeyRevoked = "institution.key.revoked";
    public const string Suspended = "institution.suspended";
    public const string Reinstated = "institution.reinstated";

    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "medical_centre", "pharmacy", "regulator",
    };
}
