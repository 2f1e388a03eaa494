using Microsoft.DurableTask;
using Natak.Tables.Jobs;

namespace Natak.Orchestrations.Jobs;

/// <summary>
/// Whether a queued job holds a slot now: a queued job asks when the hand-over's wake-up is overdue, because a wake-up
/// that reaches the job before its orchestration has started is dropped by the durable backend. One table read.
/// </summary>
public sealed class CheckSlotActivity(JobAdmission admission) : TaskActivity<string, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, string input) => admission.HoldsSlotAsync(input);
}
