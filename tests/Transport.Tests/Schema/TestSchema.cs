namespace Ddl.Transport.Tests.Schema;

/// <summary>A schema just big enough to exercise the transport: queries, a mutation, a subscription.</summary>
public sealed class TestSchema : GraphQL.Types.Schema
{
    public TestSchema(IServiceProvider services) : base(services)
    {
        Query = new TestQuery();
        Mutation = new TestMutation();
        Subscription = new TestSubscription();
    }
}
