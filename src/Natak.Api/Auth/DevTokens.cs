using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Natak.Api.Auth;

/// <summary>
/// Mints development tokens (<c>./run.sh token</c>). It only works while the configured signing key is the
/// well-known development key below, so it can never mint a token a deployed environment accepts: the
/// options validator refuses this key outside Development.
/// </summary>
public static class DevTokens
{
    /// <summary>Public on purpose: it is in the README and the sample settings. Never valid outside Development.</summary>
    public const string DevelopmentSigningKey = "natak-development-signing-key--not-a-secret--do-not-deploy";

    public static string Mint(AuthOptions options, string userId, bool admin, TimeSpan lifetime, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        if (!options.AllSymmetricKeys().Contains(DevelopmentSigningKey, StringComparer.Ordinal))
        {
            throw new InvalidOperationException(
                "Development tokens can only be minted while Auth:SigningKey is the development key; this configuration uses another key.");
        }

        var claims = new List<Claim> { new(JwtRegisteredClaimNames.Sub, userId) };
        if (admin)
        {
            claims.Add(new Claim(options.RoleClaim, "admin"));
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.Add(lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes(DevelopmentSigningKey)), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
