using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Natak.Assets;
using Natak.Core.Pricing;
using Natak.Orchestrations.Pipelines.Progress;
using Natak.Orchestrations.Telemetry;
using Natak.Orchestrations.Webhooks;
using Natak.Providers;
using Natak.Providers.Fal;
using Natak.Providers.WaveSpeed;
using Natak.Tables.Jobs;

namespace Natak.Orchestrations.Pipelines.ProviderCalls;

/// <summary>
/// Submits one paid request. Exactly one HTTP POST: this activity has no retry policy, and the clients never
/// re-send a submit, because a second send can generate — and bill — twice. Inputs stored in R2 are handed to
/// the provider as presigned URLs that outlive the step's deadline. The accepted request is written to the step's
/// note before the activity returns, and read first: an activity run again (the host died before its result was
/// recorded) returns that request instead of sending a second one.
/// </summary>
public sealed class SubmitProviderRequestActivity(
    FalClient fal,
    WaveSpeedClient waveSpeed,
    PricingCatalog catalog,
    IAssetStore assets,
    WebhookUrls webhooks,
    JobProgressWriter progress,
    JobIndex jobs,
    TimeProvider time,
    ILogger<SubmitProviderRequestActivity> logger) : TaskActivity<SubmitRequest, SubmitOutcome>
{
    public override async Task<SubmitOutcome> RunAsync(TaskActivityContext context, SubmitRequest input)
    {
        var call = input.Call;
        JobTelemetry.Tag(call.JobId, call.UserId, call.StepKey);
        var endpoint = catalog.Model(call.ModelKey).Endpoint(input.Provider, call.Variant)
            ?? throw new InvalidOperationException($"The catalogue has no {input.Provider} endpoint for {call.ModelKey}/{call.Variant}.");
        var values = await ResolveAssetsAsync(call);
        var body = endpoint.BuildInput(values, call.Rating);
        if (await AcceptedEarlierAsync(input) is { } earlier)
        {
            Logs.SubmitFoundEarlier(logger, call.JobId, call.StepKey, earlier.Provider, earlier.RequestId);
            return new SubmitOutcome(earlier, null);
        }

        var webhook = webhooks.For(input.Provider, call.JobId, call.StepKey);
        try
        {
            ProviderHandle handle;
            switch (input.Provider)
            {
                case ProviderNames.Fal:
                    var request = await fal.SubmitAsync(endpoint.ModelId, body, webhook);
                    handle = new ProviderHandle(ProviderNames.Fal, endpoint.ModelId, request.RequestId,
                        request.StatusUrl.ToString(), request.ResponseUrl.ToString(), request.CancelUrl.ToString());
                    break;
                case ProviderNames.WaveSpeed:
                    var prediction = await waveSpeed.SubmitAsync(endpoint.ModelId, body, webhook);
                    handle = new ProviderHandle(ProviderNames.WaveSpeed, endpoint.ModelId, prediction.Id, null, prediction.ResultUrl?.ToString(), null);
                    break;
                default:
                    throw new InvalidOperationException("Unknown provider " + input.Provider);
            }

            handle = handle with { SubmittedUtc = time.GetUtcNow() };
            JobTelemetry.TagProvider(handle.Provider, handle.ModelId, handle.RequestId);
            Logs.Submitted(logger, call.JobId, call.StepKey, handle.Provider, handle.ModelId, handle.RequestId);
            await WriteAsync(input, step => step with { Provider = handle.Provider, RequestId = handle.RequestId, Handle = JsonSerializer.Serialize(handle) });
            return new SubmitOutcome(handle, null);
        }
        catch (ProviderException ex)
        {
            Logs.SubmitRefused(logger, call.JobId, call.StepKey, input.Provider, ex.ErrorCode);
            var failure = ex.Failure.ToStepFailure();
            if (failure.Refused)
            {
                // Nothing was created: the step waits for the provider's limit, and the person reading the job sees why.
                await WriteAsync(input, step => step with { State = JobStepState.Waiting, WaitingFor = "provider_limit", Provider = input.Provider });
            }

            return new SubmitOutcome(null, failure);
        }
    }

    /// <summary>The request this very attempt already had accepted, if an earlier run of it got that far (one point read).</summary>
    private async Task<ProviderHandle?> AcceptedEarlierAsync(SubmitRequest input)
    {
        if (input.Note is not { } note)
        {
            return null;
        }

        var row = await jobs.GetAsync(note.UserId, note.JobId);
        var step = row?.Steps.FirstOrDefault(s => s.Key == input.Call.StepKey);
        return step is { Handle: { } json } && step.Provider == input.Provider && step.Attempts == input.Attempt
            ? JsonSerializer.Deserialize<ProviderHandle>(json)
            : null;
    }

    /// <summary>The step's note, as this attempt left it (which provider, which attempt, which request).</summary>
    private Task WriteAsync(SubmitRequest input, Func<JobStepState, JobStepState> change) =>
        input.Note is { } note
            ? progress.WriteAsync(note.WithStep(step => change(step with { Attempts = input.Attempt, FailedOverFrom = input.FailedOverFrom }), time.GetUtcNow()))
            : Task.CompletedTask;

    private async Task<Dictionary<string, string>> ResolveAssetsAsync(ProviderCallInput call)
    {
        // The URL must stay valid while the request waits in the provider's queue and runs.
        var lifetime = call.Wait.Deadline + TimeSpan.FromHours(1);
        if (lifetime > TimeSpan.FromDays(7))
        {
            lifetime = TimeSpan.FromDays(7);
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in call.Values)
        {
            values[name] = value.StartsWith(ProviderCallInput.AssetPrefix, StringComparison.Ordinal)
                ? (await assets.GetDownloadUrlAsync(value[ProviderCallInput.AssetPrefix.Length..], lifetime)).Url.ToString()
                : value;
        }

        return values;
    }
}
