using Natak.Core.Pricing;

namespace Natak.Orchestrations.Pipelines.ProviderCalls;

/// <summary>
/// One paid provider step of a job. <see cref="ModelKind"/> (the catalogue model's kind) says what the outputs are
/// and how they are measured. <see cref="Values"/> are the step's logical inputs (catalogue input names);
/// a value <c>asset:{key}</c> is an object in R2 that the submitting activity presigns for the provider.
/// <see cref="OutputPrefix"/> (a folder under the user's prefix, ending in <c>/</c>) stores the outputs somewhere
/// other than the job's folder: a new character's LoRA and reference images live in the character's folder, so
/// deleting the character is one prefix delete.
/// </summary>
public sealed record ProviderCallInput(
    string JobId,
    string UserId,
    string StepKey,
    ModelKind ModelKind,
    string ModelKey,
    string Variant,
    IReadOnlyList<string> Providers,
    IReadOnlyDictionary<string, string> Values,
    string Rating,
    string OutputType,
    StepWait Wait,
    string? OutputPrefix = null)
{
    public const string AssetPrefix = "asset:";

    /// <summary>The catalogue's estimate of one run at the first provider: the spend recorded when outputs are paid for but cannot be stored.</summary>
    public decimal EstimatedCostUsd { get; init; }

    /// <summary>The output the step belongs to (from 0), or null for a shared step; and whether its output is its output's final file.</summary>
    public int? OutputIndex { get; init; }

    public bool Final { get; init; }

    /// <summary>The seed an earlier step of the same output generated with, for the output's result entry.</summary>
    public long? ResultSeed { get; init; }
}
