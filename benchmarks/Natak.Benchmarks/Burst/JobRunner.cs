using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Natak.Benchmarks.Burst;

/// <summary>A client ordering one job and reading it every <paramref name="poll"/> until it ends.</summary>
internal sealed class JobRunner(BurstApi api, string user, JsonObject request, TimeSpan poll, Action? answered = null, Action? finished = null)
{
    public async Task<JobRun> RunAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var jobId = await api.StartImageAsync(user, request, cancellationToken);
        var accepted = started.Elapsed;
        answered?.Invoke();
        var polls = 0;
        var queued = 0;
        var unavailable = 0;
        while (true)
        {
            await Task.Delay(poll, cancellationToken);
            var job = await api.GetJobAsync(user, jobId, cancellationToken);
            polls++;
            if (job is null)
            {
                unavailable++;
                continue;
            }

            var status = (string?)job["status"];
            queued += status == "queued" ? 1 : 0;
            if (status is "succeeded" or "failed" or "cancelled")
            {
                finished?.Invoke();
                return new JobRun(user, jobId, status, (string?)job["error"]?["code"], (long?)job["credits"]?["charged"] ?? 0, started.Elapsed, polls)
                {
                    Accepted = accepted,
                    QueuedPolls = queued,
                    UnavailablePolls = unavailable,
                };
            }
        }
    }
}
