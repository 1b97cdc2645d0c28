using System.Security.Claims;
using Ddl.Api.Auth;
using Ddl.Api.Errors;
using Ddl.Fhir.Gateway;
using GraphQL;

namespace Ddl.Api.Fhir;

/// <summary>
/// The FHIR operations' policy is GraphQL's own: <see cref="Access"/> decides who may write and
/// read, <see cref="ErrorMapping"/> which code a failure gets. Access works on a resolver context,
/// so REST calls get a context that carries just the two things it reads: the user and the services.
/// </summary>
public sealed class GraphQLFhirPolicy : IFhirPolicy
{
    public string RequireWriter(ClaimsPrincipal? user, IServiceProvider services, IReadOnlyList<string> roles)
    {
        var context = Context(user, services);
        var caller = Access.RequireCaller(context);
        Access.RequireRole(caller, [.. roles]);
        // A FHIR submission is authored by the token's subject, so this holds by construction; it is
        // checked anyway so that the rule stays written where GraphQL's is.
        Access.RequireAuthor(context, caller.Subject);
        return caller.Subject;
    }

    public Task RequireReadAsync(ClaimsPrincipal? user, IServiceProvider services, string chain) =>
        Access.RequireReadAsync(Context(user, services), chain);

    public (string Code, string Message) Describe(Exception exception) => ErrorMapping.Describe(exception);

    private static ResolveFieldContext Context(ClaimsPrincipal? user, IServiceProvider services) =>
        new() { User = user, RequestServices = services };
}
