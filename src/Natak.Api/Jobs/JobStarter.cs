using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Natak.Api.Http;
using Natak.Api.Telemetry;
using Natak.Core.Ids;
using Natak.Core.Jobs;
using Natak.Core.Problems;
using Natak.Orchestrations.Pipelines;
using Natak.Tables.Credits;
using Natak.Tables.Jobs;

namespace Natak.Api.Jobs;

/// <summary>
/// Starts a job for a start route: the Idempotency-Key contract of api.md (same key + same body → the same job,
/// 200; same key + different body → 422), the credit hold (402 when the balance is short, nothing started), a place
/// in the admission queue, the job's rows, and the orchestration whose instance id is the job id. Each of these is
/// idempotent per job, so a retried or concurrent start with the same key converges on one job. The
/// <c>prepare</c> callback validates, quotes and resolves what the job needs; it runs only when a new job is about to
/// be created, so a retry of a started job is never refused for credits it already holds.
/// </summary>
public sealed partial class JobStarter(JobIndex index, ICreditLedger ledger, JobAdmission admission, IOptions<JobAdmissionOptions> admissionOptions,
    TimeProvider time, ILogger<JobStarter> logger)
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public async Task<IResult> StartAsync(ApiRequest request, JobKind kind, JsonObject body, Func<string, Task<PipelineJobInput>> prepare)
    {
        var user = request.Caller;
        var key = ReadIdempotencyKey(request);
        var requestHash = RequestHash(kind, body);
        var keyHash = key is null ? null : JobIds.IdempotencyHash(user.Id, key);

        if (keyHash is not null && await index.FindByIdempotencyKeyAsync(user.Id, keyHash, request.Aborted) is { } earlier)
        {
            return await ReplayAsync(request, earlier, requestHash, prepare);
        }

        var now = time.GetUtcNow();
        var jobId = key is null ? JobIds.New(kind, now) : JobIds.FromIdempotencyKey(kind, user.Id, key);
        ApiTelemetry.Starting(kind, jobId, user.Id);
        var input = (await prepare(jobId)) with { CreatedAt = now };
        await HoldAsync(input, request.Aborted);
        var place = await admission.EnterAsync(jobId, request.Aborted);
        var record = new JobRecord(user.Id, jobId, kind, JobStatus.Queued, requestHash, now, now)
        {
            TotalSteps = input.TotalSteps,
            OutputCount = input.OutputCount,
            CreditsPerOutput = input.CreditsPerOutput,
            Credits = new JobCredits(input.TotalCredits, 0, 0),
            WaitingFor = place.Admitted ? null : "queue",
            QueueTicket = place.Ticket,
        };
        var created = await index.CreateAsync(record, keyHash, request.Aborted);
        if (!created.Created)
        {
            return await ReplayAsync(request, created.Job, requestHash, prepare);
        }

        await ScheduleAsync(request.Durable, await PlacedAsync(input, place, request.Aborted), request.Aborted);
        ApiTelemetry.Scheduled(kind);
        LogStarted(logger, jobId, kind.ToWire(), user.Id);
        return Accepted(request, JobViews.Compose(created.Job), StatusCodes.Status202Accepted);
    }

    /// <summary>
    /// Holds the job's credits (one hold, id = job id, op key derived from it: a repeat for the same job is a no-op).
    /// A short balance is a 402 and nothing is started.
    /// </summary>
    private async Task HoldAsync(PipelineJobInput input, CancellationToken cancellationToken)
    {
        var result = await ledger.ReserveAsync(input.UserId, input.JobId, input.TotalCredits, input.JobId,
            input.CreatedAt + input.HoldLifetime(), $"hold:{input.JobId}:job", cancellationToken);
        switch (result)
        {
            case LedgerResult.Applied:
            case LedgerResult.HoldConflict:
                // held now, or already held for this very job by an earlier attempt
                return;
            case LedgerResult.InsufficientCredits insufficient:
                throw new ApiProblemException(ApiProblem.InsufficientCredits(insufficient.Required, insufficient.Available));
            default:
                throw new InvalidOperationException($"Holding credits for job {input.JobId} failed: {result}");
        }
    }

    /// <summary>The canonical hash of a start request: kind + the body with object keys sorted, so formatting and key order do not matter.</summary>
    public static string RequestHash(JobKind kind, JsonObject body)
    {
        var canonical = Canonicalize(body)!.ToJsonString();
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(kind.ToWire() + "\n" + canonical)));
    }

    private async Task<IResult> ReplayAsync(ApiRequest request, JobRecord earlier, string requestHash, Func<string, Task<PipelineJobInput>> prepare)
    {
        if (!string.Equals(earlier.RequestHash, requestHash, StringComparison.Ordinal))
        {
            throw new ApiProblemException(ApiProblem.Create(422, ProblemCodes.IdempotencyKeyReused, "Idempotency key reused.",
                $"This Idempotency-Key was already used for job {earlier.JobId} with a different request body."));
        }

        var instance = earlier.Status == JobStatus.Queued ? await request.Durable.GetInstanceAsync(earlier.JobId, getInputsAndOutputs: true, request.Aborted) : null;
        if (earlier.Status == JobStatus.Queued && instance is null)
        {
            // The first attempt registered the job but did not get to schedule it: finish its work now (the hold and
            // the place in the queue are the ones it took).
            var input = (await prepare(earlier.JobId)) with { CreatedAt = earlier.CreatedAt };
            await HoldAsync(input, request.Aborted);
            var place = await admission.EnterAsync(earlier.JobId, request.Aborted);
            await ScheduleAsync(request.Durable, await PlacedAsync(input, place, request.Aborted), request.Aborted);
        }

        return Accepted(request, JobViews.Compose(earlier), StatusCodes.Status200OK);
    }

    /// <summary>
    /// The input as the job's place in the queue makes it: admitted, or queued. A queued job near the head (fewer jobs
    /// ahead than <c>Jobs:Admission:MaxRunning</c>) may be handed its slot before its orchestration has started, which
    /// is when the wake-up is lost, so it is told to look at its place itself should no wake-up come: after two seconds
    /// for each job ahead of it and two more, at most <c>Jobs:Admission:CheckAfter</c>. The position usually comes from the
    /// read the entry just made.
    /// </summary>
    private async Task<PipelineJobInput> PlacedAsync(PipelineJobInput input, AdmissionTicket place, CancellationToken cancellationToken)
    {
        if (place.Admitted)
        {
            return input with { Admitted = true, SlotCheckAfter = null };
        }

        var ahead = place.Ticket is { } ticket ? await admission.AheadOfAsync(ticket, cancellationToken) : 0;
        var options = admissionOptions.Value;
        TimeSpan? firstLook = ahead < options.MaxRunning ? TimeSpan.FromSeconds(Math.Min(2 * (ahead + 1), options.CheckAfter.TotalSeconds)) : null;
        return input with { Admitted = false, SlotCheckAfter = firstLook };
    }

    private static async Task ScheduleAsync(DurableTaskClient durable, PipelineJobInput input, CancellationToken cancellationToken)
    {
        try
        {
            await durable.ScheduleNewOrchestrationInstanceAsync(nameof(PipelineOrchestrator), input, new StartOrchestrationOptions(input.JobId), cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A concurrent retry may have scheduled it first: the job existing is all this call needs.
            if (await durable.GetInstanceAsync(input.JobId, cancellationToken) is null)
            {
                throw;
            }
        }
    }

    private static IResult Accepted(ApiRequest request, JobView view, int status)
    {
        request.Http.Response.Headers.Location = "/api/jobs/" + view.JobId;
        JobPolling.SetRetryAfter(request.Http, view);
        return TypedResults.Json(view, NatakJson.Options, statusCode: status);
    }

    private static string? ReadIdempotencyKey(ApiRequest request)
    {
        var key = request.Header(IdempotencyHeader);
        if (key is null)
        {
            return null;
        }

        if (key.Length is 0 or > ApiLimits.MaxIdempotencyKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            throw new ApiProblemException(ApiProblem.Validation(IdempotencyHeader,
                $"The Idempotency-Key must be 1–{ApiLimits.MaxIdempotencyKeyLength} visible ASCII characters."));
        }

        return key;
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Debug, Message = "Job {JobId} ({Kind}) scheduled for user {UserId}")]
    private static partial void LogStarted(ILogger logger, string jobId, string kind, string userId);

    private static JsonNode? Canonicalize(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Canonicalize(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Canonicalize)]),
        null => null,
        _ => node.DeepClone(),
    };
}
