using Ddl.Grains.Feeds;
using GraphQL.Types;

namespace Ddl.Api.Subscriptions;

public sealed class LiveDrugGraphType : ObjectGraphType<DrugFacts>
{
    public LiveDrugGraphType()
    {
        Name = "LiveDrug";
        Description = "A drug as an entry names it (any member may be missing from an entry).";
        Field<StringGraphType>("atc").Description("WHO ATC code.").Resolve(c => c.Source.Atc);
        Field<StringGraphType>("national").Description("National drug code.").Resolve(c => c.Source.National);
        Field<StringGraphType>("name").Description("Name.").Resolve(c => c.Source.Name);
    }
}
