namespace Natak.Providers.WaveSpeed;

internal sealed class WaveSpeedOptionsValidator : ProviderOptionsValidator<WaveSpeedOptions>
{
    protected override void ValidateSpecific(WaveSpeedOptions options, List<string> errors) =>
        RequireRange(options.WebhookTolerance, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(30), $"{WaveSpeedOptions.SectionName}:WebhookTolerance", errors);
}
