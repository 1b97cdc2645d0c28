namespace Ddl.Ledger;

/// <summary>Bounds of the ledger's JSON profile (PROTOCOL.md 1).</summary>
internal static class JsonLimits
{
    /// <summary>2^53-1: the largest integer every IEEE-754 based verifier reads exactly.</summary>
    public const long MaxSafeInteger = 9007199254740991;

    /// <summary>
    /// Nesting depth beyond which input is refused, so a hostile document cannot exhaust the stack
    /// of the recursive parser. Ledger entries use three levels before the event body.
    /// </summary>
    public const int MaxDepth = 64;
}
