using Microsoft.Extensions.Options;

namespace Natak.Providers;

/// <summary>Start-up validation shared by the three providers' options, with messages that name the setting.</summary>
internal class ProviderOptionsValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : ProviderOptions
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var errors = new List<string>();
        var section = options.SectionPath;
        var urls = options.KeyedUrls.ToList();
        foreach (var (setting, url) in urls)
        {
            if (url is null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            {
                errors.Add($"{section}:{setting} must be an absolute http(s) URL (got '{url}').");
            }
        }

        var allLoopback = urls.All(u => u.Url is { IsAbsoluteUri: true, IsLoopback: true });
        if (string.IsNullOrWhiteSpace(options.ApiKey) && !allLoopback)
        {
            errors.Add(
                $"{section}:ApiKey is empty. Set it (or the {options.ApiKeyVariable} environment variable); " +
                $"a key may be omitted only when {string.Join(" and ", urls.Select(u => $"{section}:{u.Name}"))} point at a loopback simulator.");
        }

        ValidateResilience(options.Resilience, $"{section}:Resilience", errors);
        ValidateSpecific(options, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Provider-specific checks.</summary>
    protected virtual void ValidateSpecific(TOptions options, List<string> errors)
    {
    }

    private static void ValidateResilience(ProviderResilienceOptions r, string path, List<string> errors)
    {
        // Polly's own bounds, checked here so a bad value fails at start-up rather than on the first call.
        RequireRange(r.AttemptTimeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(24), $"{path}:AttemptTimeout", errors);
        RequireRange(r.TotalTimeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(24), $"{path}:TotalTimeout", errors);
        if (r.TotalTimeout < r.AttemptTimeout)
        {
            errors.Add($"{path}:TotalTimeout ({r.TotalTimeout}) must not be shorter than AttemptTimeout ({r.AttemptTimeout}).");
        }

        if (r.MaxRetryAttempts is < 0 or > 20)
        {
            errors.Add($"{path}:MaxRetryAttempts must be between 0 and 20 (got {r.MaxRetryAttempts}).");
        }

        RequireRange(r.RetryBaseDelay, TimeSpan.Zero, TimeSpan.FromMinutes(5), $"{path}:RetryBaseDelay", errors);
        if (r.CircuitBreakerFailureRatio is <= 0 or > 1)
        {
            errors.Add($"{path}:CircuitBreakerFailureRatio must be in (0, 1] (got {r.CircuitBreakerFailureRatio}).");
        }

        if (r.CircuitBreakerMinimumThroughput < 2)
        {
            errors.Add($"{path}:CircuitBreakerMinimumThroughput must be at least 2 (got {r.CircuitBreakerMinimumThroughput}).");
        }

        RequireRange(r.CircuitBreakerSamplingDuration, TimeSpan.FromMilliseconds(500), TimeSpan.FromHours(24), $"{path}:CircuitBreakerSamplingDuration", errors);
        RequireRange(r.CircuitBreakerBreakDuration, TimeSpan.FromMilliseconds(500), TimeSpan.FromHours(24), $"{path}:CircuitBreakerBreakDuration", errors);
    }

    protected static void RequireRange(TimeSpan value, TimeSpan min, TimeSpan max, string setting, List<string> errors)
    {
        if (value < min || value > max)
        {
            errors.Add($"{setting} must be between {min} and {max} (got {value}).");
        }
    }
}
