namespace Ddl.Ledger;

/// <summary>
/// Who can author a submission: an institution (its chain id, <c>institution:acme</c>), a registry
/// authority (<c>authority:&lt;local&gt;</c>), or the ledger itself (<c>ledger</c>).
/// </summary>
public static class Authors
{
    public const string Ledger = "ledger";
    public const string AuthorityPrefix = "authority:";

    public static bool IsAuthority(string? a) =>
        a is not null && a.StartsWith(AuthorityPrefix, StringComparison.Ordinal)
        && Syntax.IsLocal(a.AsSpan(AuthorityPrefix.Length));

    public static bool IsInstitution(string? a) =>
        ChainId.TryParse(a, out var id) && id.Kind == ChainKind.Institution;

    public static bool IsValid(string? a) => a == Ledger || IsAuthority(a) || IsInstitution(a);
}
