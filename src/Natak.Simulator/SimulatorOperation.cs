using System.Text.Json.Serialization;

namespace Natak.Simulator;

/// <summary>What a recorded call (or a fault rule) is about.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SimulatorOperation>))]
public enum SimulatorOperation
{
    /// <summary>fal queue submit or WaveSpeed task creation.</summary>
    [JsonStringEnumMemberName("submit")]
    Submit,

    /// <summary>fal status poll.</summary>
    [JsonStringEnumMemberName("status")]
    Status,

    /// <summary>fal result fetch or WaveSpeed prediction result fetch.</summary>
    [JsonStringEnumMemberName("result")]
    Result,

    /// <summary>fal cancel.</summary>
    [JsonStringEnumMemberName("cancel")]
    Cancel,

    /// <summary>A webhook delivery attempt made by the simulator.</summary>
    [JsonStringEnumMemberName("webhook")]
    Webhook,

    /// <summary>xAI chat completion.</summary>
    [JsonStringEnumMemberName("chat")]
    Chat,

    /// <summary>Download of an output (or uploaded) file from the fake CDN.</summary>
    [JsonStringEnumMemberName("file")]
    File,

    /// <summary>fal storage upload (initiate or PUT of the bytes).</summary>
    [JsonStringEnumMemberName("upload")]
    Upload,

    /// <summary>fal JWKS fetch.</summary>
    [JsonStringEnumMemberName("jwks")]
    Jwks,

    /// <summary>WaveSpeed webhook secret fetch.</summary>
    [JsonStringEnumMemberName("secret")]
    Secret,

    /// <summary>Stripe Checkout Session create or retrieve.</summary>
    [JsonStringEnumMemberName("checkout")]
    Checkout,
}
