using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Natak.Assets;
using Natak.Core.Jobs;
using Natak.Core.Pricing;
using Natak.Orchestrations.Characters;
using Natak.Orchestrations.Jobs;
using Natak.Orchestrations.Pipelines.Activities;
using Natak.Orchestrations.Pipelines.ProviderCalls;

namespace Natak.Orchestrations.Pipelines;

/// <summary>The state of one run of <see cref="PipelineOrchestrator"/>. Orchestrator code: deterministic, replayed from history.</summary>
[SuppressMessage("Orchestration", "DURABLE0010", Justification = "The only logger is the context's replay-safe one, made in "
    + nameof(PipelineOrchestrator) + ".RunAsync; the analyzer does not follow constructor arguments.")]
internal sealed class PipelineRun(TaskOrchestrationContext context, PipelineJobInput job, ILogger log)
{
    private readonly Task<string> _cancel = context.WaitForExternalEvent<string>(JobEvents.Cancel);

    /// <summary>Provider calls in flight: instance id → step key.</summary>
    private readonly Dictionary<string, string> _inFlight = new(StringComparer.Ordinal);
    private readonly HashSet<string> _toldToCancel = new(StringComparer.Ordinal);

    /// <summary>A cancel stopped or skipped work: the job ends cancelled.</summary>
    private bool _cancelled;
    private bool _characterSaved;
    private int _completedSteps;
    private JobCredits _credits = JobCredits.None;

    public async Task<JobOutcome> ExecuteAsync()
    {
        Publish("reserve");
        var reserve = await context.CallActivityAsync<ReserveOutcome>(nameof(ReserveJobCreditsActivity),
            new ReserveJobCredits(job.UserId, job.JobId, job.TotalCredits, context.CurrentUtcDateTime + HoldLifetime()),
            TaskOptions.FromRetryPolicy(PipelineRetry.Idempotent));
        if (!reserve.Reserved)
        {
            Logs.JobShortOfCredits(log, job.JobId, reserve.Required, reserve.Available);
            var error = new JobError("insufficient_credits", $"This job costs {reserve.Required} credits; {reserve.Available} were available when it started.");
            return await FinishAsync(JobStatus.Failed, reserved: false, delivered: 0, result: null, error);
        }

        _credits = new JobCredits(job.TotalCredits, 0, 0);
        Logs.JobStarted(log, job.JobId, job.Kind, job.TotalCredits, job.OutputCount, job.TotalSteps);
        var shared = new Dictionary<string, StepOutput>(StringComparer.Ordinal);
        foreach (var wave in SharedStepWaves())
        {
            // The steps of a wave need nothing from each other (a character's four reference images): they run at once.
            var runs = wave.Select(step => RunStepAsync(step, outputIndex: null, shared)).ToList();
            var results = await Task.WhenAll(runs);
            if (results.Select(r => r.Failure).FirstOrDefault(f => f is not null) is { } failure)
            {
                return await FailAsync(failure);
            }

            for (var i = 0; i < wave.Count; i++)
            {
                shared[wave[i].Id] = results[i].Output!;
            }
        }

        if (_cancelled)
        {
            return await FinishAsync(JobStatus.Cancelled, reserved: true, delivered: 0, result: null, StepFailure.Cancelled.ToJobError());
        }

        var outputs = job.OutputSteps.Count == 0
            ? [new OutputResult(0, shared, shared.Values.LastOrDefault(), null)]
            : await RunOutputsAsync(shared);
        var delivered = outputs.Count(o => o.Succeeded);
        var character = delivered > 0 ? PipelineResults.NewCharacter(job, shared, context.CurrentUtcDateTime) : null;
        if (job.NewCharacter is not null && character is null && delivered > 0)
        {
            return await FailAsync(new StepFailure("output_unusable", "The training delivered no LoRA file."));
        }

        var result = PipelineResults.Build(job, shared, outputs, character);
        if (character is not null)
        {
            await context.CallActivityAsync(nameof(SaveCharacterActivity), character, TaskOptions.FromRetryPolicy(PipelineRetry.Idempotent));
            _characterSaved = true;
            Logs.CharacterSaved(log, job.JobId, character.CharacterId, character.ReferenceImages.Count);
        }

        // Only a cancel that stopped or skipped a step counts: one arriving after the last step changes nothing.
        if (_cancelled)
        {
            return await FinishAsync(JobStatus.Cancelled, reserved: true, delivered, result, StepFailure.Cancelled.ToJobError());
        }

        if (delivered == 0)
        {
            var first = outputs.Select(o => o.Failure).FirstOrDefault(f => f is not null) ?? new StepFailure("provider_failed", "No output was delivered.");
            return await FailAsync(first);
        }

        return await FinishAsync(JobStatus.Succeeded, reserved: true, delivered, result, error: null);
    }

