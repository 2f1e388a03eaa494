using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Natak.Core.Ids;
using Natak.Core.Jobs;
using Natak.EndToEnd.Tests.Infrastructure;
using Natak.Tables.Jobs;

namespace Natak.EndToEnd.Tests.JobReads;

/// <summary><c>GET /api/jobs/{jobId}/events</c>: every change as a Server-Sent Event, resumable, with heartbeats, ending after the terminal change.</summary>
[Collection(JobsReadCollection.Name)]
public sealed class JobEventStreamTests(JobsReadFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private JobIndex Index => fixture.Host.Services.GetRequiredService<JobIndex>();

    [Fact]
    public async Task A_client_sees_every_change_of_a_real_image_job_from_queued_to_succeeded_and_the_stream_ends()
    {
        var user = Users.New("watcher");
        await fixture.GrantAsync(user, 10);
        using var api = fixture.Api(user);
        var jobId = await Jobs.StartAsync(api, "/api/images", new { prompt = "a lighthouse at dusk" });

        await using var stream = await SseReader.OpenAsync(api.Http, $"/api/jobs/{jobId}/events");
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);
        var events = await stream.ReadToEndAsync(Patience);

        var statuses = events.Select(e => (string)e.Data!["status"]!).ToList();
        Assert.Equal(["queued", "running", "succeeded"], statuses.Where((s, i) => i == 0 || s != statuses[i - 1]));
        var history = await Index.ReadHistoryAsync(user, jobId);
        Assert.Equal(history.Select(h => h.EventId), events.Select(e => e.Id));
        var last = events[^1].Data!;
        Assert.StartsWith("http", (string)last["result"]!["images"]![0]!["url"]!, StringComparison.Ordinal);
        var read = await ApiClient.ReadObjectAsync(await api.GetAsync("/api/jobs/" + jobId));
        Assert.True(JsonNode.DeepEquals(read, last), $"the last event is the job as GET shows it:\n{last}\n{read}");
    }

    [Fact]
    public async Task A_client_that_drops_and_resumes_with_Last_Event_ID_misses_no_event()
    {
        var user = Users.New("resumer");
        var job = await CreateAsync(user);
        await ChangeAsync(user, job, new JobChange { At = DateTimeOffset.UtcNow, Status = JobStatus.Running });
        using var api = fixture.Api(user);

        var seen = new List<SseEvent>();
        await using (var first = await SseReader.OpenAsync(api.Http, $"/api/jobs/{job.JobId}/events"))
        {
            seen.Add((await first.NextAsync(Patience))!);
            seen.Add((await first.NextAsync(Patience))!);
        }

        // Changes while the client is away, then one after it came back (the in-process wake-up).
        await ChangeAsync(user, job, StepChange("generate-1", JobStepState.Running, "Generating image 1 of 2"));
        await ChangeAsync(user, job, StepChange("generate-1", JobStepState.Done, "Image 1 of 2: step done"));
        await using var second = await SseReader.OpenAsync(api.Http, $"/api/jobs/{job.JobId}/events", seen[^1].Id);
        seen.Add((await second.NextAsync(Patience))!);
        await ChangeAsync(user, job, new JobChange { At = DateTimeOffset.UtcNow, Status = JobStatus.Cancelled, Error = new JobError("cancelled", "The job was cancelled.") });
        seen.AddRange(await second.ReadToEndAsync(Patience));

        var history = await Index.ReadHistoryAsync(user, job.JobId);
        Assert.Equal(5, history.Count);
        Assert.Equal(history.Select(h => h.EventId), seen.Select(e => e.Id));
        Assert.Equal(["queued", "running", "running", "running", "cancelled"], seen.Select(e => (string)e.Data!["status"]!));
        Assert.Equal("Image 1 of 2: step done", (string?)seen[3].Data!["progress"]!["label"]);
        Assert.Equal("Cancelled", (string?)seen[4].Data!["progress"]!["label"]);
    }

    [Fact]
    public async Task A_quiet_stream_sends_heartbeats_and_stays_open()
    {
        var user = Users.New("quiet");
        var job = await CreateAsync(user);
        using var api = fixture.Api(user);

        await using var stream = await SseReader.OpenAsync(api.Http, $"/api/jobs/{job.JobId}/events");
        var created = await stream.NextAsync(Patience);
        var heartbeat = await stream.NextAsync(TimeSpan.FromSeconds(20));
        var another = await stream.NextAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("queued", (string?)created!.Data!["status"]);
        Assert.Equal(("keep-alive", null), (heartbeat!.Comment, heartbeat.Data));
        Assert.Equal("keep-alive", another!.Comment);
    }

    [Fact]
    public async Task Another_users_job_is_a_404_problem_before_any_stream_starts()
    {
        var job = await CreateAsync(Users.New("owner"));
        using var stranger = fixture.Api(Users.New("stranger"));

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/jobs/{job.JobId}/events");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await stranger.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("not_found", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["code"]);
    }

    private async Task<JobRecord> CreateAsync(string user)
    {
        var now = DateTimeOffset.UtcNow;
        var record = new JobRecord(user, JobIds.New(JobKind.Image, now), JobKind.Image, JobStatus.Queued, "test", now, now) { TotalSteps = 2, OutputCount = 2 };
        Assert.True((await Index.CreateAsync(record, null)).Created);
        return record;
    }

    private Task ChangeAsync(string user, JobRecord job, JobChange change) => Index.ApplyAsync(user, job.JobId, job.CreatedAt, change);

    private static JobChange StepChange(string key, string state, string label)
    {
        var now = DateTimeOffset.UtcNow;
        return new JobChange { At = now, Steps = [new JobStepState { Key = key, State = state, Label = label, At = now }] };
    }
}
