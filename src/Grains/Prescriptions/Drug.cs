using Ddl.Grains.Chains;

namespace Ddl.Grains.Prescriptions;

/// <summary>A drug as coded on a prescription or a dispensing: ATC code, national code when given, name.</summary>
[GenerateSerializer, Immutable]
public sealed record Drug(
    [property: Orleans.Id(0)] string? Atc,
    [property: Orleans.Id(1)] string? National,
    [property: Orleans.Id(2)] string Name)
{
    public static Drug Read(BodyReader body)
    {
        var atc = body.OptionalText("atc", 7);
        if (atc is not null && !IsAtc(atc))
        {
            throw body.Invalid("atc", "must be an ATC code (e.g. N02AA01: level 1 to 5)");
        }

        var drug = new Drug(atc, body.OptionalText("national", 64), body.Text("name", 200));
        return drug.Atc is null && drug.National is null ? throw body.Invalid("atc", "or national must be given") : drug;
    }

    /// <summary>Same product for substitution purposes: same national code when both have one, else same full ATC code.</summary>
    public bool SameProductAs(Drug other) =>
        National is not null && other.National is not null ? National == other.National : Atc is not null && Atc == other.Atc;

    /// <summary>ATC levels: 1 letter; 2 digits; 1 letter; 1 letter; 2 digits (A, A10, A10B, A10BA, A10BA02).</summary>
    private static bool IsAtc(string s) => s.Length is 1 or 3 or 4 or 5 or 7
        && char.IsAsciiLetterUpper(s[0])
        && (s.Length < 3 || (char.IsAsciiDigit(s[1]) && char.IsAsciiDigit(s[2])))
        && (s.Length < 4 || char.IsAsciiLetterUpper(s[3]))
        && (s.Length < 5 || char.IsAsciiLetterUpper(s[4]))
        && (s.Length < 7 || (char.IsAsciiDigit(s[5]) && char.IsAsciiDigit(s[6])));
}