    /// <summary>
    /// The shared steps in order, cut into waves: a step joins the current wave unless it needs the output of a step
    /// already in it (or the wave is full), so dependent steps still run strictly after what they depend on.
    /// </summary>
    private List<List<PipelineStepSpec>> SharedStepWaves()
    {
        var waves = new List<List<PipelineStepSpec>>();
        var wave = new List<PipelineStepSpec>();
        foreach (var step in job.SharedSteps)
        {
            var needsWave = step.Inputs.Values.Any(i => i.Source == StepInputSource.StepOutput && wave.Exists(w => w.Id == i.Step));
            if (wave.Count > 0 && (needsWave || wave.Count >= Math.Max(1, job.Timings.MaxParallelOutputs)))
            {
                waves.Add(wave);
                wave = [];
            }

            wave.Add(step);
        }

        if (wave.Count > 0)
        {
            waves.Add(wave);
        }

        return waves;
    }

    private async Task<IReadOnlyList<OutputResult>> RunOutputsAsync(IReadOnlyDictionary<string, StepOutput> shared)
    {
        var results = new List<OutputResult>();
        var running = new List<Task<OutputResult>>();
        var next = 0;
        while (next < job.OutputCount || running.Count > 0)
        {
            while (next < job.OutputCount && running.Count < Math.Max(1, job.Timings.MaxParallelOutputs) && !CancelArrived())
            {
                running.Add(RunOutputAsync(next++, shared));
            }

            if (running.Count == 0)
            {
                break;
            }

            var done = await Task.WhenAny(running);
            running.Remove(done);
            results.Add(await done);
        }

        return results;
    }

    private async Task<OutputResult> RunOutputAsync(int index, IReadOnlyDictionary<string, StepOutput> shared)
    {
        var available = new Dictionary<string, StepOutput>(shared, StringComparer.Ordinal);
        var own = new Dictionary<string, StepOutput>(StringComparer.Ordinal);
        StepOutput? last = null;
        foreach (var step in job.OutputSteps)
        {
            var (output, failure) = await RunStepAsync(step, index, available);
            if (failure is not null)
            {
                return new OutputResult(index, own, null, failure);
            }

            available[step.Id] = own[step.Id] = last = output!;
        }

        return new OutputResult(index, own, last, null);
    }

    /// <summary>Runs one step as its kind says; a step does not start once a cancel has arrived.</summary>
    private async Task<(StepOutput? Output, StepFailure? Failure)> RunStepAsync(PipelineStepSpec step, int? outputIndex, IReadOnlyDictionary<string, StepOutput> available)
    {
        var key = outputIndex is { } i ? $"{step.Id}-{i + 1}" : step.Id;
        if (CancelArrived())
        {
            Logs.StepSkipped(log, job.JobId, key);
            return (null, StepFailure.Cancelled);
        }

        Publish(step.Name);
        Logs.StepStarted(log, job.JobId, key, step.Kind);
        var (output, failure) = await (step.Kind switch
        {
            StepKind.ProviderCall => CallProviderAsync(step, key, outputIndex, available),
            StepKind.Prompt => WritePromptAsync(step, key),
            StepKind.PackagePhotos => PackagePhotosAsync(step, key),

            // Accounting only (R2 storage is priced into the quote): nothing runs.
            StepKind.Accounting => Task.FromResult<(StepOutput?, StepFailure?)>((new StepOutput(key, null, []), null)),
            _ => throw new InvalidOperationException($"Step '{key}' is of no known kind ({step.Kind})."),
        });
        if (failure is null)
        {
            _completedSteps++;
            Publish(step.Name);
            Logs.StepDone(log, job.JobId, key);
            return (output, null);
        }

        if (failure.Code == StepFailure.Cancelled.Code)
        {
            return (null, failure);
        }

        // Name the step, so "the training failed" is told apart from "a reference image failed".
        Logs.StepFailed(log, job.JobId, key, failure.Code, failure.Message);
        return (null, failure with { Message = $"Step '{key}' failed: {failure.Message}" });
    }

