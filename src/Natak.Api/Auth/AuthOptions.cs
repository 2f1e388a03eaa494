using System.ComponentModel.DataAnnotations;

namespace Natak.Api.Auth;

/// <summary>
/// Bearer-token validation (section <c>Auth</c>). Development signs HS256 tokens with a shared key; in Azure,
/// set <see cref="Authority"/> to an OIDC issuer and its JWKS is used instead.
/// </summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    /// <summary>Expected <c>iss</c>.</summary>
    [Required]
    public string Issuer { get; set; } = "natak-dev";

    /// <summary>Expected <c>aud</c>.</summary>
    [Required]
    public string Audience { get; set; } = "natak-api";

    /// <summary>HS256 shared key (≥ 32 bytes of UTF-8). Several may be listed in <see cref="SigningKeys"/> for rotation.</summary>
    public string? SigningKey { get; set; }

    public IList<string> SigningKeys { get; } = [];

    /// <summary>An OIDC authority whose discovery document supplies the signing keys (Azure).</summary>
    public string? Authority { get; set; }

    /// <summary>The claim holding roles; <c>admin</c> in it unlocks admin routes.</summary>
    public string RoleClaim { get; set; } = "roles";

    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    internal IEnumerable<string> AllSymmetricKeys() =>
        SigningKeys.Concat(string.IsNullOrEmpty(SigningKey) ? [] : [SigningKey]).Where(k => !string.IsNullOrEmpty(k)).Distinct(StringComparer.Ordinal);
}
