using Ddl.Grains.Feeds;

namespace Ddl.Api.Subscriptions;

/// <summary>What a regulator narrows the dispensing feed to; every member given must match.</summary>
public sealed class DispensingFilter
{
    public string? AtcPrefix { get; set; }

    public string? DrugCode { get; set; }

    public string? Region { get; set; }

    public string? Institution { get; set; }

    public bool Matches(DispensingFacts d) =>
        (AtcPrefix is null || StartsWith(d.Product?.Atc, AtcPrefix) || StartsWith(d.Prescribed?.Atc, AtcPrefix))
        && (DrugCode is null || Names(d.Product, DrugCode) || Names(d.Prescribed, DrugCode))
        && (Region is null || d.Region == Region)
        && (Institution is null || d.Pharmacy == Institution || d.Prescriber == Institution);

    private static bool StartsWith(string? atc, string prefix) => atc is not null && atc.StartsWith(prefix, StringComparison.Ordinal);

    private static bool Names(DrugFacts? drug, string code) => drug is not null && (drug.National == code || drug.Atc == code);
}
