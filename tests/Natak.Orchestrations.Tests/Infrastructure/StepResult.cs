using Natak.Core.Jobs;

namespace Natak.Orchestrations.Tests.Infrastructure;

/// <summary>How a one-step job's step ended: delivered (by which provider), or why not (the job's error, which names the step).</summary>
internal sealed record StepResult(bool Succeeded, string? Provider, JobError? Failure);
