using Natak.Core.Jobs;

namespace Natak.Orchestrations.Pipelines;

/// <summary>
/// Why a step did not deliver, as data an orchestration can branch on (activities return it rather than throw,
/// so the code survives serialization). <see cref="Transient"/>: another provider may succeed.
/// </summary>
public sealed record StepFailure(string Code, string Message, bool Transient = false)
{
    public static StepFailure Cancelled { get; } = new("cancelled", "The job was cancelled.");

    public JobError ToJobError() => new(Code, Message);
}