    private Task<(StepOutput?, StepFailure?)> WritePromptAsync(PipelineStepSpec step, string key)
    {
        var purpose = Literal(step, InputNames.Purpose) ?? job.Kind.ToWire();
        var input = new WritePromptInput(job.JobId, job.UserId, key, job.OutputType, Literal(step, InputNames.Idea) ?? string.Empty, purpose,
            job.ResultFacts.GetValueOrDefault("modelName", "image"), job.Rating, job.Character?.TriggerWord, job.ResultFacts.GetValueOrDefault("promptStyle"));
        return RunActivityAsync<WrittenPrompt>(step, nameof(WritePromptActivity), input, written => written.Prompt is { } text
            ? (new StepOutput(key, text, []), null)
            : (null, written.Failure ?? new StepFailure("prompt_failed", "The prompt writer returned no prompt.")));
    }

    private Task<(StepOutput?, StepFailure?)> PackagePhotosAsync(PipelineStepSpec step, string key)
    {
        // The zip goes to the new character's folder, so deleting the character removes it too.
        var input = new PackageTrainingImages(job.UserId, job.JobId, job.NewCharacter!.CharacterId, step.Inputs[InputNames.ImageUrls].Values!);
        return RunActivityAsync<PackagedImages>(step, nameof(PackageTrainingImagesActivity), input, packaged => packaged.Zip is { } zip
            ? (new StepOutput(key, null, [zip]), null)
            : (null, packaged.Failure ?? new StepFailure("step_failed", "Packaging the photos produced no zip.")));
    }

    /// <summary>
    /// One of Natak's own activities as a step. It cannot be stopped halfway: a cancel that arrives meanwhile is noted
    /// (and forwarded to provider calls in flight) and stops the steps after it.
    /// </summary>
    private async Task<(StepOutput?, StepFailure?)> RunActivityAsync<T>(PipelineStepSpec step, string activity, object input, Func<T, (StepOutput?, StepFailure?)> read)
    {
        var call = context.CallActivityAsync<T>(activity, input);
        await RaceCancelAsync(call);
        try
        {
            return read(await call);
        }
        catch (TaskFailedException ex)
        {
            // like a crashed provider step: the job still ends through FinishAsync, which releases the hold now
            return (null, Crashed(step, ex));
        }
    }

