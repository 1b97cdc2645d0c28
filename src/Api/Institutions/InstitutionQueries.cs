using Ddl.Grains.Institutions;
using Ddl.Ledger;
using GraphQL;
using GraphQL.Types;

namespace Ddl.Api.Institutions;

public static class InstitutionQueries
{
    public static void AddTo(ObjectGraphType query)
    {
        query.Field<InstitutionGraphType>("institution")
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
