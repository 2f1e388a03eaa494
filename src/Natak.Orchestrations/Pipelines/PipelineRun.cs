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
using Natak.Orchestrations.Pipelines.Progress;
using Natak.Orchestrations.Pipelines.ProviderCalls;
using Natak.Tables.Jobs;

namespace Natak.Orchestrations.Pipelines;

/// <summary>The state of one run of <see cref="PipelineOrchestrator"/>. Orchestrator code: deterministic, replayed from history.</summary>
[SuppressMessage("Orchestration", "DURABLE0010", Justification = "The only logger is the context's replay-safe one, made in "
    + nameof(PipelineOrchestrator) + ".RunAsync; the analyzer does not follow constructor arguments.")]
internal sealed class PipelineRun(TaskOrchestrationContext context, PipelineJobInput job, ILogger log)
{
    private readonly Task<string> _cancel = context.WaitForExternalEvent<string>(JobEvents.Cancel);

    /// <summary>A cancel stopped or skipped work: the job ends cancelled.</summary>
    private bool _cancelled;
    private bool _characterSaved;

    /// <summary>The job's row says it runs (the first step's note said so).</summary>
    private bool _announced;

    /// <summary>Steps that failed, for the job's row (written with the settlement).</summary>
    private readonly List<JobStepState> _failedSteps = [];

    /// <summary>
    /// Done steps whose note was held back (a step followed at once by another, or the last step of a one-output job):
    /// the next step's running note carries those not yet sent, and the job's end carries them all (in case that note
    /// never got written).
    /// </summary>
    private readonly List<JobStepState> _doneHeldBack = [];
    private readonly List<JobStepState> _doneUnsent = [];

    /// <summary>The job's end, when the collect of its only output's last step settled it.</summary>
    private FinishedJob? _settledByLastStep;

    public async Task<JobOutcome> ExecuteAsync()
    {
        // The credits were held by the start route, which also put the job in the admission queue.
        if (!job.Admitted && !await WaitForSlotAsync())
        {
            return await FinishAsync(JobStatus.Cancelled, delivered: 0, result: null, StepFailure.Cancelled.ToJobError());
        }

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
            return await FinishAsync(JobStatus.Cancelled, delivered: 0, result: null, StepFailure.Cancelled.ToJobError());
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
            return await FinishAsync(JobStatus.Cancelled, delivered, result, StepFailure.Cancelled.ToJobError());
        }

        if (delivered == 0)
        {
            var first = outputs.Select(o => o.Failure).FirstOrDefault(f => f is not null) ?? new StepFailure("provider_failed", "No output was delivered.");
            return await FailAsync(first);
        }

