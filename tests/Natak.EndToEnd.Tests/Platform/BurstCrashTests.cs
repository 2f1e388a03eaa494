using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Natak.EndToEnd.Tests.Infrastructure;
using Natak.Simulator;
using Natak.Testing;

namespace Natak.EndToEnd.Tests.Platform;

/// <summary>
/// The dev host SIGKILLed while a burst of jobs runs — some at the provider, most waiting for an admission slot — and
/// started again on the same task hub: every job ends succeeded, no paid step was submitted twice, and every user
/// paid exactly once per image. The simulator lives in the test process, so the provider keeps the requests made
/// before the crash, as a real one would.
/// </summary>
public sealed class BurstCrashTests
{
    private const int Users = 4;
    private const int JobsPerUser = 6;
    private const long Granted = 10;

    [Fact]
    public async Task A_SIGKILL_in_the_middle_of_a_burst_loses_no_job_and_charges_nobody_twice()
    {
        var storage = await LocalServices.StorageConnectionStringAsync();
        var s3 = await LocalServices.S3ServiceUrlAsync();
        var hub = Unique.Name("burstcrash");
        int apiPort = FreePort.Next(), grpcPort = FreePort.Next();
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions
        {
            DefaultLatency = TimeSpan.FromSeconds(2),
            WebhookInitialBackoff = TimeSpan.FromMilliseconds(200),
        });
        var settings = Settings(simulator, apiPort, hub);
        var run = Guid.NewGuid().ToString("N")[..8];
        var users = Enumerable.Range(1, Users).Select(i => $"crash-{run}-{i}").ToList();
        List<(string User, string JobId, string Marker)> started;

        using (var first = await DevHostProcess.StartAsync(storage, s3, hub, apiPort, grpcPort, settings))
        {
            using (var admin = new ApiClient(first.BaseUrl, "crash-admin", admin: true))
            {
                foreach (var user in users)
                {
                    var grant = await admin.PostJsonAsync("/api/admin/credits/grants",
                        new { userId = user, credits = Granted, grantId = "grant-" + user, reason = "burst crash test" });
                    Assert.Equal(HttpStatusCode.Created, grant.StatusCode);
                }
            }

            started = [.. await Task.WhenAll(users.SelectMany(user => Enumerable.Range(0, JobsPerUser).Select(async _ =>
            {
                using var api = new ApiClient(first.BaseUrl, user, admin: false);
                var marker = Guid.NewGuid().ToString("N")[..10];
                var jobId = await Jobs.StartAsync(api, "/api/images", new { prompt = "a paper boat on a pond #" + marker, width = 512, height = 512 });
                return (user, jobId, marker);
            })))];

            // Kill once the first jobs are at the provider (their 2 s there has begun and each accepted request is on its
            // step's note) and the rest wait for a slot. A kill in the milliseconds between a provider's accept and
            // that note can still send the step twice: fal and WaveSpeed take no idempotency key.
            await WaitForAcceptedSubmitsAsync(simulator, started, atLeast: 6);
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            first.Kill();
        }

        Assert.True(Accepted(simulator, started).Count < started.Count, "the burst had already finished before the kill");
        using var second = await DevHostProcess.StartAsync(storage, s3, hub, apiPort, grpcPort, settings);
        foreach (var (user, jobId, _) in started)
        {
            using var api = new ApiClient(second.BaseUrl, user, admin: false);
            JsonObject job;
            try
            {
                job = await Jobs.WaitForTerminalAsync(api, jobId, TimeSpan.FromMinutes(2));
            }
            catch (TimeoutException e)
            {
                var instance = await second.CreateDurableClient().GetInstanceAsync(jobId, getInputsAndOutputs: true);
                throw new TimeoutException($"{e.Message}\ninstance: {instance?.RuntimeStatus} {instance?.LastUpdatedAt:O} {instance?.SerializedCustomStatus}\n{second.Output}", e);
            }

            Assert.True((string?)job["status"] == "succeeded", job.ToJsonString() + "\n" + second.Output);
            Assert.Equal((1L, 1L, 0L), ((long)job["credits"]!["reserved"]!, (long)job["credits"]!["charged"]!, (long)job["credits"]!["refunded"]!));
        }

        var accepted = Accepted(simulator, started);
        Assert.All(started, job => Assert.Equal(1, accepted.Count(marker => marker == job.Marker)));
        foreach (var user in users)
        {
            using var api = new ApiClient(second.BaseUrl, user, admin: false);
            var credits = await ApiClient.ReadObjectAsync(await api.GetAsync("/api/credits"));
            Assert.Equal((Granted - JobsPerUser, 0L), ((long)credits["balance"]!, (long)credits["reserved"]!));
        }
    }

    private static Dictionary<string, string?> Settings(SimulatorServer simulator, int apiPort, string hub) => new()
    {
        ["FAL_KEY"] = "crash-test",
        ["WAVESPEED_KEY"] = "crash-test",
        ["GROK_API_KEY"] = "crash-test",
        ["Providers__Fal__QueueBaseUrl"] = simulator.Endpoints.FalQueueBaseUrl,
        ["Providers__Fal__JwksUrl"] = simulator.Endpoints.FalJwksUrl,
        ["Providers__WaveSpeed__BaseUrl"] = simulator.Endpoints.WaveSpeedBaseUrl,
        ["Providers__Xai__BaseUrl"] = simulator.Endpoints.XaiBaseUrl,
        ["SafeFetch__AllowedDevelopmentHosts__0"] = "127.0.0.1",
        ["SafeFetch__AllowedDevelopmentHosts__1"] = "localhost",
        ["Natak__PublicBaseUrl"] = "http://127.0.0.1:" + apiPort.ToString(CultureInfo.InvariantCulture),
        ["Jobs__Admission__MaxRunning"] = "8",
        ["Jobs__Admission__TableName"] = "Admission" + hub,
        ["Pipelines__Timings__Image__FirstPoll"] = "00:00:02",
        ["Pipelines__Timings__Image__MaxPoll"] = "00:00:04",
        ["Logging__LogLevel__Default"] = "Warning",
        // The events the killed host had fetched come back after this (a minute by default).
        ["Durable__ControlQueueVisibilityTimeout"] = "00:00:15",
        ["Durable__WorkItemQueueVisibilityTimeout"] = "00:00:15",
    };

    /// <summary>The markers of the burst's submits the provider accepted (one per paid request it created).</summary>
    private static List<string> Accepted(SimulatorServer simulator, List<(string User, string JobId, string Marker)> started)
    {
        var calls = simulator.Control.Calls(SimulatorProvider.Fal, SimulatorOperation.Submit).Where(c => c.StatusCode == 200).ToList();
        return [.. calls.SelectMany(c => started.Where(j => c.Input?.ToString()?.Contains("#" + j.Marker, StringComparison.Ordinal) == true).Select(j => j.Marker))];
    }

    private static async Task WaitForAcceptedSubmitsAsync(SimulatorServer simulator, List<(string User, string JobId, string Marker)> started, int atLeast)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Accepted(simulator, started).Count < atLeast)
        {
            Assert.True(DateTime.UtcNow < deadline, "the burst never reached the provider");
            await Task.Delay(50);
        }
    }
}
