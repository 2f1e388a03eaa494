namespace Natak.Providers;

/// <summary>The paid AI providers Natak calls.</summary>
public enum ProviderKind
{
    /// <summary>fal.ai (queue API).</summary>
    Fal,

    /// <summary>WaveSpeed AI.</summary>
    WaveSpeed,

    /// <summary>xAI (Grok chat completions).</summary>
    Xai,
}
