namespace Natak.Providers.WaveSpeed;

/// <summary>WaveSpeed settings, bound from <c>Providers:WaveSpeed</c>; the key falls back to <c>WAVESPEED_KEY</c>.</summary>
public sealed class WaveSpeedOptions : ProviderOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Providers:WaveSpeed";

    /// <summary>The API host. Simulator: <c>{sim}/wavespeed</c>.</summary>
    public Uri BaseUrl { get; set; } = new("https://api.wavespeed.ai");

    /// <summary>
    /// The webhook signing secret (<c>whsec_…</c>). When empty it is fetched from <c>GET /api/v3/webhook/secret</c>
    /// and cached; falls back to the <c>WAVESPEED_WEBHOOK_SECRET</c> environment variable.
    /// </summary>
    public string WebhookSecret { get; set; } = "";

    /// <summary>Largest accepted |now − webhook timestamp|. Default 300 s.</summary>
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromSeconds(300);

    internal override ProviderKind Provider => ProviderKind.WaveSpeed;

    internal override string SectionPath => SectionName;

    internal override string ApiKeyVariable => "WAVESPEED_KEY";

    internal override IEnumerable<(string Name, Uri? Url)> KeyedUrls => [(nameof(BaseUrl), BaseUrl)];
}
