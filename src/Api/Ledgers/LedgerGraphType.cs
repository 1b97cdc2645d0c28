using Ddl.Grains.Trust;
using Ddl.Ledger;
using GraphQL.Types;

namespace Ddl.Api.Ledgers;

public sealed class LedgerGraphType : ObjectGraphType<LedgerTrust>
{
    public LedgerGraphType()
    {
        Name = "Ledger";
        Description = "The ledger's identity and its roots of trust (PROTOCOL.md section 6). Public.";
        Field<NonNullGraphType<StringGraphType>>("id").Description("The ledger id.").Resolve(c => c.Source.LedgerId);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AuthorityGraphType>>>>("authorities")
            .Description("Registry authorities: they register institutions.").Resolve(c => c.Source.Genesis.Authorities);
        Field<NonNullGraphType<PublicKeyGraphType>>("notary").Description("The key that signs checkpoints.").Resolve(c => c.Source.Genesis.Notary);
        Field<NonNullGraphType<PublicKeyGraphType>>("system").Description("The key that signs the entries the ledger writes itself.").Resolve(c => c.Source.Genesis.System);
        Field<NonNullGraphType<StringGraphType>>("genesis")
            .Description("The genesis document as canonical JSON: `{ledger, authorities, notary, system}`.")
            .Resolve(c => System.Text.Encoding.UTF8.GetString(CanonicalJson.Canonicalize(c.Source.Genesis.ToJson())));
    }
}

public sealed class AuthorityGraphType : ObjectGraphType<AuthorityKey>
{
    public AuthorityGraphType()
    {
        Name = "Authority";
        Description = "A registry authority and its key.";
        Field(a => a.Id).Description("`authority:<local>`.");
        Field<NonNullGraphType<PublicKeyGraphType>>("key").Description("Its public key.").Resolve(c => c.Source.Key);
    }
}
