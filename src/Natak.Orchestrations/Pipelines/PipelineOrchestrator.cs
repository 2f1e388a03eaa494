using System.Globalization;
using Microsoft.DurableTask;
using Natak.Assets;
using Natak.Core.Jobs;
using Natak.Core.Pricing;
using Natak.Orchestrations.Characters;
using Natak.Orchestrations.Jobs;
using Natak.Orchestrations.Pipelines.Activities;
using Natak.Orchestrations.Pipelines.ProviderCalls;
using Natak.Tables.Characters;

namespace Natak.Orchestrations.Pipelines;

/// <summary>
/// Runs a job's plan — the one orchestration behind images, videos and characters. The money saga: hold the
/// credits first; run the shared steps once, then each output's steps (outputs fan out, at most
/// <see cref="PipelineTimingOptionsSnapshot.MaxParallelOutputs"/> at a time); capture only what was delivered and
/// release the rest — on success, partial delivery, failure or cancellation alike. Every paid step is a
/// <see cref="ProviderCallOrchestrator"/> (or the prompt activity). A <see cref="JobEvents.Cancel"/> stops new
/// steps and is forwarded to the provider calls in flight, which cancel at the provider.
/// </summary>
public sealed class PipelineOrchestrator : TaskOrchestrator<PipelineJobInput, JobOutcome>
{
    public override Task<JobOutcome> RunAsync(TaskOrchestrationContext context, PipelineJobInput input) =>
        new PipelineRun(context, input).ExecuteAsync();
}

