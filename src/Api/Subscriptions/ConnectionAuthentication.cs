using System.Security.Claims;
using System.Text.Json;
using Ddl.Api.Auth;
using Microsoft.AspNetCore.Http;

namespace Ddl.Api.Subscriptions;

/// <summary>
/// Who a WebSocket connection belongs to. Browsers cannot set headers on a WebSocket, so the bearer
/// token comes in the connection_init payload, as <c>{"token": "…"}</c> or
/// <c>{"Authorization": "Bearer …"}</c>, and is validated exactly as the HTTP pipeline validates it.
/// No token: the connection is anonymous (or whatever the upgrade request's own Authorization header
/// proved), and only public feeds will serve it. A token that does not validate, or a payload that
/// names one in another shape, refuses the connection (4403).
/// </summary>
public static class ConnectionAuthentication
{
    public static async Task<ClaimsPrincipal?> AuthenticateAsync(HttpContext http, JsonElement? payload)
    {
        if (!TryReadToken(payload, out var token))
        {
            return null;
        }

        if (token is null)
        {
            return http.User;
        }

        // Without a validator a token cannot be checked: refuse it rather than run the connection anonymously.
        var authenticator = http.RequestServices.GetService<ITokenAuthenticator>();
        return authenticator is null ? null : await authenticator.AuthenticateAsync(token, http.RequestAborted);
    }

    /// <summary>False when the payload carries something token-like that is not a usable token.</summary>
    private static bool TryReadToken(JsonElement? payload, out string? token)
    {
        token = null;
        if (payload is not { ValueKind: JsonValueKind.Object } members)
        {
            return true;
        }

        foreach (var member in members.EnumerateObject())
        {
            if (member.NameEquals("token"))
            {
                token = member.Value.ValueKind == JsonValueKind.String ? member.Value.GetString() : null;
                return !string.IsNullOrWhiteSpace(token);
            }

            if (member.Name.Equals("authorization", StringComparison.OrdinalIgnoreCase))
            {
                var value = member.Value.ValueKind == JsonValueKind.String ? member.Value.GetString() : null;
                const string Bearer = "Bearer ";
                if (value is null || !value.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }

                token = value[Bearer.Length..].Trim();
                return token.Length > 0;
            }
        }

        return true;
    }
}
