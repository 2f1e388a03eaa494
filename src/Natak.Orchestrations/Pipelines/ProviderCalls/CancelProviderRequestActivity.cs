using Microsoft.DurableTask;
using Natak.Orchestrations.Telemetry;

namespace Natak.Orchestrations.Pipelines.ProviderCalls;

/// <summary>Asks the provider to stop a request (<see cref="ProviderRequestCanceller"/>): fal's queue cancel; WaveSpeed has none.</summary>
public sealed class CancelProviderRequestActivity(ProviderRequestCanceller canceller) : TaskActivity<ProviderHandle, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, ProviderHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        JobTelemetry.TagProvider(handle.Provider, handle.ModelId, handle.RequestId);
        return canceller.CancelAsync(handle);
    }
}
