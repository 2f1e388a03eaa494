using System.Text.Json;

namespace Natak.Simulator;

/// <summary>One provider call received by the simulator, or one webhook delivery attempt it made. API keys are never recorded.</summary>
public sealed record SimulatorCall
{
    /// <summary>Order of arrival, from 1.</summary>
    public required long Seq { get; init; }

    /// <summary>When the call was answered (or the delivery attempt finished).</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The provider.</summary>
    public required SimulatorProvider Provider { get; init; }

    /// <summary>The operation.</summary>
    public required SimulatorOperation Operation { get; init; }

    /// <summary>The full model id, when the call concerns one; for Stripe event deliveries, the event type.</summary>
    public string? Model { get; init; }

    /// <summary>The provider request/task id, when known.</summary>
    public string? RequestId { get; init; }

    /// <summary>The HTTP method.</summary>
    public required string Method { get; init; }

    /// <summary>The request path (no query string) for received calls; the target URL for webhook deliveries.</summary>
    public required string Path { get; init; }

    /// <summary>The status code answered (or received from the webhook target); 0 when no response was given or received.</summary>
    public required int StatusCode { get; init; }

    /// <summary>The JSON body of submits and chat completions.</summary>
    public JsonElement? Input { get; init; }

    /// <summary>Webhook deliveries: the attempt number, from 1 (0 for a delivery suppressed by a fault).</summary>
    public int? Attempt { get; init; }

    /// <summary>Webhook deliveries: the exact target URL, query string included.</summary>
    public string? Target { get; init; }

    /// <summary>What the simulator did out of the ordinary (a fault applied, a connection dropped).</summary>
    public string? Note { get; init; }
}
