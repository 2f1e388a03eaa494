using System.Diagnostics;
using Natak.Core.Telemetry;
using OpenTelemetry;

namespace Natak.Api.Telemetry;

/// <summary>
/// Adds <c>natak.job.id</c> and <c>natak.step</c> to the Durable Task SDK's spans (orchestrations, activities,
/// timers), read from their instance id: a job's orchestration is the job id (a sub-orchestration, such as the
/// canary's child, is <c>{parentId}~{name}</c>); the activities add the step themselves. So every span of a job can be
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
        data.SetTag(NatakTelemetryNames.JobId, separator < 0 ? instanceId : instanceId[..separator]);
        if (separator >= 0)
        {
            data.SetTag(NatakTelemetryNames.Step, instanceId[(separator + 1)..]);
        }
    }
}
