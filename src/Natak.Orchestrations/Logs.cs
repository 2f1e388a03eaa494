using Microsoft.Extensions.Logging;
using Natak.Core.Jobs;
using Natak.Core.Pricing;
using Natak.Orchestrations.Pipelines.ProviderCalls;

namespace Natak.Orchestrations;

/// <summary>
/// Source-generated log messages of the durable part. Every message names the job (and the step key when there is
/// one), so one job can be followed from its start to its settlement. Orchestrations log through
/// <c>context.CreateReplaySafeLogger</c>, so a replay writes nothing twice. Information: decisions (failover, cancel,
/// deadline, settlement); Debug: routine steps.
/// </summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Job {JobId} step {Step}: submitted to {Provider} {Model} as {RequestId}")]
    public static partial void Submitted(ILogger logger, string jobId, string step, string provider, string model, string requestId);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Job {JobId} step {Step}: {Provider} did not accept the request ({Code})")]
    public static partial void SubmitRefused(ILogger logger, string jobId, string step, string provider, string code);

    [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "Cancel of {RequestId} at fal: {Outcome}")]
    public static partial void CancelledAtFal(ILogger logger, string requestId, string outcome);

    [LoggerMessage(EventId = 310, Level = LogLevel.Information, Message = "Job {JobId}: started ({Kind}); {Credits} credits held for {Outputs} outputs, {Steps} steps")]
    public static partial void JobStarted(ILogger logger, string jobId, JobKind kind, long credits, int outputs, int steps);

    [LoggerMessage(EventId = 312, Level = LogLevel.Debug, Message = "Job {JobId} step {Step}: started ({Kind})")]
    public static partial void StepStarted(ILogger logger, string jobId, string step, StepKind kind);

    [LoggerMessage(EventId = 313, Level = LogLevel.Debug, Message = "Job {JobId} step {Step}: done")]
    public static partial void StepDone(ILogger logger, string jobId, string step);

    [LoggerMessage(EventId = 314, Level = LogLevel.Information, Message = "Job {JobId} step {Step}: failed ({Code}): {Reason}")]
    public static partial void StepFailed(ILogger logger, string jobId, string step, string code, string reason);

    [LoggerMessage(EventId = 315, Level = LogLevel.Information, Message = "Job {JobId}: cancel received; no further step starts")]
    public static partial void JobCancelReceived(ILogger logger, string jobId);

    [LoggerMessage(EventId = 316, Level = LogLevel.Information, Message = "Job {JobId} step {Step}: cancel forwarded to the provider call")]
    public static partial void CancelForwarded(ILogger logger, string jobId, string step);

    [LoggerMessage(EventId = 317, Level = LogLevel.Debug, Message = "Job {JobId} step {Step}: not started, the job is cancelled")]
    public static partial void StepSkipped(ILogger logger, string jobId, string step);

    [LoggerMessage(EventId = 318, Level = LogLevel.Information, Message = "Job {JobId}: ends {Status}; capturing {Capture} credits for {Delivered} of {Outputs} outputs, releasing the rest of {Held}")]
    public static partial void JobSettling(ILogger logger, string jobId, JobStatus status, long capture, int delivered, int outputs, long held);

    [LoggerMessage(EventId = 319, Level = LogLevel.Information, Message = "Job {JobId}: finished {Status}; charged {Charged} credits, refunded {Refunded}")]
    public static partial void JobFinished(ILogger logger, string jobId, JobStatus status, long charged, long refunded);

    [LoggerMessage(EventId = 320, Level = LogLevel.Debug, Message = "Job {JobId}: character {CharacterId} saved with {References} reference images")]
    public static partial void CharacterSaved(ILogger logger, string jobId, string characterId, int references);

    [LoggerMessage(EventId = 321, Level = LogLevel.Information, Message = "Job {JobId}: deleting the files of character {CharacterId}, which will not be saved ({Status})")]
    public static partial void CharacterFilesDeleted(ILogger logger, string jobId, string characterId, JobStatus status);

    [LoggerMessage(EventId = 330, Level = LogLevel.Debug, Message = "Job {JobId} step {Step}: {Provider} accepted the request as {RequestId}")]
    public static partial void RequestAccepted(ILogger logger, string jobId, string step, string provider, string requestId);

    [LoggerMessage(EventId = 331, Level = LogLevel.Information, Message = "Job {JobId} step {Step}: {Provider} failed ({Code}) and its request has ended; trying {Next}")]
    public static partial void FailingOver(ILogger logger, string jobId, string step, string provider, string code, string next);

    [LoggerMessage(EventId = 332, Level = LogLevel.Information, Message = "Job {JobId} step {Step}: {Provider} failed ({Code}); not sent to another provider: {Reason}")]
    public static partial void NotFailingOver(ILogger logger, string jobId, string step, string provider, string code, string reason);

    [LoggerMessage(EventId = 333, Level = LogLevel.Information, Message = "Job {JobId} step {Step}: {Provider} request {RequestId} not done by its deadline ({Deadline}); cancelling it at the provider")]
    public static partial void DeadlineHit(ILogger logger, string jobId, string step, string provider, string requestId, TimeSpan deadline);

    [LoggerMessage(EventId = 334, Level = LogLevel.Information, Message = "Job {JobId} step {Step}: {Provider} request {RequestId} after the cancel: {Outcome}")]
    public static partial void StopChecked(ILogger logger, string jobId, string step, string provider, string requestId, string outcome);

    [LoggerMessage(EventId = 335, Level = LogLevel.Information, Message = "Job {JobId} step {Step}: cancel received; cancelling {Provider} request {RequestId}")]
    public static partial void CallCancelReceived(ILogger logger, string jobId, string step, string provider, string requestId);

    [LoggerMessage(EventId = 336, Level = LogLevel.Information, Message = "Job {JobId} step {Step}: ignored a webhook for request {Other}; waiting for {RequestId}")]
    public static partial void ForeignWebhookIgnored(ILogger logger, string jobId, string step, string other, string requestId);

    [LoggerMessage(EventId = 337, Level = LogLevel.Debug, Message = "Job {JobId} step {Step}: {Provider} request {RequestId} is {State} ({Source})")]
    public static partial void RequestState(ILogger logger, string jobId, string step, string provider, string requestId, PollState state, string source);

    [LoggerMessage(EventId = 338, Level = LogLevel.Debug, Message = "Job {JobId} step {Step}: {Count} files from {Provider} stored; cost {CostUsd} USD")]
    public static partial void Collected(ILogger logger, string jobId, string step, int count, string provider, decimal costUsd);

    [LoggerMessage(EventId = 339, Level = LogLevel.Information, Message = "Job {JobId} step {Step}: the cancel request to {Provider} for {RequestId} failed; its status decides what follows")]
    public static partial void CancelAtProviderFailed(ILogger logger, string jobId, string step, string provider, string requestId);

    [LoggerMessage(EventId = 340, Level = LogLevel.Information, Message = "Job {JobId} step {Step}: {Provider} refused the request ({Code}), nothing was created; sending it again in {Wait}")]
    public static partial void SubmitRefusedWaiting(ILogger logger, string jobId, string step, string provider, string code, TimeSpan wait);

    [LoggerMessage(EventId = 341, Level = LogLevel.Information, Message = "Job {JobId} step {Step}: {Provider} refused the request {Times} times within {Window}; no longer waiting for it")]
    public static partial void RefusalsOutlastedWindow(ILogger logger, string jobId, string step, string provider, int times, TimeSpan window);

    [LoggerMessage(EventId = 342, Level = LogLevel.Warning, Message = "Job {JobId} step {Step}: the outputs of {Provider} request {RequestId} could not be stored yet; trying again in {Wait}")]
    public static partial void StorageUnavailableWaiting(ILogger logger, string jobId, string step, string provider, string requestId, TimeSpan wait);

    [LoggerMessage(EventId = 346, Level = LogLevel.Warning, Message = "Job {JobId} step {Step}: {Provider} had already accepted request {RequestId} for this attempt (the submit ran again after a restart); not sending it twice")]
    public static partial void SubmitFoundEarlier(ILogger logger, string jobId, string step, string provider, string requestId);

    [LoggerMessage(EventId = 343, Level = LogLevel.Information, Message = "Job {JobId}: waiting for a free slot (admission queue)")]
    public static partial void JobQueued(ILogger logger, string jobId);

    [LoggerMessage(EventId = 344, Level = LogLevel.Debug, Message = "Job {JobId}: admitted by {By}")]
    public static partial void JobAdmitted(ILogger logger, string jobId, string by);

    [LoggerMessage(EventId = 347, Level = LogLevel.Information, Message = "Job {JobId}: holds a slot though no wake-up came within {Waited} (late, or lost before the job had started); starting")]
    public static partial void SlotFoundWithoutWakeUp(ILogger logger, string jobId, TimeSpan waited);

    [LoggerMessage(EventId = 345, Level = LogLevel.Debug, Message = "Job {JobId}: its slot goes to {Next}")]
    public static partial void SlotHandedOver(ILogger logger, string jobId, string next);
    [LoggerMessage(EventId = 512, Level = LogLevel.Warning, Message = "Job {JobId} held an admission slot but its orchestration is {RuntimeStatus}: ended and its slot handed on")]
    public static partial void AdmissionSlotRecovered(ILogger logger, string jobId, string runtimeStatus);

    [LoggerMessage(EventId = 513, Level = LogLevel.Warning, Message = "Job {JobId} was still waiting for the slot handed to it: woken again")]
    public static partial void AdmissionWokenAgain(ILogger logger, string jobId);

    [LoggerMessage(EventId = 511, Level = LogLevel.Information, Message = "Purged the durable history of {Count} ended instances older than {Retention}")]
    public static partial void HistoryPurged(ILogger logger, int count, TimeSpan retention);

    [LoggerMessage(EventId = 600, Level = LogLevel.Warning, Message = "Could not delete the files of unfinished character {CharacterId}")]
    public static partial void CharacterCleanupFailed(ILogger logger, Exception exception, string characterId);

    [LoggerMessage(EventId = 601, Level = LogLevel.Warning, Message = "Job {JobId}: its output is stored, but ending the job with it failed; the job's own end settles it")]
    public static partial void SettleWithOutputFailed(ILogger logger, Exception exception, string jobId);
}
