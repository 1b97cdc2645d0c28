using Ddl.Ledger;
using Ddl.Store;
using Ddl.Store.Notary;

namespace Ddl.Api.Notary;

/// <summary>
/// Reads checkpoints and builds proofs from the notary store for the resolvers. Reads need no
/// grain: the log is append-only, and a checkpoint is only visible once its nodes are.
/// </summary>
public sealed class NotaryReader(INotaryStore notary, IEntryStore entries, IServiceProvider services)
{
    /// <summary>The checkpoint numbered <paramref name="number"/>, or the latest when null.</summary>
    /// <exception cref="LedgerException">UNKNOWN_CHECKPOINT.</exception>
    /// <exception cref="GraphQL.ExecutionError">NOT_SEALED_YET: nothing has been sealed at all.</exception>
    public async Task<SignedCheckpoint> CheckpointAsync(long? number, CancellationToken ct)
    {
        if (number is { } n)
        {
            return await notary.GetCheckpointAsync(n, ct)
                ?? throw new LedgerException(ErrorCodes.UnknownCheckpoint, $"There is no checkpoint {n}.");
        }

        return await notary.LatestCheckpointAsync(ct) ?? throw NotSealedYet.Error(services, "Nothing has been sealed yet");
    }

    /// <summary>The proof of entry (chain, seq) in a checkpoint; null when there is no such entry.</summary>
    public async Task<EntryProofView?> EntryProofAsync(string chain, long seq, long? checkpointNumber, CancellationToken ct)
    {
        var leafIndex = await notary.LeafIndexAsync(chain, seq, ct);
        var entry = await entries.GetAsync(chain, seq, ct);
        if (entry is null)
        {
            return null;
        }

        if (leafIndex is not { } index)
        {
            throw NotSealedYet.Error(services, $"Entry {chain}#{seq} is committed but not sealed yet");
        }

        return await ProveAsync(entry, index, await CheckpointAsync(checkpointNumber, ct), ct);
    }

    /// <summary>
    /// Proofs for a page of a chain in one checkpoint. A chain's entries are sealed in seq order,
    /// so the covered ones form a prefix: the list stops at the first entry the checkpoint lacks.
    /// </summary>
    public async Task<List<EntryProofView>> ChainProofsAsync(string chain, long fromSeq, int first, long? checkpointNumber, CancellationToken ct)
    {
        var checkpoint = await CheckpointAsync(checkpointNumber, ct);
        var proofs = new List<EntryProofView>();
        foreach (var entry in await entries.ReadChainAsync(chain, fromSeq, first, ct))
        {
            if (await notary.LeafIndexAsync(chain, entry.Seq, ct) is not { } index || index >= checkpoint.Checkpoint.Size)
            {
                break;
            }

            proofs.Add(await ProveAsync(entry, index, checkpoint, ct));
        }

        return proofs;
    }

    /// <summary>Consistency from a size (or a checkpoint's size) to a checkpoint (the latest when null).</summary>
    public async Task<ConsistencyProofView> ConsistencyAsync(long? fromSize, long? fromNumber, long? toNumber, CancellationToken ct)
    {
        if (fromSize.HasValue == fromNumber.HasValue)
        {
            throw new LedgerException(ErrorCodes.InvalidArgument, "Give exactly one of fromSize and fromNumber.");
        }

        var to = await CheckpointAsync(toNumber, ct);
        var from = fromNumber is { } n ? await CheckpointAsync(n, ct) : null;
        var size = from?.Checkpoint.Size ?? fromSize!.Value;
        if (size < 0 || size > to.Checkpoint.Size)
        {
            throw new LedgerException(ErrorCodes.InvalidArgument,
                $"No consistency proof from size {size} to checkpoint {to.Checkpoint.Number} of size {to.Checkpoint.Size}: the older tree must not be larger.");
        }

        return new ConsistencyProofView(size, from, to, await notary.ConsistencyProofAsync(size, to.Checkpoint.Size, ct));
    }

    private async Task<EntryProofView> ProveAsync(StoredEntry entry, long index, SignedCheckpoint checkpoint, CancellationToken ct)
    {
        if (index >= checkpoint.Checkpoint.Size)
        {
            throw new LedgerException(ErrorCodes.InvalidArgument,
                $"Entry {entry.Chain}#{entry.Seq} (leaf {index}) was sealed after checkpoint {checkpoint.Checkpoint.Number} (size {checkpoint.Checkpoint.Size}); ask for a later checkpoint.");
        }

        var path = await notary.InclusionProofAsync(index, checkpoint.Checkpoint.Size, ct);
        return new EntryProofView(entry.Chain, entry.Seq, entry.Hash, index, checkpoint, path);
    }
}
