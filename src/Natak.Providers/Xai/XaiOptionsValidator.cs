namespace Natak.Providers.Xai;

internal sealed class XaiOptionsValidator : ProviderOptionsValidator<XaiOptions>
{
    protected override void ValidateSpecific(XaiOptions options, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(options.Model))
        {
            errors.Add($"{XaiOptions.SectionName}:Model must name a chat model (e.g. grok-4.3).");
        }
    }
}
