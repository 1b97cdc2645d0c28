using Ddl.Grains.Feeds;
using GraphQL.Types;

namespace Ddl.Api.Subscriptions;

public sealed class LiveDispensingGraphType : ObjectGraphType<DispensingFacts>
{
    public LiveDispensingGraphType()
    {
        Name = "LiveDispensing";
        Description = "A `prescription.dispensed` entry's facts, with the pharmacy's region, the prescriber and the drug prescribed.";
        Field<NonNullGraphType<StringGraphType>>("pharmacy").Description("The dispensing pharmacy (the entry's author).").Resolve(c => c.Source.Pharmacy);
        Field<StringGraphType>("region").Description("The pharmacy's region.").Resolve(c => c.Source.Region);
        Field<StringGraphType>("prescriber").Description("The institution that issued the prescription.").Resolve(c => c.Source.Prescriber);
        Field<StringGraphType>("patient").Description("The patient's pseudonymous chain id.").Resolve(c => c.Source.Patient);
        Field<LongGraphType>("item").Description("The prescription item dispensed.").Resolve(c => c.Source.Item);
        Field<LongGraphType>("issue").Description("The issue (fill) of that item.").Resolve(c => c.Source.Issue);
        Field<LongGraphType>("quantity").Description("Quantity handed over, in `unit`.").Resolve(c => c.Source.Quantity);
        Field<StringGraphType>("unit").Description("The unit of `quantity`.").Resolve(c => c.Source.Unit);
        Field<LiveDrugGraphType>("product").Description("The product handed over.").Resolve(c => c.Source.Product);
        Field<LiveDrugGraphType>("prescribed").Description("The drug the item prescribed.").Resolve(c => c.Source.Prescribed);
        Field<StringGraphType>("batch").Description("The product's batch, when given.").Resolve(c => c.Source.Batch);
        Field<StringGraphType>("handedOverAt").Description("When it was handed over, as the pharmacy states it.").Resolve(c => c.Source.HandedOverAt);
    }
}
