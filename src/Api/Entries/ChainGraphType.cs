using Ddl.Ledger;
using Ddl.Store;
using GraphQL;
using GraphQL.Types;

namespace Ddl.Api.Entries;

public sealed class ChainGraphType : ObjectGraphType<ChainView>
{
    /// <summary>The most entries one page returns; clients page on with <c>fromSeq</c>.</summary>
    public const int MaxPage = 1000;

    public ChainGraphType()
    {
        Name = "Chain";
        Description = "One actor's hash chain.";
        Field<NonNullGraphType<StringGraphType>>("id").Description("The chain id.").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("kind").Description("institution, patient, prescription or treatment.")
            .Resolve(c => ChainId.Parse(c.Source.Id).Kind.ToString().ToLowerInvariant());
        Field<NonNullGraphType<LongGraphType>>("length").Description("Number of entries (the next seq).")
            .ResolveAsync(async c => (await Head(c)).Length);
        Field<NonNullGraphType<StringGraphType>>("head").Description("Hash of the last entry, or 64 zeros for an empty chain.")
            .ResolveAsync(async c => (await Head(c)).Hash);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EntryGraphType>>>>("entries")
            .Description($"Entries in seq order, from `fromSeq`, at most `first` (up to {MaxPage}).")
            .Argument<LongGraphType>("fromSeq", "First seq to return (default 0).")
            .Argument<IntGraphType>("first", $"How many entries at most (default 100, at most {MaxPage}).")
            .ResolveAsync(async c =>
            {
                var from = c.GetArgument<long?>("fromSeq") ?? 0;
                var first = c.GetArgument<int?>("first") ?? 100;
                if (from < 0 || first < 1 || first > MaxPage)
                {
                    throw new LedgerException(ErrorCodes.InvalidArgument, $"fromSeq must be >= 0 and first between 1 and {MaxPage}.");
                }

                var rows = await c.RequestServices!.GetRequiredService<IEntryStore>().ReadChainAsync(c.Source.Id, from, first, c.CancellationToken);
                return rows.Select(EntryView.From).ToList();
            });
    }

    private static async Task<(long Length, string Hash)> Head(IResolveFieldContext<ChainView> c)
    {
        var head = await c.RequestServices!.GetRequiredService<IEntryStore>().GetHeadAsync(c.Source.Id, c.CancellationToken);
        return head is null ? (0, Hashes.ZeroHash) : (head.Seq + 1, head.Hash);
    }
}
