namespace Ddl.Ledger;

/// <summary>The four kinds of chain (PROTOCOL.md 2); each chain belongs to exactly one actor.</summary>
public enum ChainKind
{
    Institution,
    Patient,
    Prescription,
    Treatment,
}
