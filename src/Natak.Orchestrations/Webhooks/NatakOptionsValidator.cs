using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Natak.Orchestrations.Webhooks;

/// <summary>Outside Development the webhook key must be a real secret and the public URL https.</summary>
internal sealed class NatakOptionsValidator(IHostEnvironment environment) : IValidateOptions<NatakOptions>
{
    public ValidateOptionsResult Validate(string? name, NatakOptions options)
    {
        if (environment.IsDevelopment())
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (options.WebhookSigningKey == NatakOptions.DevelopmentWebhookSigningKey)
        {
            failures.Add("Natak:WebhookSigningKey is the development key; set a secret (Key Vault) outside Development.");
        }

        if (options.PublicBaseUrl.Scheme != Uri.UriSchemeHttps)
        {
            failures.Add("Natak:PublicBaseUrl must be https outside Development: providers deliver webhooks to it.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
