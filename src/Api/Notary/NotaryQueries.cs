using Ddl.Ledger;
using Ddl.Store;
using Ddl.Store.Notary;
using GraphQL;
using GraphQL.Types;

namespace Ddl.Api.Notary;

/// <summary>Checkpoints and proofs: public, no token needed (PROTOCOL.md section 5).</summary>
public static class NotaryQueries
{
    /// <summary>The most proofs one <c>entryProofs</c> page returns.</summary>
    public const int MaxProofPage = 200;

    public static void AddTo(ObjectGraphType query)
    {
        query.Field<CheckpointGraphType>("latestCheckpoint")
            .Description("The newest signed checkpoint, or null before the first seal.")
            .ResolveAsync(async c => await Notary(c).LatestCheckpointAsync(c.CancellationToken));

        query.Field<CheckpointGraphType>("checkpoint")
            .Description("A checkpoint by number, or null when there is none.")
            .Argument<NonNullGraphType<LongGraphType>>("number", "The checkpoint number, from 1.")
            .ResolveAsync(async c => await Notary(c).GetCheckpointAsync(c.GetArgument<long>("number"), c.CancellationToken));

        query.Field<EntryProofGraphType>("entryProof")
            .Description("The proof that entry (chain, seq) is in the log, in the latest checkpoint or the one named; null when there is no such entry. "
                + "An entry not sealed yet gets the error NOT_SEALED_YET with `extensions.retryAfterSeconds`.")
            .Argument<NonNullGraphType<StringGraphType>>("chain", "The chain id.")
            .Argument<NonNullGraphType<LongGraphType>>("seq", "The entry's seq.")
            .Argument<LongGraphType>("checkpoint", "A checkpoint number (default: the latest).")
            .ResolveAsync(async c => await Reader(c).EntryProofAsync(
                ChainId.Parse(c.GetArgument<string>("chain")).Value, c.GetArgument<long>("seq"), c.GetArgument<long?>("checkpoint"), c.CancellationToken));

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<EntryProofGraphType>>>>("entryProofs")
            .Description($"Proofs for a page of a chain's entries in one checkpoint (default: the latest), from `fromSeq`, at most `first` (up to {MaxProofPage}). "
                + "A chain's entries are sealed in seq order, so the list stops at the first entry that checkpoint does not cover.")
            .Argument<NonNullGraphType<StringGraphType>>("chain", "The chain id.")
            .Argument<LongGraphType>("fromSeq", "First seq (default 0).")
            .Argument<IntGraphType>("first", $"How many at most (default 100, at most {MaxProofPage}).")
            .Argument<LongGraphType>("checkpoint", "A checkpoint number (default: the latest).")
            .ResolveAsync(async c =>
            {
                var from = c.GetArgument<long?>("fromSeq") ?? 0;
                var first = c.GetArgument<int?>("first") ?? 100;
                if (from < 0 || first < 1 || first > MaxProofPage)
                {
                    throw new LedgerException(ErrorCodes.InvalidArgument, $"fromSeq must be >= 0 and first between 1 and {MaxProofPage}.");
                }

                return await Reader(c).ChainProofsAsync(ChainId.Parse(c.GetArgument<string>("chain")).Value, from, first,
                    c.GetArgument<long?>("checkpoint"), c.CancellationToken);
            });

        query.Field<NonNullGraphType<ConsistencyProofGraphType>>("consistencyProof")
            .Description("The proof that a checkpoint (default: the latest) extends an older tree, given by its size or its checkpoint number.")
            .Argument<LongGraphType>("fromSize", "The older tree's size.")
            .Argument<LongGraphType>("fromNumber", "The older checkpoint's number (instead of fromSize).")
            .Argument<LongGraphType>("toNumber", "The newer checkpoint's number (default: the latest).")
            .ResolveAsync(async c => await Reader(c).ConsistencyAsync(
                c.GetArgument<long?>("fromSize"), c.GetArgument<long?>("fromNumber"), c.GetArgument<long?>("toNumber"), c.CancellationToken));
    }

    private static INotaryStore Notary(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<INotaryStore>();

    private static NotaryReader Reader(IResolveFieldContext c) =>
        new(Notary(c), c.RequestServices!.GetRequiredService<IEntryStore>(), c.RequestServices!);
}
