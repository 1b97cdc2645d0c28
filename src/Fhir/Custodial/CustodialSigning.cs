using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Ddl.Grains.Chains;
using Ddl.Grains.Institutions;
using Ddl.Grains.Wire;
using Ddl.Ledger;
using Ddl.Store;

namespace Ddl.Fhir.Custodial;

/// <summary>The registry authority whose key registers custodial public keys on institution chains.</summary>
public sealed record CustodialAuthority(string Id, SigningKey Key);

/// <summary>
/// Signing for institutions whose systems cannot sign. An institution opts in at registration
/// (<c>"custodialSigning": true</c> in its <c>institution.registered</c> body). On its first FHIR
/// submission the ledger makes it a key (<see cref="KeyId"/>), seals the private half in the
/// <see cref="CustodialKeyVault"/>, and has the registry authority publish the public half on the
/// institution's chain (<c>institution.key.added</c>, body marked <c>"custodial": true</c>), so every
/// verifier can check those entries and see from the key id that the ledger, not the institution, signed them.
/// </summary>
public sealed class CustodialSigning(CustodialKeyVault vault, CustodialAuthority authority, IGrainFactory grains, IEntryStore store, TimeProvider clock)
{
    /// <summary>The key id of the custodial key: "custodial" says who holds it.</summary>
    public const string KeyId = "custodial-1";

    public const string OptInMember = "custodialSigning";

    private readonly ConcurrentDictionary<string, SigningKey> ready = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Whether the institution opted in, as its registration entry says.</summary>
    public async Task<bool> OptedInAsync(string institution)
    {
        if (!ChainId.TryParse(institution, out var id) || id.Kind != ChainKind.Institution || await store.GetAsync(institution, 0) is not { } row)
        {
            return false;
        }

        return Entry.Parse(row.CanonicalJson).Submission.Body[OptInMember] is JsonValue v && v.TryGetValue<bool>(out var optedIn) && optedIn;
    }

    /// <summary>The institution's custodial key, published on its chain; call only for an institution that opted in.</summary>
    public async Task<SigningKey> KeyForAsync(string institution)
    {
        if (ready.TryGetValue(institution, out var cached))
        {
            return cached;
        }

        // One at a time per silo: making a key and publishing it must not race with itself.
        await gate.WaitAsync();
        try
        {
            if (ready.TryGetValue(institution, out cached))
            {
                return cached;
            }

            var key = vault.LoadOrCreate(institution, KeyId);
            await PublishAsync(institution, key);
            ready[institution] = key;
            return key;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task PublishAsync(string institution, SigningKey key)
    {
        var grain = grains.GetGrain<IInstitutionGrain>(institution);
        var onChain = (await grain.GetAsync())?.Keys.FirstOrDefault(k => k.Id == KeyId);
        if (onChain is not null)
        {
            if (onChain.Pub != key.Public.Pub)
            {
                throw new LedgerException(ErrorCodes.KeyExists, $"{institution} has a key '{KeyId}' on its chain that is not the one the ledger holds for it.");
            }

            return;
        }

        var body = new JsonObject { ["key"] = key.Public.ToJson(), ["custodial"] = true };
        var submission = Submission.Create(Ddl.Ledger.InstitutionEvents.KeyAdded, institution, authority.Id, authority.Key.Id,
            clock.GetUtcNow(), $"custodial-key:{institution}:{KeyId}", body);
        await grains.GetChain(institution).SubmitAsync(new SignedSubmission(Encoding.UTF8.GetString(submission.CanonicalBytes()), submission.Sign(authority.Key)));
    }
}
