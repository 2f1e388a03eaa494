using Microsoft.AspNetCore.Http;
using Natak.Api.Http;
using Natak.Assets;
using Natak.Core.Ids;
using Natak.Core.Jobs;
using Natak.Orchestrations.Jobs;
using Natak.Tables.Jobs;

namespace Natak.Api.Jobs;

/// <summary>
/// The jobs routes of api.md: one job, the caller's jobs (paged, newest first), cancel, and the live progress stream.
/// Every read is of the Jobs table alone (the job's row: one point read; a page: one query); none asks the durable
/// backend.
/// </summary>
internal static class JobsHandlers
{
    /// <summary>The longest <c>Last-Event-ID</c> accepted (event ids are about 30 characters).</summary>
    private const int MaxEventIdLength = 64;

    public static async Task<IResult> GetJob(ApiRequest request)
    {
        var record = await LoadOwnJobAsync(request);
        return JobPolling.Conditional(request.Http, await ToViewAsync(request, record));
    }

    public static async Task<IResult> ListJobs(ApiRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        JobKind? kind = null;
        JobStatus? status = null;
        if (request.Query("kind") is { } kindText)
        {
            if (JobKindExtensions.TryParseWire(kindText, out var k))
            {
                kind = k;
            }
            else
            {
                errors["kind"] = ["kind must be one of: " + string.Join(", ", WireNames<JobKind>.All) + "."];
            }
        }

        if (request.Query("status") is { } statusText)
        {
            if (JobStatusExtensions.TryParseWire(statusText, out var s))
            {
                status = s;
            }
            else
            {
                errors["status"] = ["status must be one of: " + string.Join(", ", WireNames<JobStatus>.All) + "."];
            }
        }

        var limit = request.PageLimit(out var limitError);
        if (limitError is not null)
        {
            errors["limit"] = [limitError];
        }

        if (errors.Count > 0)
        {
            throw new ApiProblemException(ApiProblem.Validation(errors));
        }

        JobPage page;
        try
        {
            page = await request.Service<JobIndex>().ListAsync(request.Caller.Id, kind, status, limit, request.Query("cursor"), request.Aborted);
        }
        catch (InvalidCursorException)
        {
            throw new ApiProblemException(ApiProblem.Validation("cursor", ApiRequest.InvalidCursorMessage));
        }

        // One read of the admission queue for the whole page, and only when a job on it waits for a slot.
        var served = page.Items.Any(WaitsForSlot) ? await request.Service<JobAdmission>().ServedTicketAsync(request.Aborted) : 0;
        var views = await Task.WhenAll(page.Items.Select(record =>
            ToViewAsync(request, record, WaitsForSlot(record) ? JobAdmission.AheadOf(record.QueueTicket!.Value, served) : null)));
        return TypedResults.Json(new { items = views, nextCursor = page.NextCursor }, NatakJson.Options);
    }

    public static async Task<IResult> CancelJob(ApiRequest request)
    {
        var record = await LoadOwnJobAsync(request);
        if (record.Status.IsTerminal())
        {
            throw new ApiProblemException(ApiProblem.Conflict($"The job has already finished ({record.Status.ToWire()}); there is nothing to cancel."));
        }

        // The orchestration owns the money: it stops waiting, cancels at the provider and releases what it has not earned.
        await request.Durable.RaiseEventAsync(record.JobId, JobEvents.Cancel, "user", request.Aborted);
        var view = await ToViewAsync(request, record);
        JobPolling.SetRetryAfter(request.Http, view);
        return TypedResults.Json(view, NatakJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>
    /// <c>GET /api/jobs/{jobId}/events</c>: the job's changes as Server-Sent Events, from the first (or after
    /// <c>Last-Event-ID</c>) until the terminal one. Ownership is checked before the stream starts.
    /// </summary>
    public static async Task<IResult> StreamJobEvents(ApiRequest request)
    {
        var lastEventId = request.Header("Last-Event-ID");
        if (lastEventId is not null && (lastEventId.Length is 0 or > MaxEventIdLength || lastEventId.Any(c => c is < '!' or > '~')))
        {
            throw new ApiProblemException(ApiProblem.Validation("Last-Event-ID",
                $"Last-Event-ID must be the id of an event this stream sent (1–{MaxEventIdLength} visible ASCII characters)."));
        }

        var record = await LoadOwnJobAsync(request);
        await request.Service<JobEventStream>().WriteAsync(request.Http, request.Caller.Id, record.JobId, lastEventId);
        return Results.Empty;
    }

    private static async Task<JobRecord> LoadOwnJobAsync(ApiRequest request)
    {
        var jobId = request.RouteValue("jobId");
        var record = JobIds.IsWellFormed(jobId)
            ? await request.Service<JobIndex>().GetAsync(request.Caller.Id, jobId, request.Aborted)
            : null;

        // Someone else's job answers exactly like a missing one.
        return record ?? throw new ApiProblemException(ApiProblem.NotFound("job"));
    }

    /// <summary>The job's view; a job waiting for an admission slot also gets its place in the line (one more read).</summary>
    private static async Task<JobView> ToViewAsync(ApiRequest request, JobRecord record)
    {
        int? ahead = WaitsForSlot(record) ? await request.Service<JobAdmission>().AheadOfAsync(record.QueueTicket!.Value, request.Aborted) : null;
        return await ToViewAsync(request, record, ahead);
    }

    private static Task<JobView> ToViewAsync(ApiRequest request, JobRecord record, int? ahead) =>
        ResultUrls.PresignViewAsync(JobViews.Compose(record, ahead), request.Service<IAssetStore>(), request.Aborted);

    internal static bool WaitsForSlot(JobRecord record) => record.Status == JobStatus.Queued && record.QueueTicket is not null;
}
