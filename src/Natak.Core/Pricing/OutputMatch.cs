using Natak.Core.Jobs;
using Natak.Core.Requests;

namespace Natak.Core.Pricing;

/// <summary>
/// The rule selecting an output type: the request kind, and optionally the models, resolutions, features that
/// must all be present, features of which one must be present, and features that must be absent.
/// </summary>
public sealed record OutputMatch
{
    public required JobKind Kind { get; init; }

    public IReadOnlyList<string> Models { get; init; } = [];

    public IReadOnlyList<string> Resolutions { get; init; } = [];

    [OutputFeatureNames]
    public IReadOnlyList<string> Features { get; init; } = [];

    [OutputFeatureNames]
    public IReadOnlyList<string> AnyFeature { get; init; } = [];

    [OutputFeatureNames]
    public IReadOnlyList<string> NoFeatures { get; init; } = [];

    /// <summary>True when the rule only names a kind, so it catches every output of that kind.</summary>
    public bool IsCatchAll =>
        Models.Count == 0 && Resolutions.Count == 0 && Features.Count == 0 && AnyFeature.Count == 0 && NoFeatures.Count == 0;

    public bool Matches(OutputFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return facts.Kind == Kind
            && (Models.Count == 0 || (facts.Model is not null && Models.Contains(facts.Model, StringComparer.Ordinal)))
            && (Resolutions.Count == 0 || (facts.Resolution is not null && Resolutions.Contains(facts.Resolution, StringComparer.Ordinal)))
            && Features.All(facts.Features.Contains)
            && (AnyFeature.Count == 0 || AnyFeature.Any(facts.Features.Contains))
            && !NoFeatures.Any(facts.Features.Contains);
    }
}
