using System.Text.Json.Serialization;

namespace Natak.Simulator;

/// <summary>The providers the simulator fakes.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SimulatorProvider>))]
public enum SimulatorProvider
{
    /// <summary>fal.ai (queue API, REST storage, CDN).</summary>
    [JsonStringEnumMemberName("fal")]
    Fal,

    /// <summary>WaveSpeed AI (api/v3).</summary>
    [JsonStringEnumMemberName("wavespeed")]
    WaveSpeed,

    /// <summary>xAI Grok (OpenAI-compatible chat completions).</summary>
    [JsonStringEnumMemberName("xai")]
    Xai,

    /// <summary>Stripe (Checkout Sessions, signed event webhooks).</summary>
    [JsonStringEnumMemberName("stripe")]
    Stripe,
}
