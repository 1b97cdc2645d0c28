using System.Security.Claims;

namespace Ddl.Fhir.Gateway;

/// <summary>
/// The ledger's authorization policy and error mapping as the FHIR operations need them. The
/// implementation is the GraphQL API's own (Ddl.Api's Access and ErrorMapping), so that FHIR and
/// GraphQL can never disagree on who may do what or on which code a failure gets.
/// </summary>
public interface IFhirPolicy
{
    /// <summary>The token's subject, once the token is known to carry one of <paramref name="roles"/>; refuses with UNAUTHENTICATED or FORBIDDEN.</summary>
    string RequireWriter(ClaimsPrincipal? user, IServiceProvider services, IReadOnlyList<string> roles);

    /// <summary>Refuses unless the token may read <paramref name="chain"/>.</summary>
    Task RequireReadAsync(ClaimsPrincipal? user, IServiceProvider services, string chain);

    /// <summary>The code and message a client gets for a failure (refusals keep theirs; the rest is masked).</summary>
    (string Code, string Message) Describe(Exception exception);
}
