using Natak.Core.Jobs;
using Natak.Core.Requests;

namespace Natak.Core.Pricing;

/// <summary>Collects a plan's steps, features and quantities, prices each step, and prices the output at the end.</summary>
internal sealed class PlanBuilder(PricingCatalog catalog, JobKind kind, string rating)
{
    private readonly List<PlanStep> _shared = [];
    private readonly List<PlanStep> _perOutput = [];

    public HashSet<string> Features { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, decimal> Quantities { get; } = new(StringComparer.Ordinal);

    /// <summary>The prompt as a step input: the literal prompt, or the output of a prompt step expanding the idea.</summary>
    public StepInput PromptInput(string? prompt, string? idea)
    {
        if (!RequestDefaults.Given(idea))
        {
            return StepInput.Literal(prompt!);
        }

        Features.Add(OutputFeatures.Idea);
        var estimates = catalog.Estimates;
        return Shared(PlanStepNames.Prompt, catalog.Pipeline.Prompt, EndpointVariants.Default,
            Units.Tokens(estimates.PromptInputTokens, estimates.PromptOutputTokens), new()
            {
                [InputNames.Idea] = StepInput.Literal(idea!),
                [InputNames.Rating] = StepInput.Literal(rating),
                [InputNames.Purpose] = StepInput.Literal(kind.ToWire()),
            });
    }

    public StepInput? CharacterLora(string? characterId)
    {
        if (characterId is null)
        {
            return null;
        }

        Features.Add(OutputFeatures.Character);
        return StepInput.FromCharacter(characterId);
    }

    public StepInput Shared(string name, string modelKey, string variant, Units units, Dictionary<string, StepInput> inputs, string? id = null) =>
        Add(_shared, perOutput: false, name, modelKey, variant, units, inputs, id);

    public StepInput PerOutput(string name, string modelKey, string variant, Units units, Dictionary<string, StepInput> inputs) =>
        Add(_perOutput, perOutput: true, name, modelKey, variant, units, inputs, id: null);

    /// <summary>
    /// Prices the output: fixed prices by rule, otherwise the formula over the cost of one output — its own steps plus
    /// an equal share of the shared steps.
    /// </summary>
    public PipelinePlan Build(string? model, string? resolution, int outputCount, string? prompt)
    {
        var facts = new OutputFacts
        {
            Kind = kind,
            Model = model,
            Resolution = resolution,
            Features = Features,
            Quantities = Quantities,
        };
        var costPerOutput = _perOutput.Sum(s => s.UnitCostUsd) + _shared.Sum(s => s.UnitCostUsd) / outputCount;
        var (type, credits) = catalog.PriceOutput(facts, costPerOutput);
        return new PipelinePlan
        {
            Kind = kind,
            OutputType = type.Key,
            OutputCount = outputCount,
            CreditsPerOutput = credits,
            Prompt = RequestDefaults.Given(prompt) ? prompt : null,
            Rating = rating,
            Facts = facts,
            SharedSteps = _shared,
            OutputSteps = _perOutput,
        };
    }

    private StepInput Add(List<PlanStep> steps, bool perOutput, string name, string modelKey, string variant, Units units,
        Dictionary<string, StepInput> inputs, string? id)
    {
        var endpoints = catalog.Model(modelKey).EndpointsFor(variant);
        if (endpoints.Count == 0)
        {
            throw new InvalidOperationException($"No provider offers '{modelKey}' as '{variant}'; was the request validated?");
        }

        var step = new PlanStep
        {
            Id = id ?? name,
            Name = name,
            ModelKey = modelKey,
            Variant = variant,
            Endpoints = endpoints,
            Inputs = inputs,
            PerOutput = perOutput,
            Units = units,
            UnitCostUsd = catalog.CostOf(modelKey, endpoints[0].Provider, units, variant),
        };
        steps.Add(step);
        return StepInput.FromStep(step.Id);
    }
}
