using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Natak.Api.Health;
using Natak.Core.Ids;
using Natak.Core.Jobs;
using Natak.DevHost;
using Natak.Orchestrations.Canary;
using Natak.Tables.Jobs;

namespace Natak.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Registers a job for a user the way the start routes do (index row + orchestration under the job id), using
/// the canary — waiting for its event — as a stand-in pipeline, so the jobs API can be tested on its own.
/// </summary>
public static class SeededJobs
{
    public static async Task<string> StartWaitingJobAsync(DevHostApp host, string userId, JobKind kind, DateTimeOffset createdAt)
    {
        var jobId = JobIds.New(kind, createdAt);
        await host.Services.GetRequiredService<JobIndex>().CreateAsync(
            new JobRecord(userId, jobId, kind, JobStatus.Queued, "seeded", createdAt, createdAt), idempotencyKeyHash: null);
        await host.DurableClient.ScheduleNewOrchestrationInstanceAsync(nameof(CanaryOrchestrator),
            new CanaryInput(TimeSpan.Zero, TimeSpan.FromMinutes(10), 1), new StartOrchestrationOptions(jobId));
        return jobId;
    }
}
