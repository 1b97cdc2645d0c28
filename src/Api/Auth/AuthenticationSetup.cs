using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ddl.Api.Auth;

public static class AuthenticationSetup
{
    /// <summary>
    /// Bearer tokens (JWT) from a real identity provider (<c>Ddl:Auth:Authority</c>) or, by default,
    /// development tokens signed with the key in the data folder.
    /// </summary>
    public static IServiceCollection AddLedgerAuthentication(this IServiceCollection services, IConfiguration configuration, string dataDir)
    {
        var options = configuration.GetSection(TokenOptions.Section).Get<TokenOptions>() ?? new TokenOptions();
        var parameters = new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = options.Authority ?? options.Issuer,
            ValidateAudience = true,
            ValidAudience = options.Audience,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromMinutes(1),
            NameClaimType = Caller.SubjectClaim,
            RoleClaimType = Caller.RoleClaim,
        };
        if (options.Authority is null)
        {
            var keyFile = options.DevelopmentKeyFile ?? Path.Combine(dataDir, "keys", DevelopmentKey.FileName);
            parameters.IssuerSigningKey = new SymmetricSecurityKey(DevelopmentKey.LoadOrCreate(keyFile));
            parameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
        }

        services.AddSingleton(options);
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.Authority = options.Authority;
                jwt.Audience = options.Audience;
                jwt.RequireHttpsMetadata = options.RequireHttpsMetadata;
                jwt.TokenValidationParameters = parameters;
                // A token that passed is not checked again on every request (ValidatedTokenCache says when it is).
                jwt.TokenHandlers.Clear();
                jwt.TokenHandlers.Add(new ValidatedTokenCache(new JsonWebTokenHandler { MapInboundClaims = false }, TimeProvider.System));
            });
        services.AddAuthorization();
        services.AddSingleton<ITokenAuthenticator, JwtTokenAuthenticator>();
        return services;
    }
}
