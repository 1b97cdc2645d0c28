using GraphQL;
using GraphQL.Types;

namespace Ddl.Transport.Tests.Schema;

public sealed class TestMutation : ObjectGraphType
{
    private static int _counter;

    public TestMutation()
    {
        Name = "Mutation";
        Field<NonNullGraphType<IntGraphType>>("increment")
            .Description("Adds one to a process-wide counter and returns it.")
            .Resolve(_ => Interlocked.Increment(ref _counter));
        Field<StringGraphType>("echo")
            .Description("Returns its argument.")
            .Argument<NonNullGraphType<StringGraphType>>("text")
            .Resolve(ctx => ctx.GetArgument<string>("text"));
    }
}
