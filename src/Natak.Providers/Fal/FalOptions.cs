namespace Natak.Providers.Fal;

/// <summary>fal.ai settings, bound from <c>Providers:Fal</c>; the key falls back to <c>FAL_KEY</c>.</summary>
public sealed class FalOptions : ProviderOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Providers:Fal";

    /// <summary>The queue host. Simulator: <c>{sim}/fal/queue</c>.</summary>
    public Uri QueueBaseUrl { get; set; } = new("https://queue.fal.run");

    /// <summary>
    /// Where fal's webhook signing keys are published. Simulator: <c>{sim}/fal/rest/.well-known/jwks.json</c>.
    /// Older docs name <c>https://rest.alpha.fal.ai/.well-known/jwks.json</c> (UNCONFIRMED which is canonical).
    /// </summary>
    public Uri JwksUrl { get; set; } = new("https://rest.fal.ai/.well-known/jwks.json");

    /// <summary>How long fetched signing keys are trusted before re-fetching (at most 24 h). Default 24 h.</summary>
    public TimeSpan JwksCacheDuration { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Minimum gap between forced JWKS refreshes triggered by a signature no cached key verifies. Default 1 min.</summary>
    public TimeSpan JwksMinRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Largest accepted |now − webhook timestamp|. Default 300 s.</summary>
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromSeconds(300);

    internal override ProviderKind Provider => ProviderKind.Fal;

    internal override string SectionPath => SectionName;

    internal override string ApiKeyVariable => "FAL_KEY";

    // The JWKS URL gets no key, so it does not decide whether the key may be empty.
    internal override IEnumerable<(string Name, Uri? Url)> KeyedUrls => [(nameof(QueueBaseUrl), QueueBaseUrl)];
}
