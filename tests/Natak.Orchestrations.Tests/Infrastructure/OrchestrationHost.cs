using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Natak.Core.Jobs;
using Natak.DevHost.Durable;
using Natak.Orchestrations.Jobs;
using Natak.Orchestrations.Pipelines;
using Natak.Orchestrations.Pipelines.ProviderCalls;

namespace Natak.Orchestrations.Tests.Infrastructure;

/// <summary>
/// The dev host's durable sidecar on the in-memory backend (timers to the millisecond; the sidecar's dispatch limit
/// raised from ProcessorCount, so waiting activities never stall the rest behind its 500 ms back-off) and a worker
/// that runs the real <see cref="PipelineOrchestrator"/> against <see cref="FakeWorld"/>. One per test collection.
/// </summary>
public sealed class OrchestrationHost : IAsyncLifetime
{
    private const int Concurrency = 64;

    private DurableBackend? _backend;
    private IHost? _worker;

    internal FakeWorld World { get; } = new();

    internal CapturedLogs Logs { get; } = new();

    internal DurableTaskClient Client => _worker!.Services.GetRequiredService<DurableTaskClient>();

    public async Task InitializeAsync()
    {
        var backendLogging = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Warning));
        _backend = await DurableBackend.StartAsync(new DurableBackendOptions
        {
            Backend = DurableBackendKind.Memory,
            MaxConcurrentActivities = Concurrency,
            MaxConcurrentOrchestrations = Concurrency,
        }, storageConnectionString: null, backendLogging);

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddDurableTaskWorker(worker =>
        {
            worker.UseGrpc(_backend.Channel);
            worker.AddTasks(registry =>
            {
                registry.AddOrchestrator<PipelineOrchestrator>();
                World.Register(registry);
            });
            worker.Configure(options =>
            {
                options.Concurrency.MaximumConcurrentActivityWorkItems = Concurrency;
                options.Concurrency.MaximumConcurrentOrchestrationWorkItems = Concurrency;
            });
        });
        builder.Services.AddDurableTaskClient(client =>
        {
            client.UseGrpc(_backend.Channel);
            client.RegisterDirectly();
        });
        _worker = builder.Build();
        await _worker.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_worker is not null)
        {
            await _worker.StopAsync();
            _worker.Dispose();
        }

        if (_backend is not null)
        {
            await _backend.DisposeAsync();
        }
    }

    /// <summary>Starts the job orchestration (instance id = job id) without waiting for it; the start route held its credits.</summary>
    internal Task StartAsync(PipelineJobInput job)
    {
        World.Script(job.JobId).Held = job.TotalCredits;
        return Client.ScheduleNewOrchestrationInstanceAsync(nameof(PipelineOrchestrator), job with { CreatedAt = DateTimeOffset.UtcNow }, new StartOrchestrationOptions(job.JobId));
    }

    internal async Task<JobOutcome> FinishedAsync(string jobId) => (await CompletedAsync(jobId)).ReadOutputAs<JobOutcome>()!;

    internal async Task<JobOutcome> RunAsync(PipelineJobInput job)
    {
        await StartAsync(job);
        return await FinishedAsync(job.JobId);
    }

    internal Task CancelAsync(string jobId) => Client.RaiseEventAsync(jobId, JobEvents.Cancel, "the user cancelled");

    /// <summary>What a finishing job does for the one it hands its slot to.</summary>
    internal Task AdmitAsync(string jobId) => Client.RaiseEventAsync(jobId, JobEvents.Admitted, "the job before it");

    /// <summary>Raises a provider's webhook for one step of a job, as the webhook route does.</summary>
    internal Task RaiseWebhookAsync(string jobId, string stepKey, ProviderWebhookEvent delivery) =>
        Client.RaiseEventAsync(jobId, JobEvents.Webhook(stepKey), delivery);

    /// <summary>Starts a job of one paid step, as the job orchestration runs it: <paramref name="call"/>'s model, providers, inputs and wait.</summary>
    internal Task StartAsync(ProviderCallInput call) => StartAsync(TestJobs.OneStep(call));

    /// <summary>What the one step of the job started with <see cref="StartAsync(ProviderCallInput)"/> came to.</summary>
    internal async Task<StepResult> FinishedAsync(ProviderCallInput call)
    {
        var outcome = await FinishedAsync(call.JobId);
        var collected = World.Script(call.JobId).Calls.LastOrDefault(c => c.Activity == nameof(CollectProviderOutputsActivity));
        return new StepResult(outcome.Status == JobStatus.Succeeded, outcome.Status == JobStatus.Succeeded ? collected?.Provider : null, outcome.Error);
    }

    internal async Task<StepResult> RunAsync(ProviderCallInput call)
    {
        await StartAsync(call);
        return await FinishedAsync(call);
    }

    private async Task<OrchestrationMetadata> CompletedAsync(string instanceId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var done = await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{instanceId} ended {done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
        return done;
    }
}

[CollectionDefinition(Name)]
public sealed class OrchestrationCollection : ICollectionFixture<OrchestrationHost>
{
    public const string Name = "orchestrations on the in-memory sidecar";
}
