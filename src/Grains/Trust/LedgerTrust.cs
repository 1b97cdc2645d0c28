using Ddl.Ledger;

namespace Ddl.Grains.Trust;

/// <summary>
/// The ledger's roots of trust as one silo sees them: the genesis (authority, notary and system
/// public keys) and the system signing key that the ledger uses for the entries it writes itself
/// (links between chains, expiries). Registered once per silo.
/// </summary>
public sealed class LedgerTrust(Genesis genesis, SigningKey systemKey)
{
    public Genesis Genesis { get; } = genesis;

    public SigningKey SystemKey { get; } = systemKey;

    public string LedgerId => Genesis.LedgerId;

    /// <summary>Resolves keys of the authors that live in the genesis itself: authorities and the ledger.</summary>
    public PublicKeyInfo ResolveRootKey(string author, string keyId)
    {
        if (author == Authors.Ledger)
        {
            return Genesis.System.Id == keyId
                ? Genesis.System
                : throw new LedgerException(ErrorCodes.UnknownKey, $"The ledger signs with key '{Genesis.System.Id}', not '{keyId}'.");
        }

        var authority = Genesis.Authorities.FirstOrDefault(a => a.Id == author)
            ?? throw new LedgerException(ErrorCodes.UnknownAuthor, $"'{author}' is not a registry authority of this ledger.");
        return authority.Key.Id == keyId
            ? authority.Key
            : throw new LedgerException(ErrorCodes.UnknownKey, $"Registry authority '{author}' has no key '{keyId}'.");
    }
}
