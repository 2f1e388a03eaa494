using System.Net;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Natak.Core.Jobs;
using Natak.EndToEnd.Tests.Infrastructure;
using Natak.Tables.Jobs;

namespace Natak.EndToEnd.Tests.Platform;

[Collection(DevHostCollection.Name)]
public sealed class JobsApiTests(DevHostFixture fixture)
{
    [Fact]
    public async Task A_users_own_job_is_returned_with_its_kind_and_status()
    {
        var owner = Users.New("owner");
        var jobId = await SeededJobs.StartWaitingJobAsync(fixture.Host, owner, JobKind.Image, DateTimeOffset.UtcNow);
        using var api = fixture.Api(owner);

        var response = await api.GetAsync("/api/jobs/" + jobId);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var job = await ApiClient.ReadObjectAsync(response);
        Assert.Equal(jobId, (string?)job["jobId"]);
        Assert.Equal("image", (string?)job["kind"]);
        Assert.Contains((string?)job["status"], new[] { "queued", "running" });
        Assert.Equal(0, (long)job["credits"]!["charged"]!);
        Assert.True(job.ContainsKey("result") && job["result"] is null, "an unfinished job shows \"result\": null, as api.md does");
        Assert.True(job.ContainsKey("error") && job["error"] is null, "a job without an error shows \"error\": null");
    }

    [Fact]
    public async Task Another_users_job_answers_404_exactly_like_a_missing_one()
    {
        var jobId = await SeededJobs.StartWaitingJobAsync(fixture.Host, Users.New("owner"), JobKind.Video, DateTimeOffset.UtcNow);
        using var stranger = fixture.Api(Users.New("stranger"));

        var theirs = await stranger.GetAsync("/api/jobs/" + jobId);
        var missing = await stranger.GetAsync("/api/jobs/vid_01JD3ZZZZZZZZZZZZZZZZZZZZZ");
        var cancelTheirs = await stranger.Http.PostAsync($"/api/jobs/{jobId}/cancel", null);

        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, cancelTheirs.StatusCode);
        var a = await ApiClient.ReadObjectAsync(theirs);
        var b = await ApiClient.ReadObjectAsync(missing);
        Assert.Equal((string?)a["code"], (string?)b["code"]);
        Assert.Equal((string?)a["detail"], (string?)b["detail"]);
    }

    [Theory]
    [InlineData("not-a-job-id")]
    [InlineData("img_%27%20or%201%20eq%201")]
    [InlineData("img_0000000000000000000000000I")]
    public async Task A_malformed_job_id_is_a_404_problem_never_a_500(string jobId)
    {
        using var api = fixture.Api(Users.New());
        var response = await api.GetAsync("/api/jobs/" + jobId);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", (string?)(await ApiClient.ReadObjectAsync(response))["code"]);
    }

    [Fact]
    public async Task Listing_is_newest_first_paged_with_a_cursor_and_filtered_by_kind()
    {
        var user = Users.New("lister");
        var start = DateTimeOffset.UtcNow.AddMinutes(-10);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await SeededJobs.StartWaitingJobAsync(fixture.Host, user, i % 2 == 0 ? JobKind.Image : JobKind.Video, start.AddSeconds(i)));
        }

        await SeededJobs.StartWaitingJobAsync(fixture.Host, Users.New("other"), JobKind.Image, start);
        using var api = fixture.Api(user);

        var first = await ApiClient.ReadObjectAsync(await api.GetAsync("/api/jobs?limit=2"));
        var cursor = (string)first["nextCursor"]!;
        var second = await ApiClient.ReadObjectAsync(await api.GetAsync("/api/jobs?limit=2&cursor=" + Uri.EscapeDataString(cursor)));
        var third = await ApiClient.ReadObjectAsync(await api.GetAsync("/api/jobs?limit=2&cursor=" + Uri.EscapeDataString((string)second["nextCursor"]!)));
        var images = await ApiClient.ReadObjectAsync(await api.GetAsync("/api/jobs?kind=image"));

        var paged = new[] { first, second, third }.SelectMany(p => p["items"]!.AsArray()).Select(j => (string)j!["jobId"]!).ToList();
        Assert.Equal(Enumerable.Reverse(ids).ToList(), paged);
        Assert.Null(third["nextCursor"]);
        Assert.Equal([ids[4], ids[2], ids[0]], images["items"]!.AsArray().Select(j => (string)j!["jobId"]!).ToList());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1000", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("kind=audio", "kind")]
    [InlineData("status=done", "status")]
    [InlineData("cursor=bm90LWEtY3Vyc29y", "cursor")]
    public async Task Bad_listing_parameters_are_400s_naming_the_field_and_the_allowed_values(string query, string field)
    {
        using var api = fixture.Api(Users.New());
        var response = await api.GetAsync("/api/jobs?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await ApiClient.ReadObjectAsync(response);
        Assert.Equal("validation_failed", (string?)body["code"]);
        var message = (string)body["errors"]![field]![0]!;
        Assert.False(string.IsNullOrWhiteSpace(message));
    }

    [Fact]
    public async Task Cancelling_a_finished_job_is_a_409_conflict()
    {
        var user = Users.New();
        var jobId = await SeededJobs.StartWaitingJobAsync(fixture.Host, user, JobKind.Image, DateTimeOffset.UtcNow);
        // What the orchestration writes to the job's row when it ends cancelled.
        var index = fixture.Host.Services.GetRequiredService<JobIndex>();
        var record = (await index.GetAsync(user, jobId))!;
        await index.ApplyAsync(user, jobId, record.CreatedAt, new JobChange { At = DateTimeOffset.UtcNow, Status = JobStatus.Cancelled, Error = new JobError("cancelled", "The job was cancelled.") });
        using var api = fixture.Api(user);

        var job = await ApiClient.ReadObjectAsync(await api.GetAsync("/api/jobs/" + jobId));
        var cancel = await api.Http.PostAsync($"/api/jobs/{jobId}/cancel", null);

        Assert.Equal("cancelled", (string?)job["status"]);
        Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
        Assert.Equal("conflict", (string?)(await ApiClient.ReadObjectAsync(cancel))["code"]);
    }

    [Fact]
    public async Task Cancelling_a_running_job_is_accepted_and_delivers_the_cancel_event()
    {
        var user = Users.New();
        var jobId = await SeededJobs.StartWaitingJobAsync(fixture.Host, user, JobKind.Image, DateTimeOffset.UtcNow);
        using var api = fixture.Api(user);

        var first = await api.Http.PostAsync($"/api/jobs/{jobId}/cancel", null);
        var again = await api.Http.PostAsync($"/api/jobs/{jobId}/cancel", null);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(jobId, (string?)(await ApiClient.ReadObjectAsync(first))["jobId"]);
        var instance = await fixture.Host.DurableClient.GetInstanceAsync(jobId);
        Assert.NotEqual(OrchestrationRuntimeStatus.Failed, instance!.RuntimeStatus);
    }
}
