namespace Natak.Providers;

/// <summary>Names of the HttpClients <c>AddNatakProviders</c> registers (each with its own resilience pipeline).</summary>
internal static class ProviderHttpClients
{
    public const string Fal = "Natak.Providers.Fal";
    public const string FalKeys = "Natak.Providers.FalKeys";
    public const string WaveSpeed = "Natak.Providers.WaveSpeed";
    public const string Xai = "Natak.Providers.Xai";
}
