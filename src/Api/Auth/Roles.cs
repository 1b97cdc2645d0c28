namespace Ddl.Api.Auth;

/// <summary>The roles a bearer token can carry (claim <c>role</c>).</summary>
public static class Roles
{
    public const string MedicalCentre = "medical_centre";
    public const string Pharmacy = "pharmacy";
    public const string Patient = "patient";
    public const string Regulator = "regulator";
    public const string Admin = "admin";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        MedicalCentre, Pharmacy, Patient, Regulator, Admin,
    };
}