    private async Task<(StepOutput?, StepFailure?)> CallProviderAsync(PipelineStepSpec step, string key, int? outputIndex, IReadOnlyDictionary<string, StepOutput> available)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, input) in step.Inputs)
        {
            values[name] = input.Source switch
            {
                StepInputSource.StepOutput => ValueOf(available[input.Step!]),
                StepInputSource.Character => ProviderCallInput.AssetPrefix + job.Character!.LoraKey,
                _ => input.Value ?? throw new InvalidOperationException($"Step '{key}' input '{name}' has no single value."),
            };
        }

        if (outputIndex is > 0 && values.TryGetValue(InputNames.Seed, out var seedText) && long.TryParse(seedText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed))
        {
            // Output i of a batch uses seed + i, so a seeded batch is reproducible and not n copies of one image.
            values[InputNames.Seed] = (seed + outputIndex.Value).ToString(CultureInfo.InvariantCulture);
        }

        if (step.Inputs.TryGetValue(InputNames.Lora, out var lora) && lora.Source == StepInputSource.Character && values.TryGetValue(InputNames.Prompt, out var prompt))
        {
            values[InputNames.Prompt] = TriggerWords.Lead(prompt, job.Character!.TriggerWord);
        }

        // A new character's files (LoRA, reference images) go to its own folder, so deleting it is one prefix delete.
        var outputPrefix = job.NewCharacter is { } created ? AssetKeys.CharacterPrefix(job.UserId, created.CharacterId) : null;
        var kind = step.ModelKind ?? throw new InvalidOperationException($"Provider step '{key}' names no catalogue model kind.");
        var call = new ProviderCallInput(job.JobId, job.UserId, key, kind, step.ModelKey!, step.Variant, step.Providers, values,
            job.Rating, job.OutputType, job.Timings.For(kind, step.ModelKey), outputPrefix);
        var instanceId = call.InstanceIdOf();
        var child = context.CallSubOrchestratorAsync<ProviderCallResult>(nameof(ProviderCallOrchestrator), call,
            new SubOrchestrationOptions { InstanceId = instanceId });
        _inFlight[instanceId] = key;
        await RaceCancelAsync(child);
        ProviderCallResult result;
        try
        {
            result = await child;
        }
        catch (TaskFailedException ex)
        {
            // A crashed step must still end the job through FinishAsync, so the hold is released now rather than
            // left to the sweeper.
            result = new ProviderCallResult(null, Crashed(step, ex), null, 0);
        }
        finally
        {
            _inFlight.Remove(instanceId);
        }

        return result.Output is { } output ? (output, null) : (null, result.Failure);
    }

    /// <summary>An earlier step's output as an input value: its text, or its main file as an R2 object the submit presigns.</summary>
    private static string ValueOf(StepOutput output) => output.Text ?? ProviderCallInput.AssetPrefix + output.Main!.Key;

    private static StepFailure Crashed(PipelineStepSpec step, TaskFailedException ex) =>
        new("step_failed", $"The {step.Name} step failed unexpectedly ({ex.FailureDetails.ErrorType}).");

    /// <summary>Waits for <paramref name="work"/>; if the job is cancelled first, tells every provider call in flight to stop.</summary>
    private async Task RaceCancelAsync(Task work)
    {
        if (await Task.WhenAny(work, _cancel) == _cancel && CancelArrived())
        {
            foreach (var (instanceId, stepKey) in _inFlight.Where(p => _toldToCancel.Add(p.Key)).ToList())
            {
                context.SendEvent(instanceId, ProviderCallOrchestrator.CancelEvent, "job cancelled");
                Logs.CancelForwarded(log, job.JobId, stepKey);
            }
        }
    }

    /// <summary>True once a cancel has arrived; the first time, the job is marked cancelled (the caller stops or skips work).</summary>
    private bool CancelArrived()
    {
        if (!_cancelled && _cancel.IsCompleted)
        {
            _cancelled = true;
            Logs.JobCancelReceived(log, job.JobId);
            Publish("cancelling");
        }

        return _cancelled;
    }

    private async Task<JobOutcome> FailAsync(StepFailure failure) =>
        failure.Code == StepFailure.Cancelled.Code || _cancelled
            ? await FinishAsync(JobStatus.Cancelled, reserved: true, delivered: 0, result: null, StepFailure.Cancelled.ToJobError())
            : await FinishAsync(JobStatus.Failed, reserved: true, delivered: 0, result: null, failure.ToJobError());

    private async Task<JobOutcome> FinishAsync(JobStatus status, bool reserved, int delivered, JsonObject? result, JobError? error)
    {
        Publish("finish");
        var capture = delivered * job.CreditsPerOutput;
        if (reserved)
        {
            Logs.JobSettling(log, job.JobId, status, capture, delivered, job.OutputCount, job.TotalCredits);
        }

        _credits = await context.CallActivityAsync<JobCredits>(nameof(FinishJobActivity),
            new FinishJob(job.UserId, job.JobId, job.OutputType, reserved, capture, delivered, status, result?.ToJsonString(), error),
            TaskOptions.FromRetryPolicy(PipelineRetry.Idempotent));
        if (job.NewCharacter is { } character && !_characterSaved)
        {
            // No character record will ever point at them: the training zip and any LoRA or reference image already stored.
            Logs.CharacterFilesDeleted(log, job.JobId, character.CharacterId, status);
            await context.CallActivityAsync(nameof(DeleteCharacterFilesActivity), new DeleteCharacterFiles(job.UserId, character.CharacterId), TaskOptions.FromRetryPolicy(PipelineRetry.Idempotent));
        }

        Logs.JobFinished(log, job.JobId, status, _credits.Charged, _credits.Refunded);
        Publish(status.ToWire());
        return new JobOutcome(status, result, error, _credits);
    }

    /// <summary>The one place progress is published (the jobs API reads it from the custom status).</summary>
    private void Publish(string step) =>
        context.SetCustomStatus(new JobCustomStatus(new JobProgress(step, _completedSteps, job.TotalSteps), _credits));

    /// <summary>The hold outlives every deadline of the plan; the sweeper releases it only if the job is gone.</summary>
    private TimeSpan HoldLifetime()
    {
        // A provider step may wait out its deadline at each of its providers in turn (failover).
        double Longest(PipelineStepSpec s) => s.Kind == StepKind.ProviderCall && s.ModelKind is { } kind
            ? job.Timings.For(kind, s.ModelKey).Deadline.TotalMinutes * Math.Max(1, s.Providers.Count)
            : 0;
        var perOutput = job.OutputSteps.Sum(Longest);
        var total = job.SharedSteps.Sum(Longest)
            + (perOutput * Math.Ceiling(job.OutputCount / (double)Math.Max(1, job.Timings.MaxParallelOutputs)));
        return TimeSpan.FromMinutes(total) + TimeSpan.FromHours(1);
    }

    private static string? Literal(PipelineStepSpec step, string name) =>
        step.Inputs.TryGetValue(name, out var input) && input.Source == StepInputSource.Literal ? input.Value : null;
}
