using System.Collections.Concurrent;
using Microsoft.DurableTask;
using Natak.Core.Jobs;
using Natak.Core.Pricing;
using Natak.Orchestrations.Characters;
using Natak.Orchestrations.Jobs;
using Natak.Orchestrations.Pipelines;
using Natak.Orchestrations.Pipelines.Activities;
using Natak.Orchestrations.Pipelines.ProviderCalls;
using Natak.Tables.Characters;

namespace Natak.Orchestrations.Tests.Infrastructure;

/// <summary>
/// Small fakes registered under the real activity names, so the real <see cref="PipelineOrchestrator"/> runs against
/// them: a ledger that settles what the start route held, providers that follow a
/// <see cref="ProviderScript"/>, a prompt writer, a photo packager, a character store. Every call is recorded on its
/// job's <see cref="JobScript"/>, in arrival order across the host.
/// </summary>
internal sealed class FakeWorld
{
    private readonly ConcurrentDictionary<string, JobScript> _jobs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ProviderRequest> _requests = new(StringComparer.Ordinal);
    private long _seq;
    private long _nextRequest;

    /// <summary>The activity names the fakes answer: every activity the job orchestrations call.</summary>
    public static IReadOnlyList<string> ActivityNames { get; } =
    [
        nameof(FinishJobActivity), nameof(WritePromptActivity), nameof(PackageTrainingImagesActivity),
        nameof(SaveCharacterActivity), nameof(DeleteCharacterFilesActivity), nameof(SubmitProviderRequestActivity),
        nameof(PollProviderRequestActivity), nameof(CollectProviderOutputsActivity), nameof(CancelProviderRequestActivity),
        nameof(CheckSlotActivity),
    ];

    public JobScript NewJob(string prefix = "job")
    {
        var job = new JobScript($"{prefix}_{Guid.NewGuid():N}");
        _jobs[job.JobId] = job;
        return job;
    }

    /// <summary>The script of a job made with <see cref="NewJob"/>.</summary>
    public JobScript Script(string jobId) => _jobs[jobId];

    public void Register(DurableTaskRegistry registry)
    {
        registry.AddActivityFunc<FinishJob, FinishedJob>(nameof(FinishJobActivity), (_, input) => Finish(input));
        registry.AddActivityFunc<WritePromptInput, WrittenPrompt>(nameof(WritePromptActivity), (_, input) => WritePromptAsync(input));
        registry.AddActivityFunc<PackageTrainingImages, PackagedImages>(nameof(PackageTrainingImagesActivity), (_, input) => PackageAsync(input));
        registry.AddActivityFunc<CharacterRecord, bool>(nameof(SaveCharacterActivity), (_, input) => SaveAsync(input));
        registry.AddActivityFunc<DeleteCharacterFiles, int>(nameof(DeleteCharacterFilesActivity), (_, input) => Delete(input));
        registry.AddActivityFunc<SubmitRequest, SubmitOutcome>(nameof(SubmitProviderRequestActivity), (_, input) => Submit(input));
        registry.AddActivityFunc<ProviderHandle, PollOutcome>(nameof(PollProviderRequestActivity), (_, input) => Poll(input));
        registry.AddActivityFunc<CollectRequest, CollectOutcome>(nameof(CollectProviderOutputsActivity), (_, input) => Collect(input));
        registry.AddActivityFunc<ProviderHandle, string>(nameof(CancelProviderRequestActivity), (_, input) => Cancel(input));
        registry.AddActivityFunc<string, bool>(nameof(CheckSlotActivity), (_, jobId) => CheckSlot(jobId));
    }

    /// <summary>Settles what the start route held; hands the slot to <see cref="JobScript.NextInLine"/>, if set.</summary>
    private FinishedJob Finish(FinishJob input)
    {
        var job = Record(input.JobId, nameof(FinishJobActivity), input);
        return new FinishedJob(new JobCredits(job.Held, input.Capture, job.Held - input.Capture), job.NextInLine);
    }

    /// <summary>Answers from <see cref="JobScript.HoldsSlot"/>, as the admission queue's row would.</summary>
    private bool CheckSlot(string jobId)
    {
        var job = Record(jobId, nameof(CheckSlotActivity), jobId);
        return job.HoldsSlot;
    }

    private async Task<WrittenPrompt> WritePromptAsync(WritePromptInput input)
    {
        var job = Record(input.JobId, nameof(WritePromptActivity), input, input.StepKey);
        await job.PassAsync(nameof(WritePromptActivity));
        return new WrittenPrompt("written: " + input.Idea, 0.003m, null);
    }

    private async Task<PackagedImages> PackageAsync(PackageTrainingImages input)
    {
        var job = Record(input.JobId, nameof(PackageTrainingImagesActivity), input);
        await job.PassAsync(nameof(PackageTrainingImagesActivity));
        var zip = new AssetRef($"users/{input.UserId}/characters/{input.CharacterId}/training-images.zip", "application/zip", 4096, Role: AssetRoles.TrainingImages);
        return new PackagedImages(zip, null);
    }

    private async Task<bool> SaveAsync(CharacterRecord input)
    {
        var job = Record(input.JobId, nameof(SaveCharacterActivity), input);
        await job.PassAsync(nameof(SaveCharacterActivity));
        return true;
    }

