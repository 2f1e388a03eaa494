using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Natak.Orchestrations.Telemetry;
using Natak.Providers;
using Natak.Providers.Fal;

namespace Natak.Orchestrations.Pipelines.ProviderCalls;

/// <summary>
/// Asks the provider to stop a request (fal's queue cancel). Safe to repeat; a request that already finished
/// answers "already completed". WaveSpeed documents no cancel API: its request runs to the end and the output
/// is simply not used (nor charged to the user).
/// </summary>
public sealed class CancelProviderRequestActivity(FalClient fal, ILogger<CancelProviderRequestActivity> logger) : TaskActivity<ProviderHandle, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, ProviderHandle handle)
    {
        JobTelemetry.TagProvider(handle.Provider, handle.ModelId, handle.RequestId);
        if (handle.Provider != ProviderNames.Fal)
        {
            return "unsupported";
        }

        try
        {
            var outcome = await fal.CancelAsync(FalHandles.From(handle));
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
