using Natak.Core.Jobs;
using Natak.Core.Requests;

namespace Natak.Core.Pricing;

/// <summary>
/// What a validated request will run and what it costs. The job orchestration runs <see cref="SharedSteps"/> once, in order,
/// then <see cref="OutputSteps"/> in order once per output (fan-out of <see cref="OutputCount"/>), feeding each step
/// the outputs of the steps its inputs name. Each output is charged <see cref="CreditsPerOutput"/>.
/// </summary>
public sealed record PipelinePlan
{
    public required JobKind Kind { get; init; }

    /// <summary>The output type key (<c>premium-image</c>) the ledger and the cost report group by.</summary>
    public required string OutputType { get; init; }

    public required int OutputCount { get; init; }

    public required int CreditsPerOutput { get; init; }

    /// <summary>The prompt when it is known up front; <c>null</c> when a prompt step writes it.</summary>
    public string? Prompt { get; init; }

    public required string Rating { get; init; }

    /// <summary>What the credit rules saw (model, resolution, features, quantities).</summary>
    public required OutputFacts Facts { get; init; }

    public required IReadOnlyList<PlanStep> SharedSteps { get; init; }

    public required IReadOnlyList<PlanStep> OutputSteps { get; init; }

    public int TotalCredits => CreditsPerOutput * OutputCount;

    /// <summary>Every step in execution order, with how many times it runs.</summary>
    public IEnumerable<(PlanStep Step, int Runs)> Runs =>
        SharedSteps.Select(s => (s, 1)).Concat(OutputSteps.Select(s => (s, OutputCount)));

    /// <summary>The estimated provider cost of the whole request.</summary>
    public decimal CostUsd => Runs.Sum(r => r.Step.UnitCostUsd * r.Runs);
}
