using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Natak.Api.Http;
using Natak.Assets;
using Natak.Core.Ids;
using Natak.Core.Jobs;
using Natak.Orchestrations.Jobs;
using Natak.Tables.Jobs;

namespace Natak.Api.Jobs;

/// <summary>The jobs routes of api.md: one job, the caller's jobs (paged, newest first), cancel.</summary>
internal static class JobsHandlers
{
    public static async Task<IResult> GetJob(ApiRequest request)
    {
        var (record, instance) = await LoadOwnJobAsync(request);
        return JobPolling.Conditional(request.Http, await ToViewAsync(request, record, instance));
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

        var views = await Task.WhenAll(page.Items.Select(async record =>
            await ToViewAsync(request, record, await request.Durable.GetInstanceAsync(record.JobId, getInputsAndOutputs: true, request.Aborted))));
        return TypedResults.Json(new { items = views, nextCursor = page.NextCursor }, NatakJson.Options);
    }

    public static async Task<IResult> CancelJob(ApiRequest request)
    {
        var (record, instance) = await LoadOwnJobAsync(request);
        var view = await ToViewAsync(request, record, instance);
        if (view.Status.IsTerminal())
        {
            throw new ApiProblemException(ApiProblem.Conflict($"The job has already finished ({view.Status.ToWire()}); there is nothing to cancel."));
        }

        // The orchestration owns the money: it stops waiting, cancels at the provider and releases what it has not earned.
        await request.Durable.RaiseEventAsync(record.JobId, JobEvents.Cancel, "user", request.Aborted);
        JobPolling.SetRetryAfter(request.Http, view);
        return TypedResults.Json(view, NatakJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<(JobRecord Record, OrchestrationMetadata? Instance)> LoadOwnJobAsync(ApiRequest request)
    {
        var jobId = request.RouteValue("jobId");
        var record = JobIds.IsWellFormed(jobId)
            ? await request.Service<JobIndex>().GetAsync(request.Caller.Id, jobId, request.Aborted)
            : null;
        if (record is null)
        {
            // Someone else's job answers exactly like a missing one.
            throw new ApiProblemException(ApiProblem.NotFound("job"));
        }

        var instance = await request.Durable.GetInstanceAsync(jobId, getInputsAndOutputs: true, request.Aborted);
        return (record, instance);
    }

    private static async Task<JobView> ToViewAsync(ApiRequest request, JobRecord record, OrchestrationMetadata? instance)
    {
        var view = JobViews.Compose(record, instance);
        return view.Result is null ? view : view with { Result = await ResultUrls.PresignAsync(view.Result, request.Service<IAssetStore>(), request.Aborted) };
    }
}
