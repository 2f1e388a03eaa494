using Microsoft.DurableTask;
using Natak.Core.Jobs;
using Natak.Orchestrations.Jobs;
using Natak.Orchestrations.Pipelines.ProviderCalls;

namespace Natak.Orchestrations.Pipelines;

/// <summary>
/// Runs a job's plan — the one orchestration behind images, videos and characters. The money saga: the start route holds the
/// credits; run the shared steps once, then each output's steps (outputs fan out, at most
/// <see cref="PipelineTimingOptionsSnapshot.MaxParallelOutputs"/> at a time); capture only what was delivered and
/// release the rest — on success, partial delivery, failure or cancellation alike. Each step runs as its
/// <see cref="Core.Pricing.StepKind"/> says: a paid provider call is a <see cref="ProviderCalls.ProviderStep"/> inside this orchestration, the
/// prompt and the photo packaging are activities, an accounting line runs nothing. A <see cref="JobEvents.Cancel"/>
/// stops new steps; the provider steps in flight see it and cancel at the provider. A job that did not get a slot when it
/// was ordered waits, queued, for a finishing job to hand it one (<see cref="JobEvents.Admitted"/>).
/// </summary>
public sealed class PipelineOrchestrator : TaskOrchestrator<PipelineJobInput, JobOutcome>
{
    public override Task<JobOutcome> RunAsync(TaskOrchestrationContext context, PipelineJobInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new PipelineRun(context, input, context.CreateReplaySafeLogger<PipelineOrchestrator>()).ExecuteAsync();
    }
}