    private int Delete(DeleteCharacterFiles input)
    {
        // The job id is not in the input: the character id is made of it by the tests.
        Record(_jobs.Keys.Single(id => input.CharacterId.EndsWith(id, StringComparison.Ordinal)), nameof(DeleteCharacterFilesActivity), input);
        return 0;
    }

    private SubmitOutcome Submit(SubmitRequest input)
    {
        var call = input.Call;
        var job = _jobs[call.JobId];
        var script = job.Providers(call.StepKey, input.Provider);
        if (script.SubmitFailure is { } refused)
        {
            Record(job, nameof(SubmitProviderRequestActivity), input, call.StepKey, input.Provider, null, refused.Code);
            return new SubmitOutcome(null, refused);
        }

        var requestId = "req-" + Interlocked.Increment(ref _nextRequest);
        _requests[requestId] = new ProviderRequest(job, call.StepKey, script);
        Record(job, nameof(SubmitProviderRequestActivity), input, call.StepKey, input.Provider, requestId, "accepted");
        return new SubmitOutcome(new ProviderHandle(input.Provider, call.ModelKey, requestId, null, null, null), null);
    }

    private PollOutcome Poll(ProviderHandle handle)
    {
        var request = _requests[handle.RequestId];
        var answer = request.Poll();
        Record(request.Job, nameof(PollProviderRequestActivity), handle, request.StepKey, handle.Provider, handle.RequestId, answer.State.ToString());
        return answer;
    }

    private string Cancel(ProviderHandle handle)
    {
        var request = _requests[handle.RequestId];
        request.Cancel();
        Record(request.Job, nameof(CancelProviderRequestActivity), handle, request.StepKey, handle.Provider, handle.RequestId, null);
        return request.Script.Cancellable ? "cancelled" : "unsupported";
    }

    /// <summary>Stores what the step's kind of model makes: LoRA weights and config, a video, or an image.</summary>
    private CollectOutcome Collect(CollectRequest input)
    {
        var (call, handle) = (input.Call, input.Handle);
        var request = _requests[handle.RequestId];
        if (request.Job.StorageOutage > 0)
        {
            request.Job.StorageOutage--;
            Record(request.Job, nameof(CollectProviderOutputsActivity), input, call.StepKey, handle.Provider, handle.RequestId, StepFailure.StorageUnavailable);
            return new CollectOutcome([], null, 0, new StepFailure(StepFailure.StorageUnavailable, "R2 is unreachable", Transient: true));
        }

        Record(request.Job, nameof(CollectProviderOutputsActivity), input, call.StepKey, handle.Provider, handle.RequestId, null);
        var folder = call.OutputPrefix ?? $"users/{call.UserId}/jobs/{call.JobId}/";
        IReadOnlyList<AssetRef> assets = call.ModelKind switch
        {
            ModelKind.Training =>
            [
                new AssetRef(folder + call.StepKey + "-lora.safetensors", "application/octet-stream", 1000, Role: AssetRoles.Lora),
                new AssetRef(folder + call.StepKey + "-config.json", "application/json", 100, Role: AssetRoles.Config),
            ],
            ModelKind.Video => [new AssetRef(folder + call.StepKey + "-video.mp4", "video/mp4", 5000, 1280, 720, 5m, false, AssetRoles.Video)],
            _ => [new AssetRef(folder + call.StepKey + "-image.png", "image/png", 2000, 1024, 1024, Role: AssetRoles.Image)],
        };
        var settled = input.Settle is { } settle && request.Job.SettlesInCollect
            ? new FinishedJob(new JobCredits(request.Job.Held, settle.Job.CreditsPerOutput, request.Job.Held - settle.Job.CreditsPerOutput), request.Job.NextInLine)
            : null;
        return new CollectOutcome(assets, null, 0.01m, null) { Settled = settled };
    }

    private JobScript Record(string jobId, string activity, object input, string? stepKey = null)
    {
        var job = _jobs[jobId];
        Record(job, activity, input, stepKey, null, null, null);
        return job;
    }

    private void Record(JobScript job, string activity, object input, string? stepKey, string? provider, string? requestId, string? answer) =>
        job.Record(new RecordedCall(Interlocked.Increment(ref _seq), activity, stepKey, provider, requestId, input, answer, DateTimeOffset.UtcNow));

    /// <summary>One accepted request at a fake provider.</summary>
    private sealed class ProviderRequest(JobScript job, string stepKey, ProviderScript script)
    {
        private readonly Lock _lock = new();
        private int _polls;
        private bool _cancelled;

        public JobScript Job => job;

        public string StepKey => stepKey;

        public ProviderScript Script => script;

        public void Cancel()
        {
            lock (_lock)
            {
                _cancelled = true;
            }
        }

        public PollOutcome Poll()
        {
            lock (_lock)
            {
                _polls++;
                if (_cancelled && script.FinishesWhenCancelled)
                {
                    return new PollOutcome(PollState.Succeeded, null);
                }

                if (_cancelled && script.Cancellable)
                {
                    return new PollOutcome(PollState.Failed, new StepFailure("cancelled", "The request was cancelled.", Transient: true));
                }

                if (_polls <= script.PendingPolls)
                {
                    return new PollOutcome(PollState.Pending, null);
                }

                return script.Outcome is { } failure ? new PollOutcome(PollState.Failed, failure) : new PollOutcome(PollState.Succeeded, null);
            }
        }
    }
}
