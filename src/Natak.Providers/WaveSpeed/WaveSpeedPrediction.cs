namespace Natak.Providers.WaveSpeed;

/// <summary>
/// A WaveSpeed task (the <c>data</c> of the envelope, or a webhook body). Persist <see cref="Id"/> and
/// <see cref="ResultUrl"/> to poll it. Failed, cancelled and timed-out tasks carry a <see cref="Failure"/>.
/// </summary>
/// <param name="Id">The prediction id.</param>
/// <param name="Model">The model id.</param>
/// <param name="Status">The task state.</param>
/// <param name="Outputs">Output file URLs (plain strings on the wire).</param>
/// <param name="ResultUrl"><c>urls.get</c>: where to poll, when WaveSpeed returned one under the configured base URL.</param>
/// <param name="Failure">Why the task failed; null unless <see cref="Status"/> is failed/cancelled/timed out.</param>
public sealed record WaveSpeedPrediction(
    string Id,
    string? Model,
    WaveSpeedPredictionStatus Status,
    IReadOnlyList<Uri> Outputs,
    Uri? ResultUrl,
    ProviderFailure? Failure)
{
    /// <summary>True once the task will not change any more.</summary>
    public bool IsTerminal => Status is not (WaveSpeedPredictionStatus.Created or WaveSpeedPredictionStatus.Processing);

    /// <summary>True when the task completed and its outputs can be copied.</summary>
    public bool Succeeded => Status == WaveSpeedPredictionStatus.Completed;
}
