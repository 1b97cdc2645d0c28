using System.Collections.Concurrent;
using Microsoft.IdentityModel.Tokens;

namespace Ddl.Api.Auth;

/// <summary>
/// Remembers, for a short while, that a bearer token passed validation. A client sends the same
/// token with every request until it expires; checking its signature, issuer, audience and
/// lifetime again each time was about 5 % of the CPU of a single-entry submission (bench/Write),
/// and more with an identity provider's RSA keys than with the development HMAC key.
///
/// Only a positive answer is kept, and it is never more lenient than validating again:
/// it lapses at the token's own expiry (without the clock skew the validator allows) and after
/// <see cref="MaxAge"/>, and it counts only while the key that verified the token is still one of
/// the keys the request is validated with, so a key the identity provider drops stops its tokens
/// at the next request. A refused token is validated again every time.
/// </summary>
public sealed class ValidatedTokenCache(TokenHandler inner, TimeProvider clock) : TokenHandler
{
    /// <summary>How long a positive validation is reused at most.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    /// <summary>Distinct tokens remembered; past that the cache starts over, so it stays small whatever clients send.</summary>
    public const int MaxTokens = 10_000;

    private readonly ConcurrentDictionary<string, Validated> tokens = new(StringComparer.Ordinal);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = clock.GetUtcNow();
        if (tokens.TryGetValue(token, out var known))
        {
            if (now < known.Until && IsStillTrusted(known.Result.SecurityToken.SigningKey, validationParameters))
            {
                return known.Result;
            }

            tokens.TryRemove(new KeyValuePair<string, Validated>(token, known));
        }

        var result = await inner.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is { SigningKey: not null, ValidTo: var validTo } && validTo > DateTime.MinValue)
        {
            var until = new DateTimeOffset(DateTime.SpecifyKind(validTo, DateTimeKind.Utc));
            if (until > now + MaxAge)
            {
                until = now + MaxAge;
            }

            if (tokens.Count >= MaxTokens)
            {
                tokens.Clear();
            }

            tokens[token] = new Validated(result, until);
        }

        return result;
    }

    public override SecurityToken ReadToken(string token) => inner.ReadToken(token);

    // The same key object: a development key is one instance for the silo's life, and an identity
    // provider's keys are new objects whenever its key set is fetched again (then tokens are
    // validated again once, which is cheap and never wrong).
    private static bool IsStillTrusted(SecurityKey key, TokenValidationParameters parameters) =>
        ReferenceEquals(parameters.IssuerSigningKey, key)
        || (parameters.IssuerSigningKeys?.Any(k => ReferenceEquals(k, key)) ?? false);

    private sealed record Validated(TokenValidationResult Result, DateTimeOffset Until);
}
