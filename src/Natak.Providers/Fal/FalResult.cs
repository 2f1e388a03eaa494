using System.Text.Json.Nodes;

namespace Natak.Providers.Fal;

/// <summary>A completed fal request's output: the model's own JSON (e.g. <c>images[]</c>, <c>video</c>, <c>diffusers_lora_file</c>).</summary>
/// <param name="RequestId">fal's request id.</param>
/// <param name="Payload">The model output.</param>
public sealed record FalResult(string RequestId, JsonNode Payload);
