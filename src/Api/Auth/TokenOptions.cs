namespace Ddl.Api.Auth;

/// <summary>
/// How bearer tokens are validated (section <c>Ddl:Auth</c>). With an <see cref="Authority"/> the
/// signing keys come from its OpenID Connect discovery document (a real identity provider);
/// otherwise tokens are checked against the development key in the data folder, which
/// <c>ddl token</c> uses to mint tokens. The development key is for development only.
/// </summary>
public sealed class TokenOptions
{
    public const string Section = "Ddl:Auth";

    public const string DevelopmentIssuer = "ddl-dev";

    public const string DefaultAudience = "ddl";

    /// <summary>An OpenID Connect authority (issuer URL); when set, its keys are used.</summary>
    public string? Authority { get; set; }

    public string Issuer { get; set; } = DevelopmentIssuer;

    public string Audience { get; set; } = DefaultAudience;

    /// <summary>A file holding a symmetric HS256 key (base64url), for development tokens. Default: keys/dev-token.key in the data folder.</summary>
    public string? DevelopmentKeyFile { get; set; }

    /// <summary>Whether a token without an HTTPS metadata address is acceptable (local identity providers).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
}
