using Ddl.Grains.Feeds;
using GraphQL.Types;

namespace Ddl.Api.Subscriptions;

public sealed class PrescriptionPartiesGraphType : ObjectGraphType<PrescriptionFacts>
{
    public PrescriptionPartiesGraphType()
    {
        Name = "PrescriptionParties";
        Description = "Who is party to a prescription as of one of its entries.";
        Field<StringGraphType>("issuer").Description("The issuing medical centre.").Resolve(c => c.Source.Issuer);
        Field<StringGraphType>("patient").Description("The patient's pseudonymous chain id.").Resolve(c => c.Source.Patient);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("pharmacies")
            .Description("Institutions other than the issuer that have written to it (claimed, dispensed...), in order of first appearance.")
            .Resolve(c => c.Source.Pharmacies);
    }
}
