using System.Diagnostics;
using Natak.Core.Ids;
using Natak.Core.Telemetry;
using OpenTelemetry;

namespace Natak.Api.Telemetry;

/// <summary>
/// Adds <c>natak.job.id</c> and <c>natak.step</c> to the Durable Task SDK's spans (orchestrations, activities,
/// timers), read from their instance id: a job's orchestration is the job id (a sub-orchestration of a job would be
/// <c>{jobId}~{name}</c>); the activities add the step themselves. Instances that are not a job's (the canary and its
/// child) get neither tag. So every span of a job can be
/// found by its id without touching orchestrator code.
/// </summary>
internal sealed class DurableJobTags : BaseProcessor<Activity>
{
    public const string SourceName = "Microsoft.DurableTask";
    private const string InstanceIdTag = "durabletask.task.instance_id";

    public override void OnEnd(Activity data)
    {
        if (data.Source.Name != SourceName || data.GetTagItem(InstanceIdTag) is not string instanceId || instanceId.Length == 0)
        {
            return;
        }

        var separator = instanceId.IndexOf('~', StringComparison.Ordinal);
        var owner = separator < 0 ? instanceId : instanceId[..separator];
        if (!JobIds.IsWellFormed(owner))
        {
            // Not a job's (the canary's check and its child): no job to name, no step.
            return;
        }

        data.SetTag(NatakTelemetryNames.JobId, owner);
        if (separator >= 0)
        {
            data.SetTag(NatakTelemetryNames.Step, instanceId[(separator + 1)..]);
        }
    }
}
