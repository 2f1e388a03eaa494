using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Natak.Simulator;

/// <summary>fal's queue API: submit, status, result, cancel (provider-apis.md §1).</summary>
internal sealed class FalQueueApi(SimulatorControl control, ProviderGate gate, SubmitFlow submissions, JobQueue queue)
{
    public async Task SubmitAsync(HttpContext http, string modelId)
    {
        var call = new ProviderCall(http, SimulatorProvider.Fal, SimulatorOperation.Submit, control.Log);
        if (await submissions.AcceptAsync(call, FalDialect.Instance, modelId) is not { } job)
        {
            return;
        }

        var response = Urls(job, "IN_QUEUE");
        response["queue_position"] = queue.Snapshot(job).QueuePosition;
        await call.RespondAsync(200, response, RequestIdHeader(job));
    }

    public Task StatusAsync(HttpContext http, string owner, string app, string requestId) =>
        WithJobAsync(http, SimulatorOperation.Status, owner, app, requestId, async (call, job) =>
        {
            var snapshot = queue.Snapshot(job);
            var withLogs = http.Request.Query["logs"].ToString() is "1" or "true";
            switch (snapshot.State)
            {
                case JobState.Queued:
                    var queued = Urls(job, "IN_QUEUE");
                    queued["queue_position"] = snapshot.QueuePosition;
                    await call.RespondAsync(202, queued);
                    return;

                case JobState.InProgress:
                    var running = Urls(job, "IN_PROGRESS");
                    running["logs"] = withLogs ? Logs(snapshot) : null;
                    await call.RespondAsync(202, running);
                    return;

                default:
                    var outcome = snapshot.Outcome!;
                    var completed = Urls(job, "COMPLETED");
                    completed["logs"] = withLogs ? Logs(snapshot) : null;
                    completed["metrics"] = new JsonObject { ["inference_time"] = outcome.Succeeded ? Math.Round(outcome.Inference.TotalSeconds, 3) : null };
                    if (!outcome.Succeeded)
                    {
                        completed["error"] = outcome.Message;
                        completed["error_type"] = outcome.ErrorType;
                    }

                    await call.RespondAsync(200, completed);
                    return;
            }
        });

    public Task ResultAsync(HttpContext http, string owner, string app, string requestId) =>
        WithJobAsync(http, SimulatorOperation.Result, owner, app, requestId, async (call, job) =>
        {
            if (queue.Snapshot(job).Outcome is not { } outcome)
            {
                await call.RespondAsync(400, new JsonObject { ["detail"] = "Request is still in progress" });
                return;
            }

            var result = FalBodies.Result(outcome);
            var headers = new Dictionary<string, string>(result.Headers ?? new Dictionary<string, string>(), StringComparer.Ordinal);
            foreach (var (name, value) in RequestIdHeader(job))
            {
                headers[name] = value;
            }

            await call.RespondAsync(result.Status, result.Body, headers);
        });

    public Task CancelAsync(HttpContext http, string owner, string app, string requestId) =>
        WithJobAsync(http, SimulatorOperation.Cancel, owner, app, requestId, async (call, job) =>
        {
            var (status, value) = queue.Cancel(job) == CancelResult.AlreadyCompleted ? (400, "ALREADY_COMPLETED") : (202, "CANCELLATION_REQUESTED");
            await call.RespondAsync(status, new JsonObject { ["status"] = value });
        });

    /// <summary>Finds the job (only under its own owner/app), admits the call, answers 404 in the operation's shape, or runs <paramref name="handle"/>.</summary>
    private async Task WithJobAsync(HttpContext http, SimulatorOperation operation, string owner, string app, string requestId, Func<ProviderCall, SimJob, Task> handle)
    {
        var job = queue.Find(SimulatorProvider.Fal, requestId);
        if (job is not null && FalIds.OwnerApp(job.Model.Id) != $"{owner}/{app}")
        {
            job = null;
        }

        var call = new ProviderCall(http, SimulatorProvider.Fal, operation, control.Log) { RequestId = requestId, Model = job?.Model.Id };
        if (await gate.AdmitAsync(call, FalDialect.Instance) is null)
        {
            return;
        }

        if (job is null)
        {
            // UNCONFIRMED: fal's body for an unknown request id on status/result
            JsonNode body = operation == SimulatorOperation.Cancel ? new JsonObject { ["status"] = "NOT_FOUND" } : new JsonObject { ["detail"] = "Request not found." };
            await call.RespondAsync(404, body);
            return;
        }

        await handle(call, job);
    }

    private static Dictionary<string, string> RequestIdHeader(SimJob job) => new(StringComparer.Ordinal) { ["x-fal-request-id"] = job.Id };

    private static JsonObject Urls(SimJob job, string status)
    {
        var requestBase = FalIds.RequestBase(job.BaseUrl, job.Model.Id, job.Id);
        return new JsonObject
        {
            ["status"] = status,
            ["request_id"] = job.Id,
            ["response_url"] = requestBase,
            ["status_url"] = requestBase + "/status",
            ["cancel_url"] = requestBase + "/cancel",
        };
    }

    private static JsonArray Logs(JobSnapshot snapshot) => new([.. snapshot.Logs.Select(l => (JsonNode?)new JsonObject
    {
        ["message"] = l.Message,
        ["level"] = l.Level,
        ["source"] = "user",
        ["timestamp"] = l.Timestamp.ToString("O", CultureInfo.InvariantCulture),
    })]);
}
