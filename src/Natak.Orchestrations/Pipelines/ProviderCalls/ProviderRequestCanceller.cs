using System.Text.Json;
using Microsoft.Extensions.Logging;
using Natak.Providers;
using Natak.Providers.Fal;
using Natak.Tables.Jobs;

namespace Natak.Orchestrations.Pipelines.ProviderCalls;

/// <summary>
/// Asks a provider to stop a request: fal has a queue cancel (safe to repeat; a request that already finished answers
/// "already completed"). WaveSpeed documents no cancel API: its request runs to the end and the output is simply not
/// used (nor charged to the user), so the answer is <see cref="Unsupported"/>.
/// </summary>
public sealed class ProviderRequestCanceller(FalClient fal, ILogger<ProviderRequestCanceller> logger)
{
    public const string Unsupported = "unsupported";

    /// <summary>Cancels a request the job's orchestration holds the handle of.</summary>
    public Task<string> CancelAsync(ProviderHandle handle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handle);
        return handle.Provider == ProviderNames.Fal ? CancelAtFalAsync(FalHandles.From(handle), cancellationToken) : Task.FromResult(Unsupported);
    }

    /// <summary>Answered for a request whose provider model id is not known (a row step with only the catalogue's model key).</summary>
    public const string ModelUnknown = "model_unknown";

    /// <summary>
    /// Cancels the request a step of a job's row names: through the handle the submit stored with it (the provider's
    /// own URLs and model id); without one, from the provider, model id and request id. The row's <c>Model</c> is the
    /// catalogue's model key, not always a provider model id: such a request cannot be addressed and is answered
    /// <see cref="ModelUnknown"/> (never an exception).
    /// </summary>
    public Task<string> CancelAsync(JobStepState step, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (step.Handle is { } json && ReadHandle(json) is { } handle)
        {
            return CancelAsync(handle, cancellationToken);
        }

        if (step.Provider != ProviderNames.Fal)
        {
            return Task.FromResult(Unsupported);
        }

        return step.RequestId is { } requestId && FalModelId.TryParse(step.Model, null, out _)
            ? CancelAtFalAsync(fal.CreateHandle(step.Model, requestId), cancellationToken)
            : Task.FromResult(ModelUnknown);
    }

    private static ProviderHandle? ReadHandle(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ProviderHandle>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task<string> CancelAtFalAsync(FalRequestHandle handle, CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await fal.CancelAsync(handle, cancellationToken);
            Logs.CancelledAtFal(logger, handle.RequestId, outcome.ToString());
            return outcome.ToString();
        }
        catch (ProviderException ex) when (!ex.IsRetryable)
        {
            Logs.CancelledAtFal(logger, handle.RequestId, ex.ErrorCode);
            return ex.ErrorCode;
        }
    }
}
