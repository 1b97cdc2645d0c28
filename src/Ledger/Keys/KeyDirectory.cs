using System.Text.Json.Nodes;

namespace Ddl.Ledger;

/// <summary>
/// Who may sign what, when (PROTOCOL.md 6): the genesis keys, plus every institution's key set
/// folded from its chain. Resolution is by time (an entry's recordedAt), so a directory built
/// from complete institution chains verifies every earlier entry correctly.
/// </summary>
/// <remarks>Not thread-safe: build it on one thread, then share it read-only.</remarks>
public sealed class KeyDirectory
{
    private readonly Dictionary<string, InstitutionKeys> _institutions = new(StringComparer.Ordinal);

    /// <exception cref="LedgerException">INVALID_GENESIS, INVALID_KEY.</exception>
    public KeyDirectory(Genesis g)
    {
        ArgumentNullException.ThrowIfNull(g);
        g.Validate();
        Genesis = g;
    }

    public Genesis Genesis { get; }

    /// <summary>Registered institutions, by chain id.</summary>
    public IEnumerable<string> Institutions => _institutions.Keys;

    public bool IsRegistered(string institution) => _institutions.ContainsKey(institution);

    /// <summary>Every key the institution has held, in the order they were added.</summary>
    public IReadOnlyList<KeyValidity> KeysOf(string institution) =>
        _institutions.TryGetValue(institution, out var state) ? state.Keys.ToArray() : [];

    /// <summary>
    /// Folds the next entry of an institution chain: registration, key added, key revoked. Other
    /// event types (institution.suspended...) are domain state and leave keys unchanged. The
    /// entry's author and signature are checked against the directory as it stands before the
    /// entry, so an institution can only change its keys with a key it holds at that moment.
    /// </summary>
    /// <exception cref="LedgerException">
    /// NOT_AUTHORIZED, BAD_SIGNATURE, UNKNOWN_AUTHOR, UNKNOWN_KEY, KEY_REVOKED, KEY_NOT_YET_VALID,
    /// INVALID_KEY, INVALID_SUBMISSION, WRONG_CHAIN, SEQ_GAP, TIME_REGRESSION.
    /// </exception>
    public void Apply(Entry e) => Apply(e, signatureVerified: false);

    internal void Apply(Entry e, bool signatureVerified)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (!Authors.IsInstitution(e.Chain) || e.Submission.Chain != e.Chain)
        {
            throw new LedgerException(ErrorCodes.WrongChain, $"entry for {e.Chain} is not an institution chain entry");
        }
        _institutions.TryGetValue(e.Chain, out var state);
        if (state is null)
        {
            if (e.Submission.Type != InstitutionEvents.Registered)
            {
                throw new LedgerException(ErrorCodes.InvalidSubmission,
                    $"{e.Chain} is not registered: its chain must start with {InstitutionEvents.Registered}");
            }
        }
        else
        {
            if (e.Seq <= state.LastSeq)
            {
                throw new LedgerException(ErrorCodes.SeqGap, $"{e.Chain} seq {e.Seq} is not after the last applied seq {state.LastSeq}");
            }
            if (string.CompareOrdinal(e.RecordedAt, state.LastRecordedAt) < 0)
            {
                throw new LedgerException(ErrorCodes.TimeRegression,
                    $"{e.Chain} seq {e.Seq} recorded at {e.RecordedAt}, before the previous entry ({state.LastRecordedAt})");
            }
        }

