using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Natak.Assets;

namespace Natak.Api.Auth;

/// <summary>
/// Validates <c>Authorization: Bearer</c> tokens the same way in both hosts (the Functions app has no ASP.NET
/// Core authentication middleware in front of its triggers, so this lives with the shared handlers).
/// </summary>
public sealed partial class JwtAuthenticator
{
    private readonly AuthOptions _options;
    private readonly ILogger<JwtAuthenticator> _logger;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? _oidc;
    private readonly SymmetricSecurityKey[] _symmetricKeys;

    public JwtAuthenticator(IOptions<AuthOptions> options, ILogger<JwtAuthenticator> logger)
    {
        _options = options.Value;
        _logger = logger;
        _symmetricKeys = [.. _options.AllSymmetricKeys().Select(k => new SymmetricSecurityKey(Encoding.UTF8.GetBytes(k)))];
        if (!string.IsNullOrEmpty(_options.Authority))
        {
            var metadata = _options.Authority.TrimEnd('/') + "/.well-known/openid-configuration";
            _oidc = new ConfigurationManager<OpenIdConnectConfiguration>(metadata, new OpenIdConnectConfigurationRetriever(),
                new HttpDocumentRetriever { RequireHttps = metadata.StartsWith("https://", StringComparison.OrdinalIgnoreCase) });
        }
    }

    /// <summary>The caller, or a reason the request is unauthenticated (never the token itself).</summary>
    public async Task<AuthResult> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var header = request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return AuthResult.Fail("A bearer token is required.");
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            return AuthResult.Fail("Use the Authorization: Bearer <token> scheme.");
        }

        var token = header[7..].Trim();
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = _options.Issuer,
            ValidAudience = _options.Audience,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = _options.ClockSkew,
            IssuerSigningKeys = _symmetricKeys,
            ValidAlgorithms = _oidc is null ? [SecurityAlgorithms.HmacSha256] : null,
        };

        if (_oidc is not null)
        {
            var config = await _oidc.GetConfigurationAsync(cancellationToken);
            parameters.IssuerSigningKeys = [.. _symmetricKeys, .. config.SigningKeys];
            parameters.ValidIssuers = [_options.Issuer, config.Issuer];
        }

        var result = await _handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid)
        {
            LogRejected(_logger, result.Exception?.GetType().Name ?? "invalid");
            return AuthResult.Fail(result.Exception is SecurityTokenExpiredException
                ? "The token has expired."
                : "The token is not valid.");
        }

        var sub = result.ClaimsIdentity.FindFirst(JwtRegisteredClaimNames.Sub)?.Value;
        // the subject keys the user's ledger partition and R2 folder: one rule for every place a user id goes
        if (!AssetKeys.IsValidId(sub))
        {
            return AuthResult.Fail("The token has no usable subject: " + AssetKeys.IdRule + ".");
        }

        var isAdmin = result.ClaimsIdentity.FindAll(_options.RoleClaim)
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Contains("admin", StringComparer.Ordinal);
        return AuthResult.Success(new NatakUser(sub, isAdmin));
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Bearer token rejected ({Reason}).")]
    private static partial void LogRejected(ILogger logger, string reason);
}

public sealed record AuthResult(NatakUser? User, string? Failure)
{
    public static AuthResult Success(NatakUser user) => new(user, null);

    public static AuthResult Fail(string reason) => new(null, reason);
}
