using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;

namespace Natak.Providers.Http;

/// <summary>
/// The Polly pipeline on each provider's HttpClient, outermost first: total timeout → retry (idempotent requests
/// only) → circuit breaker (one per provider, shared by all its calls) → per-attempt timeout.
/// </summary>
internal static class ProviderResilience
{
    public static IHttpClientBuilder AddProviderResilience(
        this IHttpClientBuilder builder, ProviderKind provider, Func<IServiceProvider, ProviderResilienceOptions> options, bool circuitBreaker)
    {
        // Polly owns the deadlines; HttpClient's own timeout only bounds reading the body after the pipeline returned.
        builder.ConfigureHttpClient((services, client) => client.Timeout = options(services).TotalTimeout + TimeSpan.FromSeconds(5));
        builder.AddResilienceHandler($"{provider}{(circuitBreaker ? "" : "-keys")}", (pipeline, context) =>
        {
            var settings = options(context.ServiceProvider);
            pipeline.AddTimeout(settings.TotalTimeout);
            if (settings.MaxRetryAttempts > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = settings.MaxRetryAttempts,
                    Delay = settings.RetryBaseDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldHandle = args => ValueTask.FromResult(IsIdempotent(args.Context) && IsTransient(args.Outcome, retrying: true)),
                });
            }

            if (circuitBreaker)
            {
                var health = context.ServiceProvider.GetRequiredService<ProviderHealth>();
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = settings.CircuitBreakerFailureRatio,
                    MinimumThroughput = settings.CircuitBreakerMinimumThroughput,
                    SamplingDuration = settings.CircuitBreakerSamplingDuration,
                    BreakDuration = settings.CircuitBreakerBreakDuration,
                    ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome, retrying: false)),
                    OnOpened = args =>
                    {
                        health.Opened(provider, args.BreakDuration);
                        return ValueTask.CompletedTask;
                    },
                    OnClosed = _ =>
                    {
                        health.Closed(provider);
                        return ValueTask.CompletedTask;
                    },
                });
            }

            pipeline.AddTimeout(settings.AttemptTimeout);
        });
        return builder;
    }

    private static bool IsIdempotent(ResilienceContext context) =>
        context.GetRequestMessage() is { } request && request.Options.TryGetValue(ProviderHttp.Idempotent, out var idempotent) && idempotent;

    /// <summary>
    /// Failures worth retrying (and, except 408/429, counting against the provider's health). A 429 means we are
    /// throttled, not that the provider is down, so it does not open the circuit. fal's user-deadline 504 is final.
    /// </summary>
    private static bool IsTransient(Outcome<HttpResponseMessage> outcome, bool retrying)
    {
        if (outcome.Exception is not null)
        {
            return outcome.Exception is HttpRequestException or TimeoutRejectedException;
        }

        if (outcome.Result is not { } response)
        {
            return false;
        }

        var status = (int)response.StatusCode;
        if ((status == (int)HttpStatusCode.GatewayTimeout && FalErrorHeaders.IsUserDeadline(response)) || FalErrorHeaders.IsMarkedFinal(response))
        {
            return false;
        }

        return status is 500 or 502 or 503 or 504 || (retrying && status is 408 or 429);
    }
}
