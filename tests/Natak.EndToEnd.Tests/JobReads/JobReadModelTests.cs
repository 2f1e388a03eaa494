using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Natak.Core.Ids;
using Natak.Core.Jobs;
using Natak.EndToEnd.Tests.Infrastructure;
using Natak.Tables.Jobs;

namespace Natak.EndToEnd.Tests.JobReads;

/// <summary>
/// Job reads come from the Jobs table alone: a job is one point read, a page one query, and the durable backend is
/// never asked. The view is composed from the row the way the orchestration writes it.
/// </summary>
[Collection(JobsReadCollection.Name)]
public sealed class JobReadModelTests(JobsReadFixture fixture)
{
    private JobIndex Index => fixture.Host.Services.GetRequiredService<JobIndex>();

    [Fact]
    public async Task A_read_is_one_table_request_a_page_of_twenty_one_query_and_neither_reads_the_durable_backend()
    {
        var user = Users.New("reader");
        var start = DateTimeOffset.UtcNow.AddMinutes(-30);
        var jobs = new List<JobRecord>();
        for (var i = 0; i < 25; i++)
        {
            jobs.Add(await CreateAsync(user, start.AddSeconds(i)));
        }

        var job = jobs[^1];
        var key = $"users/{user}/jobs/{job.JobId}/0.png";
        await Index.ApplyAsync(user, job.JobId, job.CreatedAt, new JobChange { At = start.AddMinutes(1), Status = JobStatus.Running, Credits = new JobCredits(2, 0, 0) });
        await Index.ApplyAsync(user, job.JobId, job.CreatedAt, new JobChange
        {
            At = start.AddMinutes(2),
            Steps = [Step("generate-1", JobStepState.Done, "Image 1 of 2: step done", start.AddMinutes(2))],
            Output = new JobOutputItem(0, $$"""{"assetKey":"{{key}}","width":1024,"height":768,"seed":7}"""),
        });
        await Index.ApplyAsync(user, job.JobId, job.CreatedAt, new JobChange
        {
            At = start.AddMinutes(3),
            Steps = [Step("generate-2", JobStepState.Running, "Generating image 2 of 2", start.AddMinutes(3)) with { Provider = "fal", QueuePosition = 3 }],
        });
        using var api = fixture.Api(user);

        fixture.TableRequests.Reset();
        fixture.Durable.Reset();
        var response = await api.GetAsync("/api/jobs/" + job.JobId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(fixture.TableRequests.For(user));
        Assert.Equal(0, fixture.Durable.Reads);
        var view = await ApiClient.ReadObjectAsync(response);
        Assert.Equal("running", (string?)view["status"]);
        var progress = view["progress"]!;
        Assert.Equal(("generate-2", 1, 4), ((string?)progress["step"], (int)progress["completedSteps"]!, (int)progress["totalSteps"]!));
        Assert.Equal(("Generating image 2 of 2", 25, 3), ((string?)progress["label"], (int)progress["percent"]!, (int)progress["queuePosition"]!));
        var result = view["result"]!.AsObject();
        Assert.True(result.ContainsKey("prompt") && result["prompt"] is null, "a batch's result so far has \"prompt\": null");
        var image = Assert.Single(result["images"]!.AsArray())!;
        Assert.StartsWith("http", (string)image["url"]!, StringComparison.Ordinal);
        Assert.Contains(job.JobId, (string)image["url"]!, StringComparison.Ordinal);
        Assert.Null(image["assetKey"]);
        Assert.Equal((1024, 768), ((int)image["width"]!, (int)image["height"]!));
        Assert.Equal("2", response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/api/jobs/" + job.JobId);
        conditional.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await api.Http.SendAsync(conditional)).StatusCode);

        fixture.TableRequests.Reset();
        fixture.Durable.Reset();
        var page = await ApiClient.ReadObjectAsync(await api.GetAsync("/api/jobs?limit=20"));

        Assert.Single(fixture.TableRequests.For(user));
        Assert.Equal(0, fixture.Durable.Reads);
        var items = page["items"]!.AsArray();
        Assert.Equal(20, items.Count);
        Assert.NotNull(page["nextCursor"]);
        Assert.Equal(job.JobId, (string?)items[0]!["jobId"]);
        Assert.True(JsonNode.DeepEquals(view["progress"], items[0]!["progress"]), "the listing shows a job as its read does");
        var queued = items[1]!["progress"]!;
        Assert.Equal(("Waiting to start", 0), ((string?)queued["label"], (int)queued["percent"]!));

        await Index.ApplyAsync(user, job.JobId, job.CreatedAt, new JobChange
        {
            At = start.AddMinutes(4),
            Status = JobStatus.Succeeded,
            Credits = new JobCredits(2, 1, 1),
            Steps = [Step("generate-2", JobStepState.Failed, "Image 2 of 2 failed", start.AddMinutes(4))],
            ResultJson = $$"""{"prompt":"a tram","images":[{"assetKey":"{{key}}","width":1024,"height":768,"seed":7}],"failures":[{"index":1,"code":"provider_failed","message":"no"}]}""",
        });
        var done = await ApiClient.ReadObjectAsync(await api.GetAsync("/api/jobs/" + job.JobId));
        Assert.Equal(("succeeded", "Done", 100), ((string?)done["status"], (string?)done["progress"]!["label"], (int)done["progress"]!["percent"]!));
        Assert.Null(done["progress"]!["queuePosition"]);
        Assert.Equal("a tram", (string?)done["result"]!["prompt"]);
        Assert.Equal(1, (int)done["result"]!["failures"]![0]!["index"]!);
        Assert.Equal((1L, 1L), ((long)done["credits"]!["charged"]!, (long)done["credits"]!["refunded"]!));
    }

    [Fact]
    public async Task Cancel_decides_from_the_row_an_ended_job_is_a_409_and_a_running_one_is_accepted_without_reading_the_durable_backend()
    {
        var user = Users.New("canceller");
        var ended = await CreateAsync(user, DateTimeOffset.UtcNow);
        await Index.ApplyAsync(user, ended.JobId, ended.CreatedAt, new JobChange { At = DateTimeOffset.UtcNow, Status = JobStatus.Failed, Error = new JobError("provider_failed", "no") });
        var running = await SeededJobs.StartWaitingJobAsync(fixture.Host, user, JobKind.Image, DateTimeOffset.UtcNow);
        using var api = fixture.Api(user);

        var conflict = await api.Http.PostAsync($"/api/jobs/{ended.JobId}/cancel", null);
        fixture.Durable.Reset();
        var accepted = await api.Http.PostAsync($"/api/jobs/{running}/cancel", null);

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Contains("failed", (string?)(await ApiClient.ReadObjectAsync(conflict))["detail"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(0, fixture.Durable.Reads);
        Assert.Equal("queued", (string?)(await ApiClient.ReadObjectAsync(accepted))["status"]);
    }

    private async Task<JobRecord> CreateAsync(string user, DateTimeOffset at)
    {
        var record = new JobRecord(user, JobIds.New(JobKind.Image, at), JobKind.Image, JobStatus.Queued, "test", at, at)
        {
            TotalSteps = 4,
            OutputCount = 2,
            CreditsPerOutput = 1,
        };
        Assert.True((await Index.CreateAsync(record, null)).Created);
        return record;
    }

    private static JobStepState Step(string key, string state, string label, DateTimeOffset at) =>
        new() { Key = key, State = state, Label = label, At = at };
}
