using GraphQL;
using GraphQL.Types;

namespace Ddl.Transport.Tests.Schema;

public sealed class TestQuery : ObjectGraphType
{
    public TestQuery()
    {
        Name = "Query";
        Field<StringGraphType>("hello")
            .Description("Greets the given name.")
            .Argument<StringGraphType>("name")
            .Resolve(ctx => $"Hello, {ctx.GetArgument<string>("name") ?? "world"}!");
        Field<IdGraphType>("echoId")
            .Description("Returns its ID argument; it also puts the ID scalar in the schema for variable tests.")
            .Argument<IdGraphType>("id")
            .Resolve(ctx => ctx.GetArgument<string>("id"));
        Field<StringGraphType>("whoami")
            .Description("The name of the principal the operation runs as.")
            .Resolve(ctx => ctx.User?.Identity?.Name ?? "anonymous");
        Field<StringGraphType>("tag")
            .Description("The user-context entry 'tag', set by the host's ConfigureExecution hook.")
            .Resolve(ctx => ctx.UserContext.TryGetValue("tag", out var tag) ? tag?.ToString() : null);
        Field<StringGraphType>("fail")
            .Description("Always raises a field error.")
            .Resolve(_ => throw new ExecutionError("This field always fails."));
        Field<StringGraphType>("forbidden")
            .Description("Refused by ForbiddenFieldRule, a validation rule registered through DI.")
            .Resolve(_ => "never");
        Field<StringGraphType>("slow")
            .Description("Answers after a delay, honouring cancellation.")
            .Argument<IntGraphType>("ms")
            .ResolveAsync(async ctx =>
            {
                await Task.Delay(ctx.GetArgument("ms", 1000), ctx.CancellationToken);
                return "done";
            });
    }
}