/// <summary>The state of one run. Orchestrator code: deterministic, replayed from history.</summary>
internal sealed class PipelineRun(TaskOrchestrationContext context, PipelineJobInput job)
{
    private readonly Task<string> _cancel = context.WaitForExternalEvent<string>(JobEvents.Cancel);
    private readonly HashSet<string> _inFlight = new(StringComparer.Ordinal);
    private readonly HashSet<string> _toldToCancel = new(StringComparer.Ordinal);
    private bool _cancelled;
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
            var error = new JobError("insufficient_credits", $"This job costs {reserve.Required} credits; {reserve.Available} were available when it started.");
            return await FinishAsync(JobStatus.Failed, reserved: false, delivered: 0, result: null, error);
        }

        _credits = new JobCredits(job.TotalCredits, 0, 0);
        var shared = new Dictionary<string, StepOutput>(StringComparer.Ordinal);
        foreach (var wave in SharedStepWaves())
        {
            if (_cancelled)
            {
                break;
            }

            // The steps of a wave need nothing from each other (a character's four reference images): they run at once.
            var results = await Task.WhenAll(wave.Select(step => RunStepAsync(step, outputIndex: null, shared)).ToList());
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
            ? [new OutputResult(0, new Dictionary<string, StepOutput>(), shared.Values.LastOrDefault(), null)]
            : await RunOutputsAsync(shared);
        var delivered = outputs.Count(o => o.Succeeded);
        var result = PipelineResults.Build(job, shared, outputs);

        if (delivered > 0 && job.Kind == JobKind.Character)
        {
            await context.CallActivityAsync(nameof(SaveCharacterActivity), CharacterFrom(shared), TaskOptions.FromRetryPolicy(PipelineRetry.Idempotent));
        }

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
            while (!_cancelled && next < job.OutputCount && running.Count < Math.Max(1, job.Timings.MaxParallelOutputs))
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
            if (_cancelled)
            {
                return new OutputResult(index, own, null, StepFailure.Cancelled);
            }

            var (output, failure) = await RunStepAsync(step, index, available);
            if (failure is not null)
            {
                return new OutputResult(index, own, null, failure);
            }

            available[step.Id] = own[step.Id] = last = output!;
        }

        return new OutputResult(index, own, last, null);
    }

    private async Task<(StepOutput? Output, StepFailure? Failure)> RunStepAsync(PipelineStepSpec step, int? outputIndex, IReadOnlyDictionary<string, StepOutput> available)
    {
        var key = outputIndex is { } i ? $"{step.Id}-{i + 1}" : step.Id;
        Publish(step.Name);
        (StepOutput? Output, StepFailure? Failure) result;
        if (step.Name == PlanStepNames.Storage)
        {
            // Accounting only (R2 storage is priced into the quote); nothing to call.
            result = (new StepOutput(key, null, []), null);
        }
        else if (step.Name == PlanStepNames.Prompt)
        {
            result = await WritePromptAsync(step, key);
        }
        else
        {
            result = await CallProviderAsync(step, key, outputIndex, available);
        }

        if (result.Failure is null)
        {
            _completedSteps++;
            Publish(step.Name);
        }
        else if (result.Failure.Code != StepFailure.Cancelled.Code)
        {
            // Name the step, so "the training failed" is told apart from "a reference image failed".
            result = (null, result.Failure with { Message = $"Step '{key}' failed: {result.Failure.Message}" });
        }

        return result;
    }

    private async Task<(StepOutput?, StepFailure?)> WritePromptAsync(PipelineStepSpec step, string key)
    {
        var purpose = Literal(step, InputNames.Purpose) ?? job.Kind.ToWire();
        var prompt = context.CallActivityAsync<WrittenPrompt>(nameof(WritePromptActivity), new WritePromptInput(
            job.JobId, job.UserId, key, job.OutputType, Literal(step, InputNames.Idea) ?? string.Empty, purpose,
            job.ResultFacts.GetValueOrDefault("modelName", "image"), job.Rating, job.Character?.TriggerWord, job.ResultFacts.GetValueOrDefault("promptStyle")));
        await RaceCancelAsync(prompt);
        WrittenPrompt written;
        try
        {
            written = await prompt;
        }
        catch (TaskFailedException ex)
        {
            // like a crashed provider step: the job still ends through FinishAsync, which releases the hold now
            return (null, Crashed(step, ex));
        }

        return written.Prompt is { } text ? (new StepOutput(key, text, []), null) : (null, written.Failure);
    }

    private async Task<(StepOutput?, StepFailure?)> CallProviderAsync(PipelineStepSpec step, string key, int? outputIndex, IReadOnlyDictionary<string, StepOutput> available)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, input) in step.Inputs)
        {
            switch (input.Source)
            {
                case StepInputSource.StepOutput:
                    var from = available[input.Step!];
                    values[name] = from.Text ?? ProviderCallInput.AssetPrefix + from.Main!.Key;
                    break;
                case StepInputSource.Character:
                    values[name] = ProviderCallInput.AssetPrefix + job.Character!.LoraKey;
                    break;
                case StepInputSource.Literal when input.Values is { } list && name == InputNames.ImageUrls:
                    var packaged = await PackageImagesAsync(list);
                    if (packaged.Zip is null)
                    {
                        return (null, packaged.Failure);
                    }

                    values[InputNames.ImagesZip] = ProviderCallInput.AssetPrefix + packaged.Zip.Key;
                    break;
                default:
                    values[name] = input.Value!;
                    break;
            }
        }

        if (_cancelled)
        {
            // cancelled while the inputs were prepared (photos packaged): nothing paid has been submitted yet
            return (null, StepFailure.Cancelled);
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
        var call = new ProviderCallInput(job.JobId, job.UserId, key, step.Name, step.ModelKey, step.Variant, step.Providers, values,
            job.Rating, job.OutputType, job.Timings.For(step.Name, step.ModelKey), outputPrefix);
        var instanceId = call.InstanceIdOf();
        var child = context.CallSubOrchestratorAsync<ProviderCallResult>(nameof(ProviderCallOrchestrator), call,
            new SubOrchestrationOptions { InstanceId = instanceId });
        _inFlight.Add(instanceId);
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

    private async Task<PackagedImages> PackageImagesAsync(IReadOnlyList<string> urls)
    {
        Publish("package");
        var packaging = context.CallActivityAsync<PackagedImages>(nameof(PackageTrainingImagesActivity),
            new PackageTrainingImages(job.UserId, job.JobId, job.NewCharacter!.CharacterId, urls));
        await RaceCancelAsync(packaging);
        try
        {
            return await packaging;
        }
        catch (TaskFailedException ex)
        {
            return new PackagedImages(null, new StepFailure("step_failed", $"Packaging the photos failed unexpectedly ({ex.FailureDetails.ErrorType})."));
        }
    }

    private static StepFailure Crashed(PipelineStepSpec step, TaskFailedException ex) =>
        new("step_failed", $"The {step.Name} step failed unexpectedly ({ex.FailureDetails.ErrorType}).");

    /// <summary>Waits for <paramref name="work"/>; if the job is cancelled first, tells every provider call in flight to stop.</summary>
    private async Task RaceCancelAsync(Task work)
    {
        if (await Task.WhenAny(work, _cancel) == _cancel)
        {
            _cancelled = true;
            foreach (var instanceId in _inFlight.Where(id => _toldToCancel.Add(id)).ToList())
            {
                context.SendEvent(instanceId, ProviderCallOrchestrator.CancelEvent, "job cancelled");
            }

            Publish("cancelling");
        }
    }

    private async Task<JobOutcome> FailAsync(StepFailure failure) =>
        failure.Code == StepFailure.Cancelled.Code || _cancelled
            ? await FinishAsync(JobStatus.Cancelled, reserved: true, delivered: 0, result: null, StepFailure.Cancelled.ToJobError())
            : await FinishAsync(JobStatus.Failed, reserved: true, delivered: 0, result: null, failure.ToJobError());

    private async Task<JobOutcome> FinishAsync(JobStatus status, bool reserved, int delivered, System.Text.Json.Nodes.JsonObject? result, JobError? error)
    {
        Publish("finish");
        _credits = await context.CallActivityAsync<JobCredits>(nameof(FinishJobActivity),
            new FinishJob(job.UserId, job.JobId, job.OutputType, reserved, delivered * job.CreditsPerOutput, delivered, status),
            TaskOptions.FromRetryPolicy(PipelineRetry.Idempotent));
        if (job.NewCharacter is { } character && status != JobStatus.Succeeded)
        {
            // No character record will ever point at them: the training zip and any LoRA or reference image already stored.
            await context.CallActivityAsync(nameof(DeleteCharacterFilesActivity), new DeleteCharacterFiles(job.UserId, character.CharacterId), TaskOptions.FromRetryPolicy(PipelineRetry.Idempotent));
        }
        Publish(status.ToWire());
        return new JobOutcome(status, result, error, _credits);
    }

    private CharacterRecord CharacterFrom(IReadOnlyDictionary<string, StepOutput> shared)
    {
        var character = job.NewCharacter!;
        var trained = shared[PlanStepNames.Train];
        var references = shared.Values
            .Where(s => s.StepKey.StartsWith(PlanStepNames.Reference, StringComparison.Ordinal) && s.Main is not null)
            .OrderBy(s => s.StepKey, StringComparer.Ordinal)
            .Select(s => new CharacterImage(s.Main!.Key, s.Main.Width, s.Main.Height))
            .ToList();
        return new CharacterRecord(job.UserId, character.CharacterId, character.Name, character.TriggerWord,
            trained.Assets.First(a => a.Role == AssetRoles.Lora).Key, trained.Assets.FirstOrDefault(a => a.Role == AssetRoles.Config)?.Key,
            references, character.Steps, job.JobId, context.CurrentUtcDateTime);
    }

    private void Publish(string step) =>
        context.SetCustomStatus(new JobCustomStatus(new JobProgress(step, _completedSteps, job.TotalSteps), _credits));

    /// <summary>The hold outlives every deadline of the plan; the sweeper releases it only if the job is gone.</summary>
    private TimeSpan HoldLifetime()
    {
        // A step may wait out its deadline at each of its providers in turn (failover).
        double Longest(PipelineStepSpec s) => job.Timings.For(s.Name, s.ModelKey).Deadline.TotalMinutes * Math.Max(1, s.Providers.Count);
        var perOutput = job.OutputSteps.Sum(Longest);
        var total = job.SharedSteps.Sum(Longest)
            + (perOutput * Math.Ceiling(job.OutputCount / (double)Math.Max(1, job.Timings.MaxParallelOutputs)));
        return TimeSpan.FromMinutes(total) + TimeSpan.FromHours(1);
    }

    private static string? Literal(PipelineStepSpec step, string name) =>
        step.Inputs.TryGetValue(name, out var input) && input.Source == StepInputSource.Literal ? input.Value : null;
}

internal static class StepFailureExtensions
{
    public static JobError ToJobError(this StepFailure failure) => new(failure.Code, failure.Message);
}
