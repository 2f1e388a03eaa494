using Microsoft.Extensions.Logging;
using Natak.Providers;
using Natak.Providers.Fal;

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

    /// <summary>Cancels a request known only by its provider, the provider's model id and the request id (a job's row keeps these).</summary>
    public Task<string> CancelAsync(string provider, string modelId, string requestId, CancellationToken cancellationToken = default) =>
        provider == ProviderNames.Fal ? CancelAtFalAsync(fal.CreateHandle(modelId, requestId), cancellationToken) : Task.FromResult(Unsupported);

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
