using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Natak.Api.Auth;

/// <summary>Start-up checks: some key source exists, keys are long enough, and the development key stays in Development.</summary>
internal sealed class AuthOptionsValidator(IHostEnvironment environment) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        var keys = options.AllSymmetricKeys().ToList();
        if (keys.Count == 0 && string.IsNullOrEmpty(options.Authority))
        {
            failures.Add("Auth: set Auth:Authority (an OIDC issuer) or Auth:SigningKey (HS256, development).");
        }

        foreach (var key in keys)
        {
            if (Encoding.UTF8.GetByteCount(key) < 32)
            {
                failures.Add("Auth: every HS256 signing key must be at least 32 bytes.");
            }
        }

        if (!environment.IsDevelopment() && keys.Contains(DevTokens.DevelopmentSigningKey, StringComparer.Ordinal))
        {
            failures.Add($"Auth: the development signing key is configured in the '{environment.EnvironmentName}' environment; it only belongs in Development.");
        }

        if (options.Authority is { Length: > 0 } authority && !authority.StartsWith("https://", StringComparison.OrdinalIgnoreCase) && !environment.IsDevelopment())
        {
            failures.Add("Auth: Auth:Authority must be an https URL.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
