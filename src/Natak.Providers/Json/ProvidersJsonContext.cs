using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Natak.Providers.Fal;
using Natak.Providers.WaveSpeed;
using Natak.Providers.Xai;

namespace Natak.Providers.Json;

/// <summary>Source-generated serialization of the providers' wire shapes, snake_case as they speak it.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(FalSubmitResponse))]
[JsonSerializable(typeof(FalStatusResponse))]
[JsonSerializable(typeof(FalWebhookWire))]
[JsonSerializable(typeof(JsonWebKeySetWire))]
[JsonSerializable(typeof(WaveSpeedEnvelope))]
[JsonSerializable(typeof(WaveSpeedPredictionWire))]
[JsonSerializable(typeof(XaiChatRequestWire))]
[JsonSerializable(typeof(XaiChatResponseWire))]
internal sealed partial class ProvidersJsonContext : JsonSerializerContext;
