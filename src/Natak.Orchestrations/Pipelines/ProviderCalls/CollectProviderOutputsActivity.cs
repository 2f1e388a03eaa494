using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Natak.Assets;
using Natak.Core.Jobs;
using Natak.Core.Media;
using Natak.Core.Pricing;
using Natak.Orchestrations.Jobs;
using Natak.Orchestrations.Pipelines.Activities;
using Natak.Orchestrations.Telemetry;
using Natak.Providers;
using Natak.Providers.Fal;
using Natak.Providers.WaveSpeed;
using Natak.Orchestrations.Pipelines.Progress;
using Natak.Tables.Jobs;
using Natak.Tables.Spend;

namespace Natak.Orchestrations.Pipelines.ProviderCalls;

/// <summary>
/// Fetches a finished request's result, copies its files into R2 under the user's prefix (providers' CDN URLs
/// expire), measures what was delivered (image pixels, video seconds and audio, from the stored bytes), prices it
/// with the catalogue and records the spend, then writes the step's "done" note (with the output, when the step's file
/// is its output's, so a batch's images appear one by one). While R2 or the provider's files cannot be reached it
/// answers <see cref="StepFailure.StorageUnavailable"/> (and notes the step waits for storage) instead of failing: the
/// orchestration tries again later. Safe to repeat: keys and the spend row are per job step.
/// </summary>
public sealed class CollectProviderOutputsActivity(
    FalClient fal,
    WaveSpeedClient waveSpeed,
    IAssetStore assets,
    PricingCatalog catalog,
    SpendStore spend,
    JobProgressWriter progress,
    JobSettlement settlement,
    TimeProvider time,
    ILogger<CollectProviderOutputsActivity> logger) : TaskActivity<CollectRequest, CollectOutcome>
{
    /// <summary>How much of a video is read to find its moov box when the index follows the media data.</summary>
    private const int MaxProbeBytes = 64 * 1024 * 1024;

    /// <summary>How much of an image is kept from the copy to read its size (the read back used the same).</summary>
    private const int ImageProbeBytes = 1024 * 1024;

    public override async Task<CollectOutcome> RunAsync(TaskActivityContext context, CollectRequest input)
    {
        var (call, handle) = (input.Call, input.Handle);
        JobTelemetry.Tag(call.JobId, call.UserId, call.StepKey);
        JobTelemetry.TagProvider(handle.Provider, handle.ModelId, handle.RequestId);
        JsonNode? payload = null;
        IReadOnlyList<Uri> outputs = [];
        try
        {
            if (handle.Provider == ProviderNames.Fal)
            {
                payload = (await fal.GetResultAsync(FalHandles.From(handle))).Payload;
            }
            else
            {
                var prediction = await waveSpeed.GetResultAsync(handle.RequestId, handle.ResponseUrl is null ? null : new Uri(handle.ResponseUrl));
                if (!prediction.Succeeded)
                {
                    return Failed(prediction.Failure?.ToStepFailure() ?? new StepFailure("provider_failed", "WaveSpeed did not complete the request.", Transient: true));
                }

                outputs = prediction.Outputs;
            }
        }
        catch (ProviderException ex) when (!ex.IsRetryable)
        {
            // a retryable one (throttled, unavailable) is thrown: the orchestrator's retry policy fetches again
            return Failed(ex.Failure.ToStepFailure());
        }

        var files = OutputLayout.Files(call.ModelKind, handle.Provider, payload, outputs);
        if (files.Count == 0)
        {
            return Failed(new StepFailure("provider_failed", $"{handle.Provider} reported success but returned no output file.", Transient: true));
        }

        var stored = new List<AssetRef>();
        try
        {
            for (var i = 0; i < files.Count; i++)
            {
                var (role, url) = files[i];
                var key = OutputKey(call, $"{call.StepKey}-{role}{OutputLayout.ExtensionOf(url)}");
                var copied = await assets.CopyFromUrlWithPrefixAsync(url, key, OutputLayout.AllowedTypes(role), role == AssetRoles.Video ? 0 : ImageProbeBytes);
                stored.Add(await MeasureAsync(copied, role));
            }
        }
        catch (Exception ex) when (AssetStoreFailures.IsTransient(ex))
        {
            return await StorageUnavailableAsync(input, ex);
        }
        catch (SafeFetchException ex)
        {
            return Failed(new StepFailure("output_unusable", $"The provider's output could not be stored: {ex.Message}", Transient: false));
        }

        var units = Measure(call, stored[0]);
        var cost = catalog.CostOf(call.ModelKey, handle.Provider, units, call.Variant);
        await RecordSpendAsync(call, handle, units, cost, undelivered: false);
        JobTelemetry.TagProvider(handle.Provider, handle.ModelId, handle.RequestId, cost);
        if (handle.SubmittedUtc is { } submitted)
        {
            JobTelemetry.StepDelivered(handle.Provider, handle.ModelId, time.GetUtcNow() - submitted);
        }

        var seed = payload?["seed"]?.GetValueKind() == System.Text.Json.JsonValueKind.Number ? payload["seed"]!.GetValue<long>() : (long?)null;
        if (input.Note is { } note)
        {
            var change = note.Change with
            {
                At = time.GetUtcNow(),
                Steps = [.. note.Change.Steps.Select(step => step with { Provider = handle.Provider, RequestId = handle.RequestId, Via = input.Via })],
                Output = call.Final && call.OutputIndex is { } index && call.ModelKind != ModelKind.Video
                    ? new JobOutputItem(index, PipelineResults.OutputEntry(stored[0], call.ResultSeed ?? seed).ToJsonString())
                    : null,
            };
            await progress.WriteAsync(note with { Change = change });
        }

        return new CollectOutcome(stored, seed, cost, null) { Settled = input.Settle is { } settle ? await SettleAsync(settle, new StepOutput(call.StepKey, null, stored, seed)) : null };
    }

    /// <summary>
    /// Ends the job whose only output this step delivered, as <see cref="FinishJobActivity"/> would. Once: if the
    /// settlement fails, the output stays collected and the orchestration ends the job with that activity and its
    /// own retries (every part of a settlement is idempotent), rather than this activity copying the output again.
    /// </summary>
    private async Task<FinishedJob?> SettleAsync(SettleWithOutput settle, StepOutput final)
    {
        var job = settle.Job;
        var own = job.OutputSteps.Where(s => settle.Available.ContainsKey(s.Id)).ToDictionary(s => s.Id, s => settle.Available[s.Id], StringComparer.Ordinal);
        own[settle.StepId] = final;
        var result = PipelineResults.Build(job, settle.Available, [new OutputResult(0, own, final, null)], character: null);
        try
        {
            var settled = await settlement.SettleAsync(new JobEnding(job.UserId, job.JobId, job.OutputType, job.CreditsPerOutput, 1, JobStatus.Succeeded)
            {
                ResultJson = result.ToJsonString(),
                Steps = settle.Steps,
                Known = (job.Kind, job.CreatedAt),
            });
            return new FinishedJob(settled.Credits, settled.NextJobId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logs.SettleWithOutputFailed(logger, ex, job.JobId);
            return null;
        }
    }

    /// <summary>
    /// The outputs are paid for and still at the provider, but cannot be stored now: the step waits for storage (and
    /// the person reading the job sees why). On the last try the spend is recorded as paid but undelivered, at the
    /// catalogue's estimate (nothing was measured).
    /// </summary>
    private async Task<CollectOutcome> StorageUnavailableAsync(CollectRequest input, Exception ex)
    {
        var (call, handle) = (input.Call, input.Handle);
        if (input.LastAttempt)
        {
            await spend.RecordAsync(new SpendRecord(call.JobId, call.StepKey, call.UserId, call.OutputType, handle.Provider, handle.ModelId,
                1, SpendUnit.Requests, call.EstimatedCostUsd, CreditsCharged: null, time.GetUtcNow()) { Undelivered = true });
        }
        else if ((input.Note ?? input.WaitingNote) is { } note)
        {
            await progress.WriteAsync(note.WithStep(step => step with
            {
                State = JobStepState.Waiting,
                WaitingFor = "storage",
                Label = step.Label + " (waiting for storage)",
                Provider = handle.Provider,
                RequestId = handle.RequestId,
            }, time.GetUtcNow()));
        }

        return Failed(new StepFailure(StepFailure.StorageUnavailable,
            $"The outputs of {handle.Provider} request {handle.RequestId} could not be stored ({ex.GetType().Name}: {ex.Message})", Transient: true));
    }

    /// <summary>The job's folder, or the call's own output folder (which must lie inside the user's prefix).</summary>
    private static string OutputKey(ProviderCallInput call, string name)
    {
        if (call.OutputPrefix is not { } prefix)
        {
            return AssetKeys.Job(call.UserId, call.JobId, name);
        }

        var key = prefix + AssetKeys.SanitizeFileName(name);
        return AssetKeys.IsValidPrefix(prefix) && AssetKeys.BelongsToUser(key, call.UserId)
            ? key
            : throw new InvalidOperationException($"Output folder '{prefix}' is not inside user {call.UserId}'s prefix.");
    }

    /// <summary>Measures the stored copy: what was delivered is what is priced.</summary>
    private async Task<AssetRef> MeasureAsync(CopiedAsset copy, string role)
    {
        var copied = copy.Stored;
        if (role is AssetRoles.Lora or AssetRoles.Config)
        {
            return new AssetRef(copied.Key, copied.ContentType, copied.Size, Role: role);
        }

        if (role != AssetRoles.Video)
        {
            // An image's header is in its first bytes, which passed through on the way in: no read back.
            return Describe(copied, copy.Prefix.Span, role);
        }

        await using var download = await assets.OpenReadAsync(copied.Key) ?? throw new InvalidOperationException("copied object vanished: " + copied.Key);
        var bytes = await ReadPrefixAsync(download.Content, MaxProbeBytes);
        return Describe(copied, bytes, role);
    }

    private static AssetRef Describe(StoredAsset asset, ReadOnlySpan<byte> bytes, string role)
    {
        if (role is AssetRoles.Image or AssetRoles.Mask && ImageHeader.Read(bytes) is { } size)
        {
            return new AssetRef(asset.Key, asset.ContentType, asset.Size, size.Width, size.Height, Role: role);
        }

        if (role == AssetRoles.Video && Mp4Probe.Probe(bytes) is { } video)
        {
            return new AssetRef(asset.Key, asset.ContentType, asset.Size, video.Width, video.Height, video.DurationSeconds, video.HasAudio, role);
        }

        return new AssetRef(asset.Key, asset.ContentType, asset.Size, Role: role);
    }

    /// <summary>What the model kind is billed on: training steps, video seconds, or the delivered image's pixels (else one request).</summary>
    private static Units Measure(ProviderCallInput call, AssetRef main) => call.ModelKind switch
    {
        ModelKind.Training => Units.TrainingSteps(int.Parse(call.Values[InputNames.Steps], CultureInfo.InvariantCulture)),
        ModelKind.Video => VideoUnits(call, main),
        _ when main.Width is { } w && main.Height is { } h => Units.Image(w, h),
        _ => Units.Request(),
    };

    /// <summary>
    /// Video is billed on what was ordered: providers price the requested length and sound track, and a "5 s" clip
    /// measures a few frames more or less (5.04 s would cost a whole extra second at Kling 2.1's base-plus-extra
    /// price). The measured figures count only where nothing was ordered (an animate's length follows its driving video).
    /// </summary>
    private static Units VideoUnits(ProviderCallInput call, AssetRef main)
    {
        var seconds = call.Values.TryGetValue(InputNames.Duration, out var duration)
            ? decimal.Parse(duration, NumberStyles.Number, CultureInfo.InvariantCulture)
            : main.DurationSeconds ?? 0;
        var audio = call.Values.TryGetValue(InputNames.Audio, out var ordered) ? ordered == "true" : main.HasAudio ?? false;
        return Units.Video(seconds, call.Values.GetValueOrDefault(InputNames.Resolution), audio);
    }

    private async Task RecordSpendAsync(ProviderCallInput call, ProviderHandle handle, Units units, decimal cost, bool undelivered)
    {
        var (quantity, unit) = units switch
        {
            { Steps: > 0 } => ((decimal)units.Steps, SpendUnit.Steps),
            { Seconds: > 0 } => (units.Seconds, SpendUnit.Seconds),
            { Megapixels: > 0 } => (units.Megapixels, SpendUnit.Megapixels),
            _ => (units.Requests, SpendUnit.Requests),
        };
        await spend.RecordAsync(new SpendRecord(call.JobId, call.StepKey, call.UserId, call.OutputType, handle.Provider, handle.ModelId,
            quantity, unit, cost, CreditsCharged: null, time.GetUtcNow()) { Undelivered = undelivered });
    }

    private static async Task<byte[]> ReadPrefixAsync(Stream stream, int max)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < max && (read = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, max - buffer.Length)))) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static CollectOutcome Failed(StepFailure failure) => new([], null, 0, failure);
}
