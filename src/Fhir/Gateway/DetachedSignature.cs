namespace Ddl.Fhir.Gateway;

/// <summary>
/// An institution's own signature over the submission the ledger maps its FHIR resource to
/// (PROTOCOL.md 3). The sender fixes key, time and nonce, asks the ledger for the mapped submission
/// (<c>$ddl-prepare</c>), signs its canonical bytes, and sends the resource again with the signature:
/// the mapping is deterministic, so the ledger rebuilds the very bytes that were signed.
/// Over REST these travel as the headers <c>DDL-Key</c>, <c>DDL-At</c>, <c>DDL-Nonce</c>, <c>DDL-Signature</c>.
/// </summary>
public sealed record DetachedSignature(string Key, string At, string Nonce, string? Sig)
{
    public const string KeyHeader = "DDL-Key";
    public const string AtHeader = "DDL-At";
    public const string NonceHeader = "DDL-Nonce";
    public const string SignatureHeader = "DDL-Signature";
}
