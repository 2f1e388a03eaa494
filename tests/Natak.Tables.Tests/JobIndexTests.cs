using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Natak.Core.Jobs;
using Natak.Tables.Jobs;
using Natak.Testing;

namespace Natak.Tables.Tests;

/// <summary>The Jobs table as the jobs' read model: what a job's changes leave in its row, what a read costs, its history.</summary>
public sealed class JobIndexTests
{
    private static readonly DateTimeOffset Created = new(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_jobs_changes_are_what_a_read_and_a_listing_return()
    {
        var (index, _) = await NewIndexAsync();
        var job = await CreateAsync(index, "user-1", outputs: 2, steps: 2);

        await index.ApplyAsync("user-1", job.JobId, Created, new JobChange { At = Created.AddSeconds(1), Status = JobStatus.Running, Credits = new JobCredits(2, 0, 0) });
        await index.ApplyAsync("user-1", job.JobId, Created, new JobChange { At = Created.AddSeconds(2), Steps = [Step("generate-1", JobStepState.Running, "Generating image 1 of 2", 2)] });
        await index.ApplyAsync("user-1", job.JobId, Created, new JobChange
        {
            At = Created.AddSeconds(3),
            Steps = [Step("generate-1", JobStepState.Done, "Image 1 of 2 is ready", 3)],
            Output = new JobOutputItem(0, """{"assetKey":"users/user-1/jobs/x/1.png"}"""),
        });

        var read = await index.GetAsync("user-1", job.JobId);
        Assert.NotNull(read);
        Assert.Equal(JobStatus.Running, read.Status);
        Assert.Equal(new JobCredits(2, 0, 0), read.Credits);
        Assert.Equal(2, read.TotalSteps);
        Assert.Equal(2, read.OutputCount);
        var step = Assert.Single(read.Steps);
        Assert.Equal((JobStepState.Done, "Image 1 of 2 is ready"), (step.State, step.Label));
        Assert.Equal("""{"assetKey":"users/user-1/jobs/x/1.png"}""", Assert.Single(read.Outputs).Value);
        Assert.Equal(Created.AddSeconds(3), read.UpdatedAt);

        var listed = Assert.Single((await index.ListAsync("user-1", null, null, 20, null)).Items);
        Assert.Equal(read, listed, RecordComparer.Instance);
    }

    [Fact]
    public async Task Changes_of_parallel_outputs_written_at_once_all_stay()
    {
        var (index, _) = await NewIndexAsync();
        var job = await CreateAsync(index, "user-2", outputs: 8, steps: 8);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => index.ApplyAsync("user-2", job.JobId, Created, new JobChange
        {
            At = Created.AddSeconds(1),
            Steps = [Step($"generate-{i + 1}", JobStepState.Done, $"Image {i + 1} of 8 is ready", 1)],
            Output = new JobOutputItem(i, $$"""{"assetKey":"k{{i}}"}"""),
        })).ToList());

