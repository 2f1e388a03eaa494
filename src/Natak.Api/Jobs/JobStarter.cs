using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Natak.Api.Http;
using Natak.Api.Telemetry;
using Natak.Core.Ids;
using Natak.Core.Jobs;
using Natak.Core.Problems;
using Natak.Tables.Jobs;

namespace Natak.Api.Jobs;

/// <summary>
/// Starts a job for a start route: the Idempotency-Key contract of api.md (same key + same body → the same job,
/// 200; same key + different body → 422), the job index row, and the orchestration whose instance id is the
/// job id. The <c>prepare</c> callback validates, quotes and checks credits; it runs only when a new job is
/// about to be created, so a retry of a started job is never refused for credits it already holds.
/// </summary>
public sealed partial class JobStarter(JobIndex index, TimeProvider time, ILogger<JobStarter> logger)
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public async Task<IResult> StartAsync(ApiRequest request, JobKind kind, string orchestratorName, JsonObject body, Func<string, Task<object>> prepare)
    {
        var user = request.Caller;
        var key = ReadIdempotencyKey(request);
        var requestHash = RequestHash(kind, body);
        var keyHash = key is null ? null : JobIds.IdempotencyHash(user.Id, key);

        if (keyHash is not null && await index.FindByIdempotencyKeyAsync(user.Id, keyHash, request.Aborted) is { } earlier)
        {
            return await ReplayAsync(request, earlier, requestHash, orchestratorName, prepare);
        }

        var now = time.GetUtcNow();
        var jobId = key is null ? JobIds.New(kind, now) : JobIds.FromIdempotencyKey(kind, user.Id, key);
        ApiTelemetry.Starting(kind, jobId, user.Id);
        var input = await prepare(jobId);
        var created = await index.CreateAsync(new JobRecord(user.Id, jobId, kind, JobStatus.Queued, requestHash, now, now), keyHash, request.Aborted);
        if (!created.Created)
        {
            return await ReplayAsync(request, created.Job, requestHash, orchestratorName, prepare);
        }

        await ScheduleAsync(request.Durable, orchestratorName, jobId, input, request.Aborted);
        ApiTelemetry.Scheduled(kind);
        LogStarted(logger, jobId, kind.ToWire(), user.Id);
        return Accepted(request, JobViews.Compose(created.Job), StatusCodes.Status202Accepted);
    }

    /// <summary>The canonical hash of a start request: kind + the body with object keys sorted, so formatting and key order do not matter.</summary>
    public static string RequestHash(JobKind kind, JsonObject body)
    {
        var canonical = Canonicalize(body)!.ToJsonString();
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(kind.ToWire() + "\n" + canonical)));
    }

    private async Task<IResult> ReplayAsync(ApiRequest request, JobRecord earlier, string requestHash, string orchestratorName, Func<string, Task<object>> prepare)
    {
        if (!string.Equals(earlier.RequestHash, requestHash, StringComparison.Ordinal))
        {
            throw new ApiProblemException(ApiProblem.Create(422, ProblemCodes.IdempotencyKeyReused, "Idempotency key reused.",
                $"This Idempotency-Key was already used for job {earlier.JobId} with a different request body."));
        }

        var instance = await request.Durable.GetInstanceAsync(earlier.JobId, getInputsAndOutputs: true, request.Aborted);
        if (instance is null)
        {
            // The first attempt registered the job but did not get to schedule it: finish its work now.
            await ScheduleAsync(request.Durable, orchestratorName, earlier.JobId, await prepare(earlier.JobId), request.Aborted);
        }

        return Accepted(request, JobViews.Compose(earlier), StatusCodes.Status200OK);
    }

    private static async Task ScheduleAsync(DurableTaskClient durable, string orchestratorName, string jobId, object input, CancellationToken cancellationToken)
    {
        try
        {
            await durable.ScheduleNewOrchestrationInstanceAsync(orchestratorName, input, new StartOrchestrationOptions(jobId), cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A concurrent retry may have scheduled it first: the job existing is all this call needs.
            if (await durable.GetInstanceAsync(jobId, cancellationToken) is null)
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
