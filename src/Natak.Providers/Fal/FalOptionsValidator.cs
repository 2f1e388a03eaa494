namespace Natak.Providers.Fal;

internal sealed class FalOptionsValidator : ProviderOptionsValidator<FalOptions>
{
    protected override void ValidateSpecific(FalOptions options, List<string> errors)
    {
        if (options.JwksUrl is not { IsAbsoluteUri: true })
        {
            errors.Add($"{FalOptions.SectionName}:JwksUrl must be an absolute http(s) URL (got '{options.JwksUrl}').");
        }

        RequireRange(options.JwksCacheDuration, TimeSpan.FromSeconds(1), TimeSpan.FromHours(24), $"{FalOptions.SectionName}:JwksCacheDuration", errors);
        RequireRange(options.JwksMinRefreshInterval, TimeSpan.Zero, TimeSpan.FromHours(1), $"{FalOptions.SectionName}:JwksMinRefreshInterval", errors);
        RequireRange(options.WebhookTolerance, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(30), $"{FalOptions.SectionName}:WebhookTolerance", errors);
    }
}
