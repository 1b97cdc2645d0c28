using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace Ddl.Api.Auth;

/// <summary>
/// Validates a token with exactly the JwtBearer handler's settings (keys, issuer, audience,
/// lifetime; discovery included), for tokens that do not come in a header.
/// </summary>
public sealed class JwtTokenAuthenticator(IOptionsMonitor<JwtBearerOptions> jwtOptions) : ITokenAuthenticator
{
    public async Task<ClaimsPrincipal?> AuthenticateAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }

        var options = jwtOptions.Get(JwtBearerDefaults.AuthenticationScheme);
        var parameters = options.TokenValidationParameters.Clone();
        if (options.ConfigurationManager is { } manager)
        {
            var discovered = await manager.GetConfigurationAsync(ct);
            parameters.IssuerSigningKeys = discovered.SigningKeys;
        }

        foreach (var handler in options.TokenHandlers)
        {
            var result = await handler.ValidateTokenAsync(token, parameters);
            if (result.IsValid)
            {
                return new ClaimsPrincipal(result.ClaimsIdentity);
            }
        }

        return null;
    }
}