        return await FinishAsync(JobStatus.Succeeded, delivered, result, error: null);
    }

    /// <summary>
    /// Waits (queued) until a finishing job hands this one its slot; false when the job is cancelled first. The
    /// hand-over's wake-up (<see cref="JobEvents.Admitted"/>) is dropped by the durable backend when it reaches this job
    /// before its orchestration has started, which can happen to a job near the head of the queue when it is ordered
    /// (its slot handed over in the moment between the start route entering it and its orchestration starting). Such a
    /// job is given <see cref="PipelineJobInput.SlotCheckAfter"/>: when no wake-up has come by then, it looks at its
    /// place itself, and again after waits that double up to two minutes (or that first wait, if longer); after
    /// <see cref="MaxSlotLooks"/> looks only the wake-up or the admission repair moves it. A job further back waits for
    /// the wake-up alone, at no cost (its orchestration has long started when its turn comes).
    /// </summary>
    private async Task<bool> WaitForSlotAsync()
    {
        Logs.JobQueued(log, job.JobId);
        var admitted = context.WaitForExternalEvent<string>(JobEvents.Admitted);
        var first = job.SlotCheckAfter ?? TimeSpan.Zero;
        var wait = first;
        for (var look = 1; first > TimeSpan.Zero && look <= MaxSlotLooks; look++)
        {
            using var timerCancel = new CancellationTokenSource();
            var timer = context.CreateTimer(wait, timerCancel.Token);
            var woken = await Task.WhenAny(admitted, _cancel, timer);
            if (woken != timer)
            {
                timerCancel.Cancel();
            }

            if (woken == admitted)
            {
                Logs.JobAdmitted(log, job.JobId, admitted.Result);
                return true;
            }

            if (woken == _cancel)
            {
                CancelArrived();
                return false;
            }

            if (await context.CallActivityAsync<bool>(nameof(CheckSlotActivity), job.JobId, TaskOptions.FromRetryPolicy(PipelineRetry.Idempotent)))
            {
                Logs.SlotFoundWithoutWakeUp(log, job.JobId, wait);
                return true;
            }

            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, Math.Max(first.Ticks, MaxSlotLookWait.Ticks)));
        }

        if (await Task.WhenAny(admitted, _cancel) == admitted)
        {
            Logs.JobAdmitted(log, job.JobId, admitted.Result);
            return true;
        }

        CancelArrived();
        return false;
    }

    /// <summary>How many times a queued job looks at its place before it only waits (100: over three hours at 2 minutes).</summary>
    private const int MaxSlotLooks = 100;

    private static readonly TimeSpan MaxSlotLookWait = TimeSpan.FromMinutes(2);

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
        var key = outputIndex is { } i ? $"{step.Id}-{(i + 1).ToString(CultureInfo.InvariantCulture)}" : step.Id;
        if (CancelArrived())
        {
            Logs.StepSkipped(log, job.JobId, key);
            return (null, StepFailure.Cancelled);
        }

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
            Logs.StepDone(log, job.JobId, key);
            return (output, null);
        }

        if (failure.Code == StepFailure.Cancelled.Code)
        {
            return (null, failure);
        }

        // Name the step, so "the training failed" is told apart from "a reference image failed".
        Logs.StepFailed(log, job.JobId, key, failure.Code, failure.Message);
        _failedSteps.Add(new JobStepState
        {
            Key = key,
            State = JobStepState.Failed,
            Label = ProgressLabels.Running(step, outputIndex, job.OutputCount, SameSteps(step)) + " failed",
            At = context.CurrentUtcDateTime,
        });
        return (null, failure with { Message = $"Step '{key}' failed: {failure.Message}" });
    }

    private Task<(StepOutput?, StepFailure?)> WritePromptAsync(PipelineStepSpec step, string key)
    {
        var purpose = Literal(step, InputNames.Purpose) ?? job.Kind.ToWire();
        var input = new WritePromptInput(job.JobId, job.UserId, key, job.OutputType, Literal(step, InputNames.Idea) ?? string.Empty, purpose,
            job.ResultFacts.GetValueOrDefault("modelName", "image"), job.Rating, job.Character?.TriggerWord, job.ResultFacts.GetValueOrDefault("promptStyle"))
        {
            Running = Running(step, key, null),
            Done = Done(step, key, null),
        };
        return RunActivityAsync<WrittenPrompt>(step, nameof(WritePromptActivity), input, written => written.Prompt is { } text
            ? (new StepOutput(key, text, []), null)
            : (null, written.Failure ?? new StepFailure("prompt_failed", "The prompt writer returned no prompt.")));
    }

    private Task<(StepOutput?, StepFailure?)> PackagePhotosAsync(PipelineStepSpec step, string key)
    {
        // The zip goes to the new character's folder, so deleting the character removes it too.
        var input = new PackageTrainingImages(job.UserId, job.JobId, job.NewCharacter!.CharacterId, step.Inputs[InputNames.ImageUrls].Values!)
        {
            Running = Running(step, key, null),
            Done = Done(step, key, null),
        };
        return RunActivityAsync<PackagedImages>(step, nameof(PackageTrainingImagesActivity), input, packaged => packaged.Zip is { } zip
            ? (new StepOutput(key, null, [zip]), null)
            : (null, packaged.Failure ?? new StepFailure("step_failed", "Packaging the photos produced no zip.")), PipelineRetry.Store);
    }

    /// <summary>
    /// One of Natak's own activities as a step. It cannot be stopped halfway: a cancel that arrives meanwhile is noted
    /// and stops the steps after it.
    /// </summary>
    private async Task<(StepOutput?, StepFailure?)> RunActivityAsync<T>(PipelineStepSpec step, string activity, object input,
        Func<T, (StepOutput?, StepFailure?)> read, RetryPolicy? retry = null)
    {
        var call = context.CallActivityAsync<T>(activity, input, retry is null ? null : TaskOptions.FromRetryPolicy(retry));
        if (await Task.WhenAny(call, _cancel) == _cancel)
        {
            CancelArrived();
        }

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
        var final = IsFinal(step, outputIndex);
        var call = new ProviderCallInput(job.JobId, job.UserId, key, kind, step.ModelKey!, step.Variant, step.Providers, values,
            job.Rating, job.OutputType, job.Timings.For(kind, step.ModelKey), outputPrefix)
        {
            EstimatedCostUsd = step.EstimatedCostUsd,
            OutputIndex = outputIndex,
            Final = final,
            ResultSeed = outputIndex is null ? null : available.Values.FirstOrDefault(o => o.Seed is not null && !job.SharedSteps.Any(s => s.Id == o.StepKey))?.Seed,
        };
        var stepContext = new ProviderStepContext(_cancel, CancelArrived, Running(step, key, outputIndex), Done(step, key, outputIndex),
            job.Timings.SubmitRetries, job.Timings.StorageRetries, job.Timings.Retries)
        {
            // A batch's finished image is written at once (the result grows as each is stored); any other done step
            // waits for the job's next write.
            DeferDone = !final || job.OutputCount == 1,

            // The last step of a one-output job ends the job in its collect: nothing runs after it but the end.
            Settle = final && job.OutputCount == 1 && job.NewCharacter is null
                ? new SettleWithOutput(job, step.Id, available, [.. _doneHeldBack, .. _failedSteps])
                : null,
        };
        ProviderCallResult result;
        try
        {
            result = await new ProviderStep(context, call, stepContext, log).ExecuteAsync();
        }
        catch (TaskFailedException ex)
        {
            // A crashed step must still end the job through FinishAsync, so the hold is released now rather than
            // left to the sweeper.
            result = new ProviderCallResult(null, Crashed(step, ex), null, 0);
        }

        _settledByLastStep ??= result.Settled;
        if (result.DoneStep is { } done)
        {
            _doneHeldBack.Add(done);
            _doneUnsent.Add(done);
        }

        return result.Output is { } output ? (output, null) : (null, result.Failure);
    }

    /// <summary>The note the step's first activity writes: the step runs (and, for the job's first step, the job does).</summary>
    private JobNote Running(PipelineStepSpec step, string key, int? outputIndex)
    {
        var change = new JobChange
        {
            At = context.CurrentUtcDateTime,
            Steps =
            [
                new JobStepState
                {
                    Key = key,
                    State = JobStepState.Running,
                    Label = ProgressLabels.Running(step, outputIndex, job.OutputCount, SameSteps(step)),
                    At = context.CurrentUtcDateTime,
                    Model = step.ModelKey,
                    StartedAt = context.CurrentUtcDateTime,
                },
            ],
        };
        if (!_announced)
        {
            _announced = true;
            change = change with { Status = JobStatus.Running, WaitingFor = job.Admitted ? null : string.Empty };
        }

        var earlier = _doneUnsent.ToList();
        _doneUnsent.Clear();
        return new JobNote(job.UserId, job.JobId, job.CreatedAt, change) { Earlier = earlier };
    }

    /// <summary>The note the step's last activity writes once it delivered.</summary>
    private JobNote Done(PipelineStepSpec step, string key, int? outputIndex) => new(job.UserId, job.JobId, job.CreatedAt, new JobChange
    {
        At = context.CurrentUtcDateTime,
        Steps =
        [
            new JobStepState
            {
                Key = key,
                State = JobStepState.Done,
                Label = ProgressLabels.Done(step, outputIndex, job.OutputCount, SameSteps(step), IsFinal(step, outputIndex)),
                At = context.CurrentUtcDateTime,
                Model = step.ModelKey,
            },
        ],
    });

    /// <summary>True for the last step of an output's chain: its file is the output.</summary>
    private bool IsFinal(PipelineStepSpec step, int? outputIndex) => outputIndex is not null && step.Id == job.OutputSteps[^1].Id;

    /// <summary>For a shared step: its place among the shared steps of the same model and result part (the four reference images).</summary>
    private (int Index, int Count) SameSteps(PipelineStepSpec step)
    {
        if (step.PerOutput)
        {
            return (0, 1);
        }

        var same = job.SharedSteps.Where(s => s.ModelKey == step.ModelKey && s.Result == step.Result && s.Kind == step.Kind).ToList();
        return (same.IndexOf(step), same.Count);
    }

    /// <summary>An earlier step's output as an input value: its text, or its main file as an R2 object the submit presigns.</summary>
    private static string ValueOf(StepOutput output) => output.Text ?? ProviderCallInput.AssetPrefix + output.Main!.Key;

    private static StepFailure Crashed(PipelineStepSpec step, TaskFailedException ex) =>
        new("step_failed", $"The {step.Name} step failed unexpectedly ({ex.FailureDetails.ErrorType}).");

    /// <summary>True once a cancel has arrived; the first time, the job is marked cancelled (the caller stops or skips work).</summary>
    private bool CancelArrived()
    {
        if (!_cancelled && _cancel.IsCompleted)
        {
            _cancelled = true;
            Logs.JobCancelReceived(log, job.JobId);
        }

        return _cancelled;
    }

    private async Task<JobOutcome> FailAsync(StepFailure failure) =>
        failure.Code == StepFailure.Cancelled.Code || _cancelled
            ? await FinishAsync(JobStatus.Cancelled, delivered: 0, result: null, StepFailure.Cancelled.ToJobError())
            : await FinishAsync(JobStatus.Failed, delivered: 0, result: null, failure.ToJobError());

    private async Task<JobOutcome> FinishAsync(JobStatus status, int delivered, JsonObject? result, JobError? error)
    {
        if (job.NewCharacter is { } character && !_characterSaved)
        {
            // No character record will ever point at them: the training zip and any LoRA or reference image already
            // stored. Before the job's row says it ended, so a client that sees the end finds no files left.
            Logs.CharacterFilesDeleted(log, job.JobId, character.CharacterId, status);
            await context.CallActivityAsync(nameof(DeleteCharacterFilesActivity), new DeleteCharacterFiles(job.UserId, character.CharacterId), TaskOptions.FromRetryPolicy(PipelineRetry.Store));
        }

        var capture = delivered * job.CreditsPerOutput;
        Logs.JobSettling(log, job.JobId, status, capture, delivered, job.OutputCount, job.TotalCredits);
        FinishedJob finished;
        if (_settledByLastStep is { } settled)
        {
            // The last step's collect delivered the only output and ended the job (succeeded) in the same activity;
            // nothing after that step can change how it ended (a cancel arriving then changes nothing).
            finished = settled;
            (status, error) = (JobStatus.Succeeded, null);
        }
        else
        {
            finished = await context.CallActivityAsync<FinishedJob>(nameof(FinishJobActivity),
                new FinishJob(job.UserId, job.JobId, job.Kind, job.CreatedAt, job.OutputType, capture, delivered, status, result?.ToJsonString(), error, [.. _doneHeldBack, .. _failedSteps]),
                TaskOptions.FromRetryPolicy(PipelineRetry.Store));
        }
        if (finished.NextJobId is { } next)
        {
            // The slot this job held now belongs to the oldest job waiting for one: wake it.
            Logs.SlotHandedOver(log, job.JobId, next);
            context.SendEvent(next, JobEvents.Admitted, job.JobId);
        }

        Logs.JobFinished(log, job.JobId, status, finished.Credits.Charged, finished.Credits.Refunded);
        return new JobOutcome(status, result, error, finished.Credits);
    }

    private static string? Literal(PipelineStepSpec step, string name) =>
        step.Inputs.TryGetValue(name, out var input) && input.Source == StepInputSource.Literal ? input.Value : null;
}