        switch (e.Submission.Type)
        {
            case InstitutionEvents.Registered:
                Authorize(e, state, signatureVerified);
                _institutions[e.Chain] = Register(e);
                return;
            case InstitutionEvents.KeyAdded:
                Authorize(e, state, signatureVerified);
                AddKey(e, state!);
                break;
            case InstitutionEvents.KeyRevoked:
                Authorize(e, state, signatureVerified);
                RevokeKey(e, state!);
                break;
        }
        state!.LastSeq = e.Seq;
        state.LastRecordedAt = e.RecordedAt;
    }

    /// <summary>
    /// The key that verifies <paramref name="author"/>'s signature made with <paramref name="keyId"/>
    /// on an entry recorded at <paramref name="recordedAt"/>; genesis keys are valid at all times.
    /// </summary>
    /// <exception cref="LedgerException">INVALID_TIME when <paramref name="recordedAt"/> is not a ledger time.</exception>
    public KeyResolution Resolve(string author, string keyId, string recordedAt)
    {
        if (!LedgerTime.IsValid(recordedAt))
        {
            throw new LedgerException(ErrorCodes.InvalidTime, $"\"{recordedAt}\" is not yyyy-MM-ddTHH:mm:ss.fffZ");
        }
        if (author == Authors.Ledger)
        {
            return Genesis.System.Id == keyId
                ? KeyResolution.Found(Genesis.System)
                : KeyResolution.Refused(ErrorCodes.UnknownKey, $"the ledger's system key is {Genesis.System.Id}, not {keyId}");
        }
        if (Authors.IsAuthority(author))
        {
            var known = false;
            foreach (var authority in Genesis.Authorities)
            {
                if (authority.Id != author)
                {
                    continue;
                }
                known = true;
                if (authority.Key.Id == keyId)
                {
                    return KeyResolution.Found(authority.Key);
                }
            }
            return known
                ? KeyResolution.Refused(ErrorCodes.UnknownKey, $"{author} has no key {keyId} in the genesis")
                : KeyResolution.Refused(ErrorCodes.UnknownAuthor, $"{author} is not an authority of the genesis");
        }
        if (!_institutions.TryGetValue(author, out var state))
        {
            return KeyResolution.Refused(ErrorCodes.UnknownAuthor, $"{author} is not a registered institution");
        }
        var key = state.Find(keyId);
        if (key is null)
        {
            return KeyResolution.Refused(ErrorCodes.UnknownKey, $"{author} has never held key {keyId}");
        }
        if (string.CompareOrdinal(recordedAt, key.AddedAt) < 0)
        {
            return KeyResolution.Refused(ErrorCodes.KeyNotYetValid, $"{author} key {keyId} is valid from {key.AddedAt}, not at {recordedAt}");
        }
        if (key.RevokedAt is not null && string.CompareOrdinal(recordedAt, key.RevokedAt) >= 0)
        {
            return KeyResolution.Refused(ErrorCodes.KeyRevoked, $"{author} key {keyId} was revoked at {key.RevokedAt}");
        }
        return KeyResolution.Found(key.Key);
    }

    private void Authorize(Entry e, InstitutionKeys? state, bool signatureVerified)
    {
        var author = e.Submission.Author;
        var registering = e.Submission.Type == InstitutionEvents.Registered;
        // Registration needs an authority; later key changes an authority or the institution itself.
        var allowed = Authors.IsAuthority(author) || (!registering && author == e.Chain);
        if (!allowed)
        {
            throw new LedgerException(ErrorCodes.NotAuthorized, registering
                ? $"{e.Submission.Type} must be authored by a registry authority, not {author}"
                : $"{e.Submission.Type} on {e.Chain} must be authored by a registry authority or by {e.Chain}, not {author}");
        }
        if (registering && state is not null)
        {
            throw new LedgerException(ErrorCodes.InvalidSubmission, $"{e.Chain} is already registered");
        }
        if (registering && e.Seq != 0)
        {
            throw new LedgerException(ErrorCodes.InvalidSubmission, $"{InstitutionEvents.Registered} must be at seq 0, not {e.Seq}");
        }
        var resolution = Resolve(author, e.Submission.Key, e.RecordedAt);
        if (!resolution.IsResolved)
        {
            throw new LedgerException(resolution.Code!, resolution.Reason!);
        }
        if (!signatureVerified && !e.VerifySignature(resolution.Key!))
        {
            throw new LedgerException(ErrorCodes.BadSignature, $"signature of {e.Chain} seq {e.Seq} does not verify with {author} key {e.Submission.Key}");
        }
    }

    private static InstitutionKeys Register(Entry e)
    {
        var body = new Members(e.Submission.Body, ErrorCodes.InvalidSubmission, InstitutionEvents.Registered);
        var kind = body.String("kind");
        if (!InstitutionEvents.Kinds.Contains(kind))
        {
            throw body.Fail($"kind \"{kind}\" is not one of {string.Join(", ", InstitutionEvents.Kinds)}");
        }
        body.String("name");
        body.String("region");
        if (body.Node("keys") is not JsonArray keys || keys.Count == 0)
        {
            throw body.Fail("member \"keys\" must be a non-empty array of keys");
        }
        var state = new InstitutionKeys { LastSeq = e.Seq, LastRecordedAt = e.RecordedAt };
        foreach (var item in keys)
        {
            state.Add(PublicKeyInfo.FromJson(item), e);
        }
        return state;
    }

    private static void AddKey(Entry e, InstitutionKeys state)
    {
        var body = new Members(e.Submission.Body, ErrorCodes.InvalidSubmission, InstitutionEvents.KeyAdded);
        state.Add(PublicKeyInfo.FromJson(body.Node("key")), e);
    }

    private static void RevokeKey(Entry e, InstitutionKeys state)
    {
        var body = new Members(e.Submission.Body, ErrorCodes.InvalidSubmission, InstitutionEvents.KeyRevoked);
        var id = body.String("id");
        var index = state.Keys.FindIndex(k => k.Key.Id == id);
        if (index < 0)
        {
            throw new LedgerException(ErrorCodes.InvalidKey, $"{e.Chain} has no key {id} to revoke");
        }
        if (state.Keys[index].RevokedAt is not null)
        {
            throw new LedgerException(ErrorCodes.InvalidKey, $"{e.Chain} key {id} was already revoked at {state.Keys[index].RevokedAt}");
        }
        state.Keys[index] = state.Keys[index] with { RevokedAt = e.RecordedAt };
    }

    private sealed class InstitutionKeys
    {
        public List<KeyValidity> Keys { get; } = [];
        public long LastSeq { get; set; }
        public string LastRecordedAt { get; set; } = "";

        public KeyValidity? Find(string keyId) => Keys.Find(k => k.Key.Id == keyId);

        public void Add(PublicKeyInfo key, Entry e)
        {
            // Key ids are never reused within an institution, so (institution, key id) names one
            // key for all time and a revoked id cannot come back with another public key.
            if (Find(key.Id) is not null)
            {
                throw new LedgerException(ErrorCodes.InvalidKey, $"{e.Chain} already has (or had) a key with id {key.Id}");
            }
            Keys.Add(new KeyValidity(key, e.RecordedAt, null));
        }
    }
}
