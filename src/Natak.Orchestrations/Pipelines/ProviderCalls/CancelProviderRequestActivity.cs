using Microsoft.DurableTask;

namespace Natak.Orchestrations.Pipelines.ProviderCalls;

/// <summary>Asks the provider to stop a request (<see cref="ProviderRequestCanceller"/>): fal's queue cancel; WaveSpeed has none.</summary>
public sealed class CancelProviderRequestActivity(ProviderRequestCanceller canceller) : TaskActivity<ProviderHandle, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, ProviderHandle handle) => canceller.CancelAsync(handle);
}
