using System.Text.Json.Serialization;

namespace Natak.Simulator;

/// <summary>The misbehaviours a <see cref="FaultRule"/> can inject. docs/simulator.md describes each one.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FaultKind>))]
public enum FaultKind
{
    /// <summary>Answer 429 in the provider's error shape.</summary>
    [JsonStringEnumMemberName("http429")]
    Http429,

    /// <summary>Answer 500 in the provider's error shape.</summary>
    [JsonStringEnumMemberName("http500")]
    Http500,

    /// <summary>Answer 502 in the provider's error shape.</summary>
    [JsonStringEnumMemberName("http502")]
    Http502,

    /// <summary>Answer 503 in the provider's error shape.</summary>
    [JsonStringEnumMemberName("http503")]
    Http503,

    /// <summary>Answer 504 in the provider's error shape.</summary>
    [JsonStringEnumMemberName("http504")]
    Http504,

    /// <summary>Withhold the response for <see cref="FaultRule.Delay"/> (default: until the client gives up), then drop the connection.</summary>
    [JsonStringEnumMemberName("hang")]
    Hang,

    /// <summary>Create the request (or answer the chat) but abort the connection instead of answering: the ambiguous submit.</summary>
    [JsonStringEnumMemberName("dropAfterAccept")]
    DropAfterAccept,

    /// <summary>The job runs and completes with a model error (fal: COMPLETED + error, result answers the error; WaveSpeed: failed).</summary>
    [JsonStringEnumMemberName("completedWithError")]
    CompletedWithError,

    /// <summary>The job fails on the provider's infrastructure (fal: COMPLETED + a request error such as runner_disconnected; WaveSpeed: failed).</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,

    /// <summary>Never deliver the webhook.</summary>
    [JsonStringEnumMemberName("dropWebhook")]
    DropWebhook,

    /// <summary>Deliver the webhook twice.</summary>
    [JsonStringEnumMemberName("duplicateWebhook")]
    DuplicateWebhook,

    /// <summary>Deliver the webhook after <see cref="FaultRule.Delay"/> (default 2 s).</summary>
    [JsonStringEnumMemberName("delayWebhook")]
    DelayWebhook,
}
