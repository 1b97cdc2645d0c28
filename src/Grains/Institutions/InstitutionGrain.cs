using System.Diagnostics;
using System.Text.Json.Nodes;
using Ddl.Grains.Chains;
using Ddl.Grains.Trust;
using Ddl.Grains.Wire;
using Ddl.Ledger;
using Ddl.Store;
using Microsoft.Extensions.Logging;

namespace Ddl.Grains.Institutions;

/// <summary>
/// Registration by a registry authority, keys added and revoked, suspension. Other chains ask this
/// grain whether an institution may sign with a key at a given time, so the key rules live here only.
/// </summary>
public sealed class InstitutionGrain(IEntryStore store, LedgerTrust trust, TimeProvider clock, ILogger<InstitutionGrain> logger)
    : ChainGrain(store, trust, clock, logger), IInstitutionGrain
{
    private KeyDirectory directory = new(trust.Genesis);
    private InstitutionProfile? profile;
    private bool suspended;

    // Leases this institution's answers may live on in (KeyLeases): the latest "valid for entries
    // recorded before" it named, and the monotonic time by which every lease it granted has run out.
    private DateTimeOffset leasedUntil;
    private long leasesRunOut;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // An earlier activation (on any silo) may have granted leases just before it went away.
        var now = Clock.GetUtcNow() + KeyLeases.Term + KeyLeases.Margin;
        leasedUntil = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
        leasesRunOut = Stopwatch.GetTimestamp() + Ticks(KeyLeases.Term + KeyLeases.Margin);
        return base.OnActivateAsync(cancellationToken);
    }

    public Task<KeyLookup> LookupKeyAsync(string keyId, string recordedAt)
    {
        var lookup = Lookup(keyId, recordedAt);
        if (lookup.RefusalCode is not null || directory.KeysOf(ChainKey).Any(k => k.Key.Id == keyId && k.RevokedAt is not null))
        {
            // Refusals are not leased; nor is a yes for a key already revoked as of a later time
            // (a lease would outlive the point where the answer turns to no).
            return Task.FromResult(lookup);
        }

        var now = Clock.GetUtcNow();
        var until = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero) + KeyLeases.Term;
        if (until > leasedUntil)
        {
            leasedUntil = until;
        }

        leasesRunOut = Math.Max(leasesRunOut, Stopwatch.GetTimestamp() + Ticks(KeyLeases.Term + KeyLeases.Margin));
        return Task.FromResult(lookup with { LeaseUntil = LedgerTime.Format(until) });
    }

    /// <summary>A revocation or suspension is recorded no earlier than the end of any lease granted, so every entry accepted on one predates it.</summary>
    protected override DateTimeOffset RecordedAtFor(Submission submission, DateTimeOffset next) =>
        TakesKeysAway(submission) && leasedUntil > next ? leasedUntil : next;

    /// <summary>
    /// Once a revocation or suspension is acknowledged, no silo may still hold a lease that says
    /// yes, and the time it is recorded at must have come (an entry recorded before it is still
    /// valid): wait for both.
    /// </summary>
    protected override async Task BeforeAcknowledgingAsync(Submission submission)
    {
        if (!TakesKeysAway(submission))
        {
            return;
        }

        // Leases run on each process's monotonic clock; recorded times on the ledger's clock.
        var leases = TimeSpan.FromSeconds((double)(leasesRunOut - Stopwatch.GetTimestamp()) / Stopwatch.Frequency);
        if (leases > TimeSpan.Zero)
        {
            await Task.Delay(leases + TimeSpan.FromMilliseconds(1));
        }

        var recorded = leasedUntil - Clock.GetUtcNow();
        if (recorded > TimeSpan.Zero)
        {
            await Task.Delay(recorded + TimeSpan.FromMilliseconds(1), Clock);
        }
    }

    private static bool TakesKeysAway(Submission submission) =>
        submission.Type is Ddl.Ledger.InstitutionEvents.KeyRevoked or InstitutionLifecycle.Suspended;

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    public Task<InstitutionView?> GetAsync() => Task.FromResult(profile is null
        ? null
        : new InstitutionView(ChainKey, profile.Kind, profile.Name, profile.Region, suspended,
            directory.KeysOf(ChainKey)
                .Select(k => new KeyValidityView(k.Key.Id, k.Key.Alg, k.Key.Pub, k.AddedAt, k.RevokedAt))
                .ToList()));

    protected override Task<(PublicKeyInfo Key, string? InstitutionKind)> ResolveKeyAsync(string author, string keyId, DateTimeOffset recordedAt)
    {
        if (author != ChainKey)
        {
            return base.ResolveKeyAsync(author, keyId, recordedAt);
        }

        // The institution signing for its own chain: answer from local state, no self-call.
        var lookup = Lookup(keyId, LedgerTime.Format(recordedAt));
        return lookup.RefusalCode is null
            ? Task.FromResult<(PublicKeyInfo, string?)>((lookup.ToPublicKey(), lookup.InstitutionKind))
            : throw new LedgerException(lookup.RefusalCode, lookup.Reason ?? lookup.RefusalCode);
    }

    protected override Task ValidateAsync(Submission submission, SubmissionContext context)
    {
        var byAuthority = Authors.IsAuthority(submission.Author);
        var bySelf = submission.Author == ChainKey;
        if (profile is null)
        {
            if (submission.Type != Ddl.Ledger.InstitutionEvents.Registered)
            {
                throw new LedgerException(ErrorCodes.NotRegistered,
                    $"'{ChainKey}' is not registered yet; its chain must start with {Ddl.Ledger.InstitutionEvents.Registered}.");
            }

            RequireAuthority(byAuthority, "registers institutions");
            InstitutionProfile.FromRegistration(submission.Body);
            return Task.CompletedTask;
        }

        switch (submission.Type)
        {
            case Ddl.Ledger.InstitutionEvents.Registered:
                throw new LedgerException(ErrorCodes.AlreadyRegistered, $"'{ChainKey}' is already registered.");
            case Ddl.Ledger.InstitutionEvents.KeyAdded:
                RequireAuthorityOrSelf(byAuthority, bySelf);
                var added = PublicKeyInfo.FromJson(RequireMember(submission.Body, "key"));
                if (directory.KeysOf(ChainKey).Any(k => k.Key.Id == added.Id))
                {
                    throw new LedgerException(ErrorCodes.KeyExists,
                        $"'{ChainKey}' already has (or had) a key with id '{added.Id}'; key ids are never reused.");
                }

                break;
            case Ddl.Ledger.InstitutionEvents.KeyRevoked:
                RequireAuthorityOrSelf(byAuthority, bySelf);
                var id = RequireMember(submission.Body, "id").GetValue<string>();
                var key = directory.KeysOf(ChainKey).FirstOrDefault(k => k.Key.Id == id)
                    ?? throw new LedgerException(ErrorCodes.UnknownKey, $"'{ChainKey}' has no key '{id}'.");
                if (key.RevokedAt is not null)
                {
                    throw new LedgerException(ErrorCodes.KeyRevoked, $"Key '{id}' of '{ChainKey}' was already revoked at {key.RevokedAt}.");
                }

                break;
            case InstitutionLifecycle.Suspended:
                RequireAuthority(byAuthority, "suspends institutions");
                if (suspended)
                {
                    throw new LedgerException(ErrorCodes.InvalidState, $"'{ChainKey}' is already suspended.");
                }

                break;
            case InstitutionLifecycle.Reinstated:
                RequireAuthority(byAuthority, "reinstates institutions");
                if (!suspended)
                {
                    throw new LedgerException(ErrorCodes.InvalidState, $"'{ChainKey}' is not suspended.");
                }

                break;
            default:
                throw new LedgerException(ErrorCodes.UnknownEventType,
                    $"An institution chain does not take '{submission.Type}' entries.");
        }

        return Task.CompletedTask;
    }

    protected override void Apply(Entry entry)
    {
        directory.Apply(entry);
        switch (entry.Submission.Type)
        {
            case Ddl.Ledger.InstitutionEvents.Registered:
                profile = InstitutionProfile.FromRegistration(entry.Submission.Body);
                break;
            case InstitutionLifecycle.Suspended:
                suspended = true;
                break;
            case InstitutionLifecycle.Reinstated:
                suspended = false;
                break;
        }
    }

    private KeyLookup Lookup(string keyId, string recordedAt)
    {
        if (profile is null)
        {
            return KeyLookup.Refused(ErrorCodes.UnknownAuthor, $"'{ChainKey}' is not a registered institution.");
        }

        if (suspended)
        {
            return KeyLookup.Refused(ErrorCodes.InstitutionSuspended, $"'{ChainKey}' is suspended and can record nothing.");
        }

        var resolution = directory.Resolve(ChainKey, keyId, recordedAt);
        return resolution.Key is { } key
            ? KeyLookup.Found(key.Id, key.Pub, profile.Kind)
            : KeyLookup.Refused(resolution.Code ?? ErrorCodes.UnknownKey, resolution.Reason ?? $"Key '{keyId}' is not valid for '{ChainKey}'.");
    }

    protected override void Reset()
    {
        directory = new KeyDirectory(Trust.Genesis);
        profile = null;
        suspended = false;
    }

    private static JsonNode RequireMember(JsonObject body, string name) =>
        body[name] ?? throw new LedgerException(ErrorCodes.InvalidSubmission, $"The body needs a '{name}' member.");

    private static void RequireAuthority(bool byAuthority, string what)
    {
        if (!byAuthority)
        {
            throw new LedgerException(ErrorCodes.Forbidden, $"Only a registry authority {what}.");
        }
    }

    private void RequireAuthorityOrSelf(bool byAuthority, bool bySelf)
    {
        if (!byAuthority && !bySelf)
        {
            throw new LedgerException(ErrorCodes.Forbidden,
                $"Only a registry authority or '{ChainKey}' itself changes the keys of '{ChainKey}'.");
        }
    }
}
