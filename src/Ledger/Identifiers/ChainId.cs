using System.Diagnostics.CodeAnalysis;

namespace Ddl.Ledger;

/// <summary>A chain id, <c>&lt;kind&gt;:&lt;local&gt;</c>, e.g. <c>prescription:rx-2026-0001</c>.</summary>
public readonly record struct ChainId(ChainKind Kind, string Local)
{
    /// <summary>The wire form, "kind:local".</summary>
    public string Value => ToString();

    /// <exception cref="LedgerException">INVALID_CHAIN_ID.</exception>
    public static ChainId Parse(string s) =>
        TryParse(s, out var id)
            ? id
            : throw new LedgerException(ErrorCodes.InvalidChainId,
                $"\"{s}\" is not a chain id (institution|patient|prescription|treatment, ':', 1-64 of A-Z a-z 0-9 . _ -)");

    public static bool TryParse([NotNullWhen(true)] string? s, out ChainId id)
    {
        id = default;
        if (s is null)
        {
            return false;
        }
        var colon = s.IndexOf(':');
        if (colon < 0 || !TryParseKind(s.AsSpan(0, colon), out var kind))
        {
            return false;
        }
        var local = s.AsSpan(colon + 1);
        if (!Syntax.IsLocal(local))
        {
            return false;
        }
        id = new ChainId(kind, local.ToString());
        return true;
    }

    /// <summary>The lowercase wire name of a kind.</summary>
    public static string KindName(ChainKind kind) => kind switch
    {
        ChainKind.Institution => "institution",
        ChainKind.Patient => "patient",
        ChainKind.Prescription => "prescription",
        ChainKind.Treatment => "treatment",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown chain kind"),
    };

    public override string ToString() => $"{KindName(Kind)}:{Local}";

    private static bool TryParseKind(ReadOnlySpan<char> s, out ChainKind kind)
    {
        // Exact lowercase names only: "Institution:x" is a different string, so a different hash.
        switch (s)
        {
            case "institution": kind = ChainKind.Institution; return true;
            case "patient": kind = ChainKind.Patient; return true;
            case "prescription": kind = ChainKind.Prescription; return true;
            case "treatment": kind = ChainKind.Treatment; return true;
            default: kind = default; return false;
        }
    }
}