        var read = (await index.GetAsync("user-2", job.JobId))!;
        Assert.Equal(8, read.Steps.Count(s => s.State == JobStepState.Done));
        Assert.Equal(Enumerable.Range(0, 8), read.Outputs.Keys);
    }

    [Fact]
    public async Task The_history_gives_the_job_after_each_change_in_order_and_resumes_after_an_event()
    {
        var (index, _) = await NewIndexAsync();
        var job = await CreateAsync(index, "user-3", outputs: 1, steps: 1);
        await index.ApplyAsync("user-3", job.JobId, Created, new JobChange { At = Created.AddSeconds(1), Status = JobStatus.Running });
        await index.ApplyAsync("user-3", job.JobId, Created, new JobChange { At = Created.AddSeconds(2), Steps = [Step("generate", JobStepState.Running, "Generating the image", 2)] });
        await index.ApplyAsync("user-3", job.JobId, Created, new JobChange
        {
            At = Created.AddSeconds(3),
            Status = JobStatus.Succeeded,
            Credits = new JobCredits(1, 1, 0),
            ResultJson = """{"images":[]}""",
        });

        var history = await index.ReadHistoryAsync("user-3", job.JobId);
        Assert.Equal([JobStatus.Queued, JobStatus.Running, JobStatus.Running, JobStatus.Succeeded], history.Select(h => h.Job.Status));
        Assert.Equal(history.Select(h => h.EventId).Order(StringComparer.Ordinal), history.Select(h => h.EventId));
        Assert.Equal("""{"images":[]}""", history[^1].Job.ResultJson);
        Assert.Equal(await index.GetAsync("user-3", job.JobId), history[^1].Job, RecordComparer.Instance);

        var resumed = await index.ReadHistoryAsync("user-3", job.JobId, history[1].EventId);
        Assert.Equal(history.Skip(2).Select(h => h.EventId), resumed.Select(h => h.EventId));
        Assert.Equal(JobStatus.Succeeded, resumed[^1].Job.Status);
    }

    [Fact]
    public async Task A_read_is_one_request_a_page_of_twenty_one_query_and_a_change_one_request()
    {
        var (index, counter) = await NewIndexAsync();
        var jobs = new List<JobRecord>();
        for (var i = 0; i < 25; i++)
        {
            jobs.Add(await CreateAsync(index, "user-4", outputs: 1, steps: 1, createdAt: Created.AddMinutes(i)));
        }

        counter.Reset();
        await index.GetAsync("user-4", jobs[3].JobId);
        Assert.Equal(1, counter.Count);

        counter.Reset();
        var page = await index.ListAsync("user-4", null, null, 20, null);
        Assert.Equal(20, page.Items.Count);
        Assert.Equal(1, counter.Count);

        counter.Reset();
        await index.ApplyAsync("user-4", jobs[3].JobId, jobs[3].CreatedAt, new JobChange { At = Created.AddHours(1), Status = JobStatus.Running });
        Assert.Equal(1, counter.Count);
    }

    private static JobStepState Step(string key, string state, string label, int second) =>
        new() { Key = key, State = state, Label = label, At = Created.AddSeconds(second) };

    private static async Task<JobRecord> CreateAsync(JobIndex index, string user, int outputs, int steps, DateTimeOffset? createdAt = null)
    {
        var at = createdAt ?? Created;
        var job = new JobRecord(user, Natak.Core.Ids.JobIds.New(JobKind.Image, at), JobKind.Image, JobStatus.Queued, "hash", at, at)
        {
            TotalSteps = steps,
            OutputCount = outputs,
        };
        Assert.True((await index.CreateAsync(job, null)).Created);
        return job;
    }

    private static async Task<(JobIndex Index, RequestCounter Counter)> NewIndexAsync()
    {
        var counter = new RequestCounter();
        var options = new TableClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerRetry);
        var tables = new TableServiceClient(await LocalServices.StorageConnectionStringAsync(), options);
        var index = new JobIndex(tables, Options.Create(new JobIndexOptions { TableName = Unique.Name("jobs") }));
        await index.GetAsync("warm-up", Natak.Core.Ids.JobIds.New(JobKind.Image, Created)); // creates the table
        return (index, counter);
    }

    /// <summary>Counts every request the table client sends (retries included).</summary>
    private sealed class RequestCounter : HttpPipelineSynchronousPolicy
    {
        private int _count;

        public int Count => _count;

        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
    }

    /// <summary>Records compared member by member, the step list and outputs by content.</summary>
    private sealed class RecordComparer : IEqualityComparer<JobRecord?>
    {
        public static readonly RecordComparer Instance = new();

        private static readonly JobStepState[] NoSteps = [];
        private static readonly Dictionary<int, string> NoOutputs = [];

        public bool Equals(JobRecord? x, JobRecord? y) =>
            x is not null && y is not null
            && x with { Steps = NoSteps, Outputs = NoOutputs } == y with { Steps = NoSteps, Outputs = NoOutputs }
            && x.Steps.SequenceEqual(y.Steps)
            && x.Outputs.SequenceEqual(y.Outputs);

        public int GetHashCode(JobRecord? obj) => obj?.JobId.GetHashCode(StringComparison.Ordinal) ?? 0;
    }
}
