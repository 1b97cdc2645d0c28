using Ddl.Grains.Wire;
using GraphQL.Types;

namespace Ddl.Api.Institutions;

public sealed class InstitutionGraphType : ObjectGraphType<InstitutionView>
{
    public InstitutionGraphType()
    {
        Name = "Institution";
        Description = "A medical centre, pharmacy or regulator, as its chain records it.";
        Field(i => i.Id).Description("The institution's chain id, `institution:<local>`.");
        Field(i => i.Kind).Description("`medical_centre`, `pharmacy` or `regulator`.");
        Field(i => i.Name).Description("The registered name.");
        Field(i => i.Region).Description("The region it belongs to.");
        Field(i => i.Suspended).Description("A suspended institution records nothing.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<KeyValidityGraphType>>>>("keys")
            .Description("Every key it has held, with when it became valid and when it was revoked.").Resolve(c => c.Source.Keys);
    }
}

public sealed class KeyValidityGraphType : ObjectGraphType<KeyValidityView>
{
    public KeyValidityGraphType()
    {
        Name = "InstitutionKey";
        Description = "A key verifies entries recorded from `addedAt` up to, not including, `revokedAt`.";
        Field(k => k.Id).Description("The key id.");
        Field(k => k.Alg).Description("Always `Ed25519`.");
        Field(k => k.Pub).Description("Raw public key, base64url.");
        Field(k => k.AddedAt).Description("recordedAt of the entry that added it.");
        Field(k => k.RevokedAt, nullable: true).Description("recordedAt of the entry that revoked it, if any.");
    }
}
