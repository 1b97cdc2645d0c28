using Ddl.Api.Auth;
using Ddl.Ledger;
using Ddl.Store;
using GraphQL;
using GraphQL.Types;

namespace Ddl.Api.Entries;

/// <summary>Reading chains and entries, straight from the store (reads need no grain).</summary>
public static class EntryQueries
{
    public static void AddTo(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ChainGraphType>>("chain")
            .Description("A chain by id; an unknown chain has length 0. Institution chains are public; others need a token that may read them.")
            .Argument<NonNullGraphType<StringGraphType>>("id", "The chain id, `<kind>:<local>`.")
            .ResolveAsync(async c =>
            {
                var chain = ChainId.Parse(c.GetArgument<string>("id")).Value;
                await Access.RequireReadAsync(c, chain);
                return new ChainView(chain);
            });

        query.Field<EntryGraphType>("entry")
            .Description("One entry by chain and seq, or null when there is none.")
            .Argument<NonNullGraphType<StringGraphType>>("chain", "The chain id.")
            .Argument<NonNullGraphType<LongGraphType>>("seq", "The entry's seq.")
            .ResolveAsync(async c =>
            {
                var chain = ChainId.Parse(c.GetArgument<string>("chain")).Value;
                await Access.RequireReadAsync(c, chain);
                var row = await c.RequestServices!.GetRequiredService<IEntryStore>().GetAsync(chain, c.GetArgument<long>("seq"), c.CancellationToken);
                return row is null ? null : EntryView.From(row);
            });
    }
}
