namespace Natak.Providers;

/// <summary>
/// Settings every provider client shares. <see cref="ApiKey"/> may be empty only when every base URL of the
/// provider points at a loopback host (the local simulator); the client then sends
/// <see cref="LocalPlaceholderKey"/>. A start-up against a real provider without a key fails validation.
/// </summary>
public abstract class ProviderOptions
{
    /// <summary>The key sent when <see cref="ApiKey"/> is empty and the base URLs are loopback.</summary>
    public const string LocalPlaceholderKey = "local-simulator";

    /// <summary>The provider API key. Bound from the section's <c>ApiKey</c>, else from the provider's environment variable.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Timeouts, retries and circuit breaker.</summary>
    public ProviderResilienceOptions Resilience { get; set; } = new();

    /// <summary>The provider this configures.</summary>
    internal abstract ProviderKind Provider { get; }

    /// <summary>The configuration section path, for messages.</summary>
    internal abstract string SectionPath { get; }

    /// <summary>The environment variable that may carry <see cref="ApiKey"/>.</summary>
    internal abstract string ApiKeyVariable { get; }

    /// <summary>Every base URL the client calls with the key, by setting name.</summary>
    internal abstract IEnumerable<(string Name, Uri? Url)> KeyedUrls { get; }

    /// <summary>The key to send: the configured one, or the placeholder against a local simulator.</summary>
    internal string EffectiveApiKey => ApiKey.Length > 0 ? ApiKey : LocalPlaceholderKey;
}
