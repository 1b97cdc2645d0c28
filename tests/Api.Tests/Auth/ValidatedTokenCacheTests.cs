using System.Security.Cryptography;
using Ddl.Api.Auth;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ddl.Api.Tests.Auth;

/// <summary>
/// The cache of validated bearer tokens saves work and never accepts a token that validating
/// again would refuse: real tokens, the real JsonWebTokenHandler behind it.
/// </summary>
public sealed class ValidatedTokenCacheTests
{
    private static readonly SymmetricSecurityKey Key = NewKey();

    [Fact]
    public async Task a_valid_token_is_validated_once_and_then_remembered()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var cache = NewCache(clock);
        var token = Token(Key, TimeSpan.FromHours(1));

        var first = await cache.ValidateTokenAsync(token, Parameters(Key));
        var second = await cache.ValidateTokenAsync(token, Parameters(Key));

        Assert.True(first.IsValid);
        Assert.Equal("pharmacy:p-1", second.ClaimsIdentity.FindFirst("sub")?.Value);
        Assert.Same(first, second);

        // Past MaxAge it is validated again (a new result), and still valid.
        clock.Advance(ValidatedTokenCache.MaxAge + TimeSpan.FromSeconds(1));
        var third = await cache.ValidateTokenAsync(token, Parameters(Key));
        Assert.True(third.IsValid);
        Assert.NotSame(first, third);
    }

    [Fact]
    public async Task a_refused_token_is_refused_every_time()
    {
        var cache = NewCache(TimeProvider.System);
        var forged = Token(NewKey(), TimeSpan.FromHours(1));

        Assert.False((await cache.ValidateTokenAsync(forged, Parameters(Key))).IsValid);
        Assert.False((await cache.ValidateTokenAsync(forged, Parameters(Key))).IsValid);
    }

    [Fact]
    public async Task a_remembered_token_stops_at_its_expiry()
    {
        // Real time and no clock skew: the validator refuses the token once it has expired, and
        // the cache must not answer for it after that.
        var cache = NewCache(TimeProvider.System);
        var token = Token(Key, TimeSpan.FromSeconds(2));
        var parameters = Parameters(Key);
        parameters.ClockSkew = TimeSpan.Zero;

        Assert.True((await cache.ValidateTokenAsync(token, parameters)).IsValid);
        Assert.True((await cache.ValidateTokenAsync(token, parameters)).IsValid);

        var expires = new JsonWebToken(token).ValidTo;
        await Task.Delay(expires - DateTime.UtcNow + TimeSpan.FromMilliseconds(300));

        var after = await cache.ValidateTokenAsync(token, parameters);
        Assert.False(after.IsValid);
        Assert.IsType<SecurityTokenExpiredException>(after.Exception);
    }

    [Fact]
    public async Task a_remembered_token_stops_when_its_key_is_no_longer_trusted()
    {
        var cache = NewCache(new FakeTimeProvider(DateTimeOffset.UtcNow));
        var token = Token(Key, TimeSpan.FromHours(1));
        Assert.True((await cache.ValidateTokenAsync(token, Parameters(Key))).IsValid);

        // The identity provider's key set no longer holds the key that signed it.
        var rotated = Parameters(NewKey());
        Assert.False((await cache.ValidateTokenAsync(token, rotated)).IsValid);

        // Keys given as a set count too, and the cached answer holds while the key is in it.
        var set = Parameters(NewKey());
        set.IssuerSigningKey = null;
        set.IssuerSigningKeys = [NewKey(), Key];
        Assert.True((await cache.ValidateTokenAsync(token, set)).IsValid);
    }

    private static ValidatedTokenCache NewCache(TimeProvider clock) =>
        new(new JsonWebTokenHandler { MapInboundClaims = false }, clock);

    private static SymmetricSecurityKey NewKey() => new(RandomNumberGenerator.GetBytes(32));

    private static TokenValidationParameters Parameters(SecurityKey key) => new()
    {
        ValidIssuer = "ddl-dev",
        ValidAudience = "ddl",
        IssuerSigningKey = key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
    };

    private static string Token(SecurityKey key, TimeSpan lifetime) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "ddl-dev",
        Audience = "ddl",
        NotBefore = DateTime.UtcNow.AddMinutes(-1),
        Expires = DateTime.UtcNow + lifetime,
        Claims = new Dictionary<string, object> { ["sub"] = "pharmacy:p-1", ["role"] = "pharmacy" },
        SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
    });
}
