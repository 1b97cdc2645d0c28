using System.Collections.Concurrent;
using System.Diagnostics;
using Ddl.Grains.Wire;
using Ddl.Ledger;

namespace Ddl.Grains.Institutions;

/// <summary>
/// The silo's short-lived copies of "institution I may sign with key K": every entry an institution
/// signs needs that answer, and asking the institution's grain each time costs a message round
/// trip per entry. A copy (a lease) is used only within its term, measured on this process's
/// monotonic clock from before the question was sent, and only for entries recorded before the
/// time the institution named when it granted it. The institution, for its part, records a
/// revocation or suspension no earlier than that time and acknowledges it only once every lease it
/// may have granted has run out (<see cref="InstitutionGrain"/>). So an entry accepted on a lease
/// is valid under the key's recorded history, and once a revocation is acknowledged no silo holds
/// a lease that still says yes. Refusals are never cached.
/// </summary>
public sealed class KeyLeases
{
    /// <summary>How long a silo may use an answer without asking again.</summary>
    public static readonly TimeSpan Term = TimeSpan.FromSeconds(2);

    /// <summary>What the granting institution adds to the term before it counts a lease as run out (clock rates, scheduling).</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(500);

    private static readonly long TermTicks = (long)(Term.TotalSeconds * Stopwatch.Frequency);

    private readonly ConcurrentDictionary<(string Institution, string KeyId), Lease> leases = new();

    /// <summary>A lease's answer for an entry recorded at <paramref name="recordedAt"/>, if one holds now.</summary>
    public bool TryGet(string institution, string keyId, string recordedAt, out PublicKeyInfo key, out string? kind)
    {
        if (leases.TryGetValue((institution, keyId), out var lease)
            && Stopwatch.GetTimestamp() < lease.Expires
            && string.CompareOrdinal(recordedAt, lease.From) >= 0
            && string.CompareOrdinal(recordedAt, lease.Until) < 0)
        {
            key = lease.Key;
            kind = lease.Kind;
            return true;
        }

        key = null!;
        kind = null;
        return false;
    }

    /// <summary>Keeps a granted answer; <paramref name="askedAt"/> is <see cref="Stopwatch.GetTimestamp"/> from before the question was sent.</summary>
    public void Keep(string institution, string keyId, string recordedAt, KeyLookup lookup, long askedAt)
    {
        if (lookup.RefusalCode is null && lookup.LeaseUntil is { } until)
        {
            leases[(institution, keyId)] = new Lease(lookup.ToPublicKey(), lookup.InstitutionKind,
                recordedAt, until, askedAt + TermTicks);
        }
    }

    private sealed record Lease(PublicKeyInfo Key, string? Kind, string From, string Until, long Expires);
}
