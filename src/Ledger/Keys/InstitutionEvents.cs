namespace Ddl.Ledger;

/// <summary>The institution-chain event types that change key state (PROTOCOL.md 6).</summary>
public static class InstitutionEvents
{
    public const string Registered = "institution.registered";
    public const string KeyAdded = "institution.key.added";
    public const string KeyRevoked = "institution.key.revoked";

    /// <summary>Institution kinds an <c>institution.registered</c> body may name.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["medical_centre", "pharmacy", "regulator"];
}
