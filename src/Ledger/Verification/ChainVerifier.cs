using System.Text;

namespace Ddl.Ledger;

/// <summary>
/// Checks a chain as PROTOCOL.md 4 defines validity, and reports the first failure.
/// </summary>
/// <remarks>
/// Order of work for a whole ledger: institution chains first, with
/// <see cref="VerifyInstitutionChains"/> (or <see cref="VerifyInstitutionChain"/> per chain),
/// which builds the <see cref="KeyDirectory"/> entry by entry, because an institution's own
/// key changes are signed with the keys it holds at that moment. Every other chain is then
/// checked with <see cref="Verify"/> against the finished directory; resolution is by
/// recordedAt, so later key changes do not disturb earlier entries.
/// </remarks>
public static class ChainVerifier
{
    /// <summary>
    /// Verifies entries given in seq order from 0. For each: strict parse, byte-for-byte canonical
    /// text, chain, seq, prev link, recordedAt not going backwards, recomputed hash against the
    /// stored one (when given), and the author's signature with the key valid at recordedAt.
    /// Does not change <paramref name="keys"/>.
    /// </summary>
    /// <returns>The first failure, or null when the whole chain is valid.</returns>
    public static VerificationFailure? Verify(IEnumerable<(string CanonicalJson, string? StoredHash)> entries, KeyDirectory keys, string expectedChain) =>
        Run(entries, keys, expectedChain, apply: false);

    /// <summary>
    /// As <see cref="Verify"/> for an institution chain, applying each verified entry to
    /// <paramref name="keys"/> before checking the next, so key changes take effect in order.
    /// </summary>
    public static VerificationFailure? VerifyInstitutionChain(IEnumerable<(string CanonicalJson, string? StoredHash)> entries, KeyDirectory keys, string expectedChain)
    {
        if (!Authors.IsInstitution(expectedChain))
        {
            return new VerificationFailure(expectedChain, 0, ErrorCodes.WrongChain, $"{expectedChain} is not an institution chain");
        }
        return Run(entries, keys, expectedChain, apply: true);
    }

    /// <summary>Verifies and folds every institution chain into <paramref name="keys"/>; stops at the first failure.</summary>
    public static VerificationFailure? VerifyInstitutionChains(KeyDirectory keys, IEnumerable<(string Chain, IEnumerable<(string CanonicalJson, string? StoredHash)> Entries)> chains)
    {
        ArgumentNullException.ThrowIfNull(chains);
        foreach (var (chain, entries) in chains)
        {
            var failure = VerifyInstitutionChain(entries, keys, chain);
            if (failure is not null)
            {
                return failure;
            }
        }
        return null;
    }

    private static VerificationFailure? Run(IEnumerable<(string CanonicalJson, string? StoredHash)> entries, KeyDirectory keys, string expectedChain, bool apply)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(expectedChain);

        long seq = 0;
        var prev = Hashes.ZeroHash;
        var previousTime = "";
        foreach (var (text, storedHash) in entries)
        {
            VerificationFailure Fail(string code, string reason) => new(expectedChain, seq, code, reason);

            Entry entry;
            try
            {
                entry = Entry.Parse(text);
            }
            catch (LedgerException ex)
            {
                // An unknown version is worth its own code; every other refusal means "not an entry".
                var code = ex.Code == ErrorCodes.UnsupportedVersion ? ex.Code : ErrorCodes.MalformedEntry;
                return Fail(code, $"{ex.Code}: {ex.Message}");
            }

            string hash;
            using (var writer = new CanonicalWriter())
            {
                entry.WriteTo(writer);
                // Hashes and signatures are over JCS bytes, so a stored text that is not exactly
                // those bytes would let two spellings of one entry circulate.
                if (!writer.WrittenSpan.SequenceEqual(Encoding.UTF8.GetBytes(text)))
                {
                    return Fail(ErrorCodes.MalformedEntry, "stored text is not the entry's canonical JSON (RFC 8785)");
                }
                hash = Hashes.Tagged(Tags.Entry, writer.WrittenSpan);
            }

            if (entry.Chain != expectedChain)
            {
                return Fail(ErrorCodes.WrongChain, $"entry belongs to {entry.Chain}, expected {expectedChain}");
            }
            if (entry.Submission.Chain != entry.Chain)
            {
                return Fail(ErrorCodes.WrongChain, $"entry on {entry.Chain} carries a submission for {entry.Submission.Chain}");
            }
            if (entry.Seq != seq)
            {
                return Fail(ErrorCodes.SeqGap, $"expected seq {seq}, found {entry.Seq}");
            }
            if (entry.Prev != prev)
            {
                return Fail(ErrorCodes.BrokenLink, $"prev is {entry.Prev}, but the hash of the entry before is {prev}");
            }
            if (string.CompareOrdinal(entry.RecordedAt, previousTime) < 0)
            {
                return Fail(ErrorCodes.TimeRegression, $"recordedAt {entry.RecordedAt} is before the previous entry's {previousTime}");
            }
            if (storedHash is not null && storedHash != hash)
            {
                return Fail(ErrorCodes.BadHash, $"stored hash {storedHash} differs from the recomputed {hash}");
            }

            var submission = entry.Submission;
            var resolution = keys.Resolve(submission.Author, submission.Key, entry.RecordedAt);
            if (!resolution.IsResolved)
            {
                return Fail(resolution.Code!, resolution.Reason!);
            }
            if (!entry.VerifySignature(resolution.Key!))
            {
                return Fail(ErrorCodes.BadSignature, $"signature does not verify with {submission.Author} key {submission.Key}");
            }

            if (apply)
            {
                try
                {
                    keys.Apply(entry, signatureVerified: true);
                }
                catch (LedgerException ex)
                {
                    return Fail(ex.Code, ex.Message);
                }
            }

            prev = hash;
            previousTime = entry.RecordedAt;
            seq++;
        }
        return null;
    }
}
