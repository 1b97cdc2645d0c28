using System.Security.Claims;

namespace Ddl.Api.Auth;

/// <summary>
/// Who is calling, from a validated bearer token: the subject (an institution id such as
/// <c>institution:north-pharmacy</c>, a patient chain id such as <c>patient:p-42</c>, or an
/// operator) and the role. Anonymous callers have no <see cref="Caller"/>.
/// </summary>
public sealed record Caller(string Subject, string Role)
{
    public const string SubjectClaim = "sub";
    public const string RoleClaim = "role";

    public static Caller? From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var subject = user.FindFirst(SubjectClaim)?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        var role = user.FindFirst(RoleClaim)?.Value ?? user.FindFirst(ClaimTypes.Role)?.Value;
        return subject is null || role is null || !Roles.All.Contains(role) ? null : new Caller(subject, role);
    }
}
