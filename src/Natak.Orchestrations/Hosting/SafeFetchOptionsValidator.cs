using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Natak.Assets;

namespace Natak.Orchestrations.Hosting;

/// <summary>
/// The SSRF allow-list is for a laptop's Azurite, s3rver and simulator: outside Development a non-empty list is a
/// start-up error, so a stray setting cannot open loopback or private addresses to user-supplied URLs.
/// </summary>
internal sealed class SafeFetchOptionsValidator(IHostEnvironment environment) : IValidateOptions<SafeFetchOptions>
{
    public ValidateOptionsResult Validate(string? name, SafeFetchOptions options) =>
        environment.IsDevelopment() || options.AllowedDevelopmentHosts.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"SafeFetch:AllowedDevelopmentHosts ({string.Join(", ", options.AllowedDevelopmentHosts)}) is allowed only in the Development environment (this is {environment.EnvironmentName}).");
}
