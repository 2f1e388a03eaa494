using Natak.Core.Requests;

namespace Natak.Core.Pricing;

/// <summary>Validates, plans and prices requests: the quote route, and the credits a start route reserves.</summary>
public sealed class QuoteEngine(PricingCatalog catalog, UrlPolicy urls)
{
    private const int CostDecimals = 6;

    private readonly RequestValidator _validator = new(catalog, urls);
    private readonly PipelinePlanner _planner = new(catalog);

    /// <summary>The quote route: read the <c>{kind, request}</c> envelope, validate like the start route, plan, price.</summary>
    public QuoteOutcome Quote(QuoteRequest request)
    {
        // the envelope's validation already validated the typed request
        var errors = _validator.Validate(request, out var typed);
        return PlanAndPrice(errors, typed);
    }

    /// <summary>Validate, plan and price one request.</summary>
    public QuoteOutcome Quote(IMediaRequest request) => PlanAndPrice(_validator.Validate(request), request);

    private QuoteOutcome PlanAndPrice(ValidationErrors errors, IMediaRequest? request)
    {
        if (!errors.IsValid || request is null)
        {
            return new QuoteOutcome(errors, null, null);
        }

        var plan = _planner.Plan(request);
        return new QuoteOutcome(errors, Price(plan), plan);
    }

    /// <summary>The quote of a plan: one line per step with its cost over all its runs.</summary>
    public static Quote Price(PipelinePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var steps = plan.Runs
            .Select(run => new QuoteStep(
                run.Step.Name,
                run.Step.Provider,
                run.Step.ProviderModelId,
                Math.Round(run.Step.UnitCostUsd * run.Runs, CostDecimals, MidpointRounding.AwayFromZero),
                run.Runs))
            .ToList();
        return new Quote
        {
            Credits = plan.TotalCredits,
            CostUsd = steps.Sum(s => s.CostUsd),
            Steps = steps,
            OutputType = plan.OutputType,
            OutputCount = plan.OutputCount,
            CreditsPerOutput = plan.CreditsPerOutput,
        };
    }
}
