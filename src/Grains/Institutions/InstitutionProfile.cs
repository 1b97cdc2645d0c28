using System.Text.Json.Nodes;
using Ddl.Ledger;

namespace Ddl.Grains.Institutions;

/// <summary>The registration body of an institution, checked: kind, name, region and at least one key.</summary>
public sealed record InstitutionProfile(string Kind, string Name, string Region)
{
    public static InstitutionProfile FromRegistration(JsonObject body)
    {
        var kind = Text(body, "kind", 32);
        if (!Ddl.Ledger.InstitutionEvents.Kinds.Contains(kind))
        {
            throw new LedgerException(ErrorCodes.InvalidSubmission,
                $"Institution kind '{kind}' is not one of {string.Join(", ", Ddl.Ledger.InstitutionEvents.Kinds)}.");
        }

        if (body["keys"] is not JsonArray keys || keys.Count == 0)
        {
            throw new LedgerException(ErrorCodes.InvalidSubmission, "An institution is registered with at least one key in 'keys'.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (!ids.Add(PublicKeyInfo.FromJson(key!).Id))
            {
                throw new LedgerException(ErrorCodes.InvalidSubmission, "Key ids in 'keys' must be distinct.");
            }
        }

        // The opt-in to custodial signing (src/Fhir/Custodial): a flag, so nothing else may stand there.
        if (body["custodialSigning"] is { } custodial && (custodial is not JsonValue flag || !flag.TryGetValue<bool>(out _)))
        {
            throw new LedgerException(ErrorCodes.InvalidSubmission, "'custodialSigning' must be true or false.");
        }

        return new InstitutionProfile(kind, Text(body, "name", 200), Text(body, "region", 64));
    }

    private static string Text(JsonObject body, string name, int max)
    {
        var value = body[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (string.IsNullOrWhiteSpace(value) || value.Length > max)
        {
            throw new LedgerException(ErrorCodes.InvalidSubmission, $"'{name}' must be a non-empty string of at most {max} characters.");
        }

        return value;
    }
}
