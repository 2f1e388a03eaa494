namespace Natak.Orchestrations.Pipelines;

/// <summary>
/// How a provider step waits: the webhook first; without it, polls that start after <see cref="FirstPoll"/> and
/// double up to <see cref="MaxPoll"/>; after <see cref="Deadline"/> the request is cancelled at the provider and
/// the step fails. Inputs, not constants, so tests run in seconds. Azure Storage timers have 1 s resolution.
/// </summary>
public sealed record StepWait(TimeSpan FirstPoll, TimeSpan MaxPoll, TimeSpan Deadline);
