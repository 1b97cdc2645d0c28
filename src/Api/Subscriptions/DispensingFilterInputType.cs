using GraphQL.Types;

namespace Ddl.Api.Subscriptions;

public sealed class DispensingFilterInputType : InputObjectGraphType<DispensingFilter>
{
    public DispensingFilterInputType()
    {
        Name = "DispensingFilter";
        Description = "Narrows the dispensing feed; every member given must match.";
        Field(f => f.AtcPrefix, nullable: true).Description("An ATC code or its prefix (e.g. `N02A`), matched against the product dispensed and the drug prescribed.");
        Field(f => f.DrugCode, nullable: true).Description("A national drug code or a full ATC code, matched exactly against the product dispensed and the drug prescribed.");
        Field(f => f.Region, nullable: true).Description("The dispensing pharmacy's region.");
        Field(f => f.Institution, nullable: true).Description("The dispensing pharmacy or the prescribing institution.");
    }
}
