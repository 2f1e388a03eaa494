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
        return Add(_shared, StepKind.Prompt, perOutput: false, PlanStepNames.Prompt, catalog.Pipeline.Prompt, EndpointVariants.Default,
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

    /// <summary>A paid provider call that runs once for the whole request.</summary>
    public StepInput Shared(string name, string modelKey, string variant, Units units, Dictionary<string, StepInput> inputs, string? id = null,
        ResultPart result = ResultPart.None) =>
        Add(_shared, StepKind.ProviderCall, perOutput: false, name, modelKey, variant, units, inputs, id, result);

    /// <summary>A paid provider call that runs once per output.</summary>
    public StepInput PerOutput(string name, string modelKey, string variant, Units units, Dictionary<string, StepInput> inputs,
        ResultPart result = ResultPart.None) =>
        Add(_perOutput, StepKind.ProviderCall, perOutput: true, name, modelKey, variant, units, inputs, id: null, result);

    /// <summary>Natak packages the photos into the zip training takes: a shared step at $0, so the quote shows it.</summary>
    public StepInput PackagePhotos(IReadOnlyList<string> photoUrls)
    {
        var step = new PlanStep
        {
            Id = PlanStepNames.Package,
            Name = PlanStepNames.Package,
            Kind = StepKind.PackagePhotos,
            Inputs = new Dictionary<string, StepInput> { [InputNames.ImageUrls] = StepInput.List(photoUrls) },
            PerOutput = false,
            Units = Units.None,
            UnitCostUsd = 0m,
        };
        _shared.Add(step);
        return StepInput.FromStep(step.Id);
    }

    /// <summary>A line priced into the quote that runs nothing (a character's month of storage).</summary>
    public void Accounting(string name, string modelKey, Units units) =>
        Add(_shared, StepKind.Accounting, perOutput: false, name, modelKey, EndpointVariants.Default, units, [], id: null, ResultPart.None);

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

    private StepInput Add(List<PlanStep> steps, StepKind stepKind, bool perOutput, string name, string modelKey, string variant, Units units,
        Dictionary<string, StepInput> inputs, string? id = null, ResultPart result = ResultPart.None)
    {
        var model = catalog.Model(modelKey);
        var endpoints = model.EndpointsFor(variant);
        if (endpoints.Count == 0)
        {
            throw new InvalidOperationException($"No provider offers '{modelKey}' as '{variant}'; was the request validated?");
        }

        var step = new PlanStep
        {
            Id = id ?? name,
            Name = name,
            Kind = stepKind,
            ModelKey = modelKey,
            ModelKind = model.Kind,
            Variant = variant,
            Endpoints = endpoints,
            Inputs = inputs,
            PerOutput = perOutput,
            Result = result,
            Units = units,
            UnitCostUsd = catalog.CostOf(modelKey, endpoints[0].Provider, units, variant),
        };
        steps.Add(step);
        return StepInput.FromStep(step.Id);
    }
}
