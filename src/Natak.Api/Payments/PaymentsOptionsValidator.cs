using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Natak.Api.Payments;

/// <summary>
/// Start-up checks with messages naming the setting: a real Stripe needs its secret key and webhook secret, the
/// return URLs are absolute, and the development webhook secret stays in Development.
/// </summary>
internal sealed class PaymentsOptionsValidator(IHostEnvironment environment) : IValidateOptions<PaymentsOptions>
{
    private const string Section = PaymentsOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, PaymentsOptions options)
    {
        var errors = new List<string>();
        ReturnUrl(errors, nameof(options.SuccessUrl), options.SuccessUrl);
        ReturnUrl(errors, nameof(options.CancelUrl), options.CancelUrl);

        var api = options.StripeApiBase;
        var loopback = api is { IsAbsoluteUri: true, IsLoopback: true };
        if (api is not { IsAbsoluteUri: true } || (api.Scheme != Uri.UriSchemeHttps && !(loopback && api.Scheme == Uri.UriSchemeHttp)))
        {
            errors.Add($"{Section}:StripeApiBase must be an absolute https URL (http only for a loopback simulator); got '{api}'.");
        }

        if (string.IsNullOrWhiteSpace(options.StripeSecretKey))
        {
            if (!loopback)
            {
                errors.Add($"{Section}:StripeSecretKey is empty. Set {PaymentsOptions.SecretKeyVariable} (Key Vault secret STRIPE-SECRET-KEY in Azure); " +
                    $"it may be omitted only when {Section}:StripeApiBase points at a loopback simulator.");
            }
        }
        else if (!options.StripeSecretKey.StartsWith("sk_", StringComparison.Ordinal) && !options.StripeSecretKey.StartsWith("rk_", StringComparison.Ordinal))
        {
            errors.Add($"{Section}:StripeSecretKey ({PaymentsOptions.SecretKeyVariable}) must be a Stripe secret key (sk_…) or restricted key (rk_…).");
        }

        if (string.IsNullOrWhiteSpace(options.StripeWebhookSecret))
        {
            errors.Add($"{Section}:StripeWebhookSecret is empty. Set {PaymentsOptions.WebhookSecretVariable} (Key Vault secret STRIPE-WEBHOOK-SECRET in Azure) " +
                "to the signing secret (whsec_…) of the webhook endpoint registered in the Stripe dashboard.");
        }
        else if (!options.StripeWebhookSecret.StartsWith("whsec_", StringComparison.Ordinal))
        {
            errors.Add($"{Section}:StripeWebhookSecret ({PaymentsOptions.WebhookSecretVariable}) must be a webhook signing secret (whsec_…).");
        }
        else if (!environment.IsDevelopment() && options.StripeWebhookSecret == PaymentsOptions.DevelopmentWebhookSecret)
        {
            errors.Add($"{Section}:StripeWebhookSecret is the development secret in the '{environment.EnvironmentName}' environment; it only belongs in Development.");
        }

        if (options.EventLease < TimeSpan.FromSeconds(5) || options.EventLease > TimeSpan.FromHours(1))
        {
            errors.Add($"{Section}:EventLease must be between 00:00:05 and 01:00:00 (got {options.EventLease}).");
        }

        if (options.EventWait < TimeSpan.Zero || options.EventWait > TimeSpan.FromMinutes(1))
        {
            errors.Add($"{Section}:EventWait must be between 00:00:00 and 00:01:00 (got {options.EventWait}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private void ReturnUrl(List<string> errors, string setting, string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"{Section}:{setting} must be an absolute http(s) URL the buyer returns to after checkout (got '{value}').");
        }
        else if (url.Scheme == Uri.UriSchemeHttp && !environment.IsDevelopment())
        {
            errors.Add($"{Section}:{setting} must be an https URL outside Development (got '{value}').");
        }
    }
}
