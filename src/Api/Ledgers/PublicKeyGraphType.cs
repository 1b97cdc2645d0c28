using Ddl.Ledger;
using GraphQL.Types;

namespace Ddl.Api.Ledgers;

public sealed class PublicKeyGraphType : ObjectGraphType<PublicKeyInfo>
{
    public PublicKeyGraphType()
    {
        Name = "PublicKey";
        Description = "A public key as PROTOCOL.md section 6 publishes it: `{id, alg, pub}`.";
        Field(k => k.Id).Description("The key id.");
        Field(k => k.Alg).Description("Always `Ed25519`.");
        Field(k => k.Pub).Description("The 32 raw public key bytes, base64url without padding.");
    }
}
