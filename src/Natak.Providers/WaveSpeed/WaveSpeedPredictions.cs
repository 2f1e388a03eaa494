using System.Text.Json;
using System.Text.Json.Nodes;
using Natak.Providers.Http;
using Natak.Providers.Json;

namespace Natak.Providers.WaveSpeed;

/// <summary>Turns WaveSpeed's prediction JSON (from the API envelope or a webhook) into <see cref="WaveSpeedPrediction"/>.</summary>
internal static class WaveSpeedPredictions
{
    /// <summary>The prediction inside <c>{code,message,data}</c>, or the object itself when it is not wrapped (webhooks).</summary>
    public static JsonNode? Unwrap(JsonNode? json) =>
        json is JsonObject o && o.ContainsKey("data") && o.ContainsKey("code") ? o["data"] : json;

    /// <summary>Reads a prediction; throws <see cref="JsonException"/> when the shape is wrong.</summary>
    public static WaveSpeedPrediction Read(JsonNode? data, Uri baseUrl, string apiKey)
    {
        var wire = data?.Deserialize(ProvidersJsonContext.Default.WaveSpeedPredictionWire) ?? throw new JsonException("no prediction in the body");
        if (string.IsNullOrEmpty(wire.Id))
        {
            throw new JsonException("the prediction has no id");
        }

        var outputs = new List<Uri>();
        foreach (var output in wire.Outputs ?? [])
        {
            outputs.Add(Uri.TryCreate(output, UriKind.Absolute, out var url) ? url : throw new JsonException($"output '{output}' is not an absolute URL"));
        }

        var status = wire.Status?.ToLowerInvariant() switch
        {
            "created" or "pending" or "queued" => WaveSpeedPredictionStatus.Created,
            "processing" or "running" => WaveSpeedPredictionStatus.Processing,
            "completed" or "succeeded" => WaveSpeedPredictionStatus.Completed,
            "cancelled" or "canceled" => WaveSpeedPredictionStatus.Cancelled,
            "timeout" => WaveSpeedPredictionStatus.TimedOut,
            _ => WaveSpeedPredictionStatus.Failed,
        };

        return new WaveSpeedPrediction(wire.Id, wire.Model, status, outputs, ProviderHttp.Trusted(wire.Urls?.Get, baseUrl), Failure(wire, status, apiKey));
    }

    private static ProviderFailure? Failure(WaveSpeedPredictionWire wire, WaveSpeedPredictionStatus status, string apiKey)
    {
        var (code, fallback) = status switch
        {
            WaveSpeedPredictionStatus.Failed when string.Equals(wire.Status, "failed", StringComparison.OrdinalIgnoreCase) => (ProviderErrorCodes.ProviderFailed, "the task failed"),
            WaveSpeedPredictionStatus.Failed => (ProviderErrorCodes.ProviderFailed, $"unknown task status '{wire.Status}'"),
            WaveSpeedPredictionStatus.Cancelled => (ProviderErrorCodes.Cancelled, "the task was cancelled"),
            WaveSpeedPredictionStatus.TimedOut => (ProviderErrorCodes.Timeout, "the task timed out"),
            _ => (null, ""),
        };
        if (code is null)
        {
            return null;
        }

        var message = ProviderHttp.Text(wire.Error) is { Length: > 0 } error ? error : fallback;

        // WaveSpeed refunds failed generations (within ~3 h), so a failed task is not counted as billed.
        return new ProviderFailure(ProviderKind.WaveSpeed, code, ProviderFailures.Clean(message, apiKey), HttpStatus: null,
            IsRetryable: false, MayHaveReachedProvider: true, MayBeBilled: false)
        {
            ProviderRequestId = wire.Id,
        };
    }
}
