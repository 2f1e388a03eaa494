using Microsoft.Extensions.Options;

namespace Natak.Simulator;

internal sealed class SimulatorOptionsValidator : IValidateOptions<SimulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, SimulatorOptions options)
    {
        var failures = Failures(options).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static void ThrowIfInvalid(SimulatorOptions options)
    {
        var failures = Failures(options).ToList();
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(nameof(SimulatorOptions), typeof(SimulatorOptions), failures);
        }
    }

    private static IEnumerable<string> Failures(SimulatorOptions o)
    {
        if (o.Port is < 0 or > 65535)
        {
            yield return "Simulator:Port must be 0 (a free port) or a TCP port.";
        }

        if (o.PublicBaseUrl is not null && !Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out _))
        {
            yield return "Simulator:PublicBaseUrl must be an absolute URL.";
        }

        if (o.DefaultLatency < TimeSpan.Zero || o.TrainingLatency < TimeSpan.Zero || o.QueueTime < TimeSpan.Zero
            || o.ModelLatencies.Values.Any(v => v < TimeSpan.Zero))
        {
            yield return "Simulator latencies must not be negative.";
        }

        if (o.ConcurrencyLimit < 0)
        {
            yield return "Simulator:ConcurrencyLimit must be 0 (unlimited) or more.";
        }

        if (o.WebhookMaxAttempts < 1)
        {
            yield return "Simulator:WebhookMaxAttempts must be at least 1.";
        }

        if (o.WebhookInitialBackoff < TimeSpan.Zero || o.WebhookTimeout <= TimeSpan.Zero)
        {
            yield return "Simulator:WebhookInitialBackoff must not be negative and WebhookTimeout must be positive.";
        }

        if (o.FalSigningKeySeed is not null && FalSigningKey.ParseSeed(o.FalSigningKeySeed) is null)
        {
            yield return "Simulator:FalSigningKeySeed must be 32 bytes as 64 hex characters or base64.";
        }

        if (string.IsNullOrWhiteSpace(o.WaveSpeedWebhookSecret))
        {
            yield return "Simulator:WaveSpeedWebhookSecret must not be empty.";
        }

        if (o.Stripe.WebhookUrl is not null && !Uri.TryCreate(o.Stripe.WebhookUrl, UriKind.Absolute, out _))
        {
            yield return "Simulator:Stripe:WebhookUrl must be an absolute URL.";
        }

        if (!o.Stripe.WebhookSecret.StartsWith("whsec_", StringComparison.Ordinal))
        {
            yield return "Simulator:Stripe:WebhookSecret must be a webhook signing secret (whsec_…).";
        }

        if (string.IsNullOrWhiteSpace(o.Stripe.ApiVersion) || o.Stripe.SessionLifetime <= TimeSpan.Zero)
        {
            yield return "Simulator:Stripe:ApiVersion must not be empty and Simulator:Stripe:SessionLifetime must be positive.";
        }

        if (o.XaiModels.Length == 0)
        {
            yield return "Simulator:XaiModels must name at least one model.";
        }

        if (o.FileStoreMaxBytes < 1 << 20)
        {
            yield return "Simulator:FileStoreMaxBytes must be at least 1 MiB.";
        }
    }
}
