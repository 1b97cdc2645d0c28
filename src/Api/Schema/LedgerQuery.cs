using Ddl.Api.Entries;
using Ddl.Api.Institutions;
using Ddl.Api.Ledgers;
using Ddl.Grains.Institutions;
using Ddl.Grains.Trust;
using Ddl.Ledger;
using Ddl.Store;
using GraphQL;
using GraphQL.Types;

namespace Ddl.Api.Schema;

public sealed class LedgerQuery : ObjectGraphType
{
    public LedgerQuery()
    {
        Name = "Query";
        Field<NonNullGraphType<LedgerGraphType>>("ledger")
            .Description("The ledger's id and public keys (authorities, notary, system).")
            .Resolve(c => c.RequestServices!.GetRequiredService<LedgerTrust>());

        Field<NonNullGraphType<ChainGraphType>>("chain")
            .Description("A chain by id; an unknown chain has length 0.")
            .Argument<NonNullGraphType<StringGraphType>>("id", "The chain id, `<kind>:<local>`.")
            .Resolve(c => new ChainView(ChainId.Parse(c.GetArgument<string>("id")).Value));

        Field<EntryGraphType>("entry")
            .Description("One entry by chain and seq, or null when there is none.")
            .Argument<NonNullGraphType<StringGraphType>>("chain", "The chain id.")
            .Argument<NonNullGraphType<LongGraphType>>("seq", "The entry's seq.")
            .ResolveAsync(async c =>
            {
                var chain = ChainId.Parse(c.GetArgument<string>("chain")).Value;
                var row = await c.RequestServices!.GetRequiredService<IEntryStore>().GetAsync(chain, c.GetArgument<long>("seq"), c.CancellationToken);
                return row is null ? null : EntryView.From(row);
            });

        Field<InstitutionGraphType>("institution")
            .Description("An institution with its keys and their validity, or null when it is not registered.")
            .Argument<NonNullGraphType<StringGraphType>>("id", "`institution:<local>`.")
            .ResolveAsync(async c =>
            {
                var id = ChainId.Parse(c.GetArgument<string>("id"));
                if (id.Kind != ChainKind.Institution)
                {
                    throw new LedgerException(ErrorCodes.InvalidChainId, $"'{id}' is not an institution id.");
                }

                return await c.RequestServices!.GetRequiredService<IGrainFactory>().GetGrain<IInstitutionGrain>(id.Value).GetAsync();
            });
    }
}
