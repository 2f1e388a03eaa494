namespace Natak.Providers.Xai;

/// <summary>xAI settings, bound from <c>Providers:Xai</c>; the key falls back to <c>GROK_API_KEY</c>.</summary>
public sealed class XaiOptions : ProviderOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Providers:Xai";

    /// <summary>Creates the options with timeouts that suit reasoning models (a completion can take minutes).</summary>
    public XaiOptions()
    {
        Resilience.AttemptTimeout = TimeSpan.FromMinutes(5);
        Resilience.TotalTimeout = TimeSpan.FromMinutes(6);
    }

    /// <summary>The API host. Simulator: <c>{sim}/xai</c>.</summary>
    public Uri BaseUrl { get; set; } = new("https://api.x.ai");

    /// <summary>The chat model; xAI retires models often, so it is configuration. Default <c>grok-4.3</c>.</summary>
    public string Model { get; set; } = "grok-4.3";

    internal override ProviderKind Provider => ProviderKind.Xai;

    internal override string SectionPath => SectionName;

    internal override string ApiKeyVariable => "GROK_API_KEY";

    internal override IEnumerable<(string Name, Uri? Url)> KeyedUrls => [(nameof(BaseUrl), BaseUrl)];
}
