using Microsoft.DurableTask;
using Natak.Core.Pricing;
using Natak.Orchestrations.Pipelines.Progress;
using Natak.Orchestrations.Telemetry;
using Natak.Orchestrations.Pipelines.ProviderCalls;
using Natak.Providers;
using Natak.Providers.Xai;
using Natak.Tables.Spend;

namespace Natak.Orchestrations.Pipelines.Activities;

public sealed record WritePromptInput(string JobId, string UserId, string StepKey, string OutputType, string Idea, string Purpose, string TargetModelName, string Rating, string? TriggerWord, string? PromptStyle = null)
{
    /// <summary>The job's progress as the prompt starts, and once it is written.</summary>
    public JobNote? Running { get; init; }

    public JobNote? Done { get; init; }
}

public sealed record WrittenPrompt(string? Prompt, decimal CostUsd, StepFailure? Failure);

/// <summary>
/// Expands a user's idea into a prompt with Grok (one chat completion) and records its token cost. Like every
/// paid call it is not retried automatically: a repeat would bill the tokens twice.
/// </summary>
public sealed class WritePromptActivity(XaiClient xai, PricingCatalog catalog, SpendStore spend, JobProgressWriter progress, TimeProvider time) : TaskActivity<WritePromptInput, WrittenPrompt>
{
    public const int MaxPromptLength = 2000;

    public override async Task<WrittenPrompt> RunAsync(TaskActivityContext context, WritePromptInput input)
    {
        JobTelemetry.Tag(input.JobId, input.UserId, input.StepKey);
        await progress.WriteAsync(input.Running);
        XaiChatCompletion completion;
        try
        {
            completion = await xai.CompleteAsync(new XaiChatRequest(
            [
                XaiChatMessage.System(PromptInstructions.For(input.Purpose, input.TargetModelName, input.Rating, input.TriggerWord, input.PromptStyle)),
                XaiChatMessage.User(input.Idea),
            ])
            {
                Temperature = 0.8,
                MaxTokens = 400,
            });
        }
        catch (ProviderException ex)
        {
            return new WrittenPrompt(null, 0, ex.Failure.ToStepFailure());
        }

        var modelKey = catalog.Pipeline.Prompt;
        var inputCost = catalog.CostOf(modelKey, ProviderNames.Xai, Units.Tokens(completion.Usage.PromptTokens, 0));
        var outputCost = catalog.CostOf(modelKey, ProviderNames.Xai, Units.Tokens(0, completion.Usage.BillableOutputTokens));
        var now = time.GetUtcNow();
        await spend.RecordAsync(new SpendRecord(input.JobId, input.StepKey + ":in", input.UserId, input.OutputType, ProviderNames.Xai, completion.Model,
            completion.Usage.PromptTokens, SpendUnit.TokensIn, inputCost, null, now));
        await spend.RecordAsync(new SpendRecord(input.JobId, input.StepKey + ":out", input.UserId, input.OutputType, ProviderNames.Xai, completion.Model,
            completion.Usage.BillableOutputTokens, SpendUnit.TokensOut, outputCost, null, now));

        var prompt = completion.Content.Trim().Trim('"').Trim();
        if (prompt.Length == 0)
        {
            return new WrittenPrompt(null, inputCost + outputCost, new StepFailure("prompt_failed", "The prompt writer returned nothing for this idea."));
        }

        prompt = TriggerWords.Lead(prompt.Length > MaxPromptLength ? prompt[..MaxPromptLength] : prompt, input.TriggerWord);
        await progress.WriteAsync(input.Done);
        return new WrittenPrompt(prompt, inputCost + outputCost, null);
    }
}

/// <summary>A character's trigger word leads every prompt sent with its LoRA.</summary>
public static class TriggerWords
{
    public static string Lead(string prompt, string? triggerWord) =>
        string.IsNullOrWhiteSpace(triggerWord) || prompt.StartsWith(triggerWord, StringComparison.Ordinal)
            ? prompt
            : triggerWord + ", " + prompt;
}
