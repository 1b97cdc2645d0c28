using System.Security.Claims;

namespace Ddl.Api.Auth;

/// <summary>
/// Validates a bearer token the way the HTTP pipeline does, for transports that carry the token
/// elsewhere than in a header (the WebSocket's connection_init payload: browsers cannot set headers).
/// Returns null when the token is missing, invalid or expired.
/// </summary>
public interface ITokenAuthenticator
{
    Task<ClaimsPrincipal?> AuthenticateAsync(string? token, CancellationToken ct);
}
