using Ddl.Grains.Trust;
using GraphQL.Types;

namespace Ddl.Api.Ledgers;

public static class LedgerQueries
{
    public static void AddTo(ObjectGraphType query)
    {
        query.Field<NonNullGraphType<LedgerGraphType>>("ledger")
            .Description("The ledger's id and public keys (authorities, notary, system).")
            .Resolve(c => c.RequestServices!.GetRequiredService<LedgerTrust>());
    }
}
