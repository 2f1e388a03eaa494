using Natak.Providers;

namespace Natak.Orchestrations.Pipelines.ProviderCalls;

/// <summary>Maps a provider's failure onto a step failure: what the user sees, and whether another provider may help.</summary>
internal static class ProviderFailures
{
    public static StepFailure ToStepFailure(this ProviderFailure failure)
    {
        // Transient: the provider refused or could not take the work (throttled, unavailable, circuit open),
        // or accepted it and failed. Never for an ambiguous submit: it may be generating and billing right now.
        var transient = failure.Code switch
        {
            ProviderErrorCodes.AmbiguousSubmit => false,
            ProviderErrorCodes.RateLimited or ProviderErrorCodes.ProviderUnavailable or ProviderErrorCodes.ProviderFailed or ProviderErrorCodes.Timeout => true,
            _ => false,
        };
        var message = failure.FieldErrors.Count > 0
            ? failure.Message + " (" + string.Join("; ", failure.FieldErrors.Select(e => $"{e.Location}: {e.Message}")) + ")"
            : failure.Message;

        // Name the provider: a user (and support) should see who refused or failed the work.
        var provider = failure.Provider.Name();
        if (!message.StartsWith(provider, StringComparison.OrdinalIgnoreCase))
        {
            message = provider + ": " + message;
        }

        return new StepFailure(failure.Code, message, transient) { Refused = failure.Refused, RetryAfter = failure.RetryAfter, Unreachable = failure.Refused && failure.HttpStatus is null };
    }

    public static string Name(this ProviderKind provider) => provider switch
    {
        ProviderKind.Fal => ProviderNames.Fal,
        ProviderKind.WaveSpeed => ProviderNames.WaveSpeed,
        _ => ProviderNames.Xai,
    };
}

/// <summary>Provider names as the catalogue spells them.</summary>
public static class ProviderNames
{
    public const string Fal = "fal";
    public const string WaveSpeed = "wavespeed";
    public const string Xai = "xai";
}
