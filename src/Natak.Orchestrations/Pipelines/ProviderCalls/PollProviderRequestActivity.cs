using Microsoft.DurableTask;
using Natak.Orchestrations.Telemetry;
using Natak.Providers;
using Natak.Providers.Fal;
using Natak.Providers.WaveSpeed;

namespace Natak.Orchestrations.Pipelines.ProviderCalls;

/// <summary>One status poll (an idempotent GET; the client retries transient errors itself). A poll that still cannot get an answer reports "pending": the next timer polls again, the deadline ends it.</summary>
public sealed class PollProviderRequestActivity(FalClient fal, WaveSpeedClient waveSpeed) : TaskActivity<ProviderHandle, PollOutcome>
{
    public override async Task<PollOutcome> RunAsync(TaskActivityContext context, ProviderHandle handle)
    {
        JobTelemetry.TagProvider(handle.Provider, handle.ModelId, handle.RequestId);
        try
        {
            if (handle.Provider == ProviderNames.Fal)
            {
                var status = await fal.GetStatusAsync(FalHandles.From(handle));
                return status switch
                {
                    { Succeeded: true } => new PollOutcome(PollState.Succeeded, null),
                    { IsCompleted: true } => new PollOutcome(PollState.Failed, status.Failure?.ToStepFailure()),
                    _ => new PollOutcome(PollState.Pending, null),
                };
            }

            var prediction = await waveSpeed.GetResultAsync(handle.RequestId, handle.ResponseUrl is null ? null : new Uri(handle.ResponseUrl));
            return prediction switch
            {
                { Succeeded: true } => new PollOutcome(PollState.Succeeded, null),
                { IsTerminal: true } => new PollOutcome(PollState.Failed, prediction.Failure?.ToStepFailure()),
                _ => new PollOutcome(PollState.Pending, null),
            };
        }
        catch (ProviderException ex) when (ex.IsRetryable)
        {
            return new PollOutcome(PollState.Pending, null);
        }
        catch (ProviderException ex)
        {
            return new PollOutcome(PollState.Failed, ex.Failure.ToStepFailure());
        }
    }
}

internal static class FalHandles
{
    public static FalRequestHandle From(ProviderHandle handle) =>
        new(handle.ModelId, handle.RequestId, new Uri(handle.StatusUrl!), new Uri(handle.ResponseUrl!), new Uri(handle.CancelUrl!));
}
