using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace Ddl.Transport.Tests.Schema;

public sealed class TestSubscription : ObjectGraphType
{
    public TestSubscription()
    {
        Name = "Subscription";
        Field<StringGraphType>("events")
            .Description("Every value published to the topic.")
            .Argument<NonNullGraphType<StringGraphType>>("topic")
            .ResolveStream(ctx => ctx.RequestServices!.GetRequiredService<EventHub>()[ctx.GetArgument<string>("topic")]);
    }
}
