namespace Ddl.Grains.Feeds;

/// <summary>
/// Who is party to a prescription as of one of its entries: the issuing institution, the patient,
/// and every other institution (the pharmacies) that has written to it up to and including that entry.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PrescriptionFacts(
    [property: Orleans.Id(0)] string? Issuer,
    [property: Orleans.Id(1)] string? Patient,
    [property: Orleans.Id(2)] IReadOnlyList<string> Pharmacies)
{
    public bool Involves(string subject) =>
        subject == Issuer || subject == Patient || Pharmacies.Contains(subject);

    /// <summary>The distinct subjects that follow this prescription in their prescriptionUpdates feed.</summary>
    public IEnumerable<string> Parties()
    {
        if (Issuer is not null)
        {
            yield return Issuer;
        }

        if (Patient is not null && Patient != Issuer)
        {
            yield return Patient;
        }

        foreach (var pharmacy in Pharmacies)
        {
            yield return pharmacy;
        }
    }
}
