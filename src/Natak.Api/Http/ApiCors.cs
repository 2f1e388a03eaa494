using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Natak.Api.Http;

/// <summary>
/// Which browser origins may call the API, from <c>Cors:AllowedOrigins</c> (exact origins, as an array or one
/// comma-separated value); in Development also any <c>http://localhost:*</c> and <c>http://127.0.0.1:*</c>.
/// The shared pipeline applies it to every response; the dev host also answers preflights with it. In Azure the
/// Function App's platform CORS (the same origins, from the Bicep parameter) answers preflights, and the headers
/// set here add what platform CORS cannot: <c>Access-Control-Expose-Headers</c>. Unknown origins get no CORS headers.
/// </summary>
public sealed class ApiCors
{
    public const string SectionName = "Cors";

    /// <summary>Request headers a browser may send beyond the CORS-safelisted ones.</summary>
    public static readonly IReadOnlyList<string> AllowedHeaders = ["Authorization", "Content-Type", Jobs.JobStarter.IdempotencyHeader, "Last-Event-ID", "If-None-Match"];

    /// <summary>Response headers a browser script may read beyond the safelisted ones.</summary>
    public static readonly IReadOnlyList<string> ExposedHeaders = ["Location", "Retry-After", "ETag"];

    private static readonly TimeSpan PreflightMaxAge = TimeSpan.FromMinutes(10);

    private readonly HashSet<string> _origins;
    private readonly bool _anyLoopbackPort;
    private readonly CorsPolicy _policy;
    private readonly CorsService _service;

    public ApiCors(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        _origins = new HashSet<string>(ReadOrigins(configuration.GetSection(SectionName + ":AllowedOrigins")), StringComparer.OrdinalIgnoreCase);
        _anyLoopbackPort = environment.IsDevelopment();
        _policy = new CorsPolicyBuilder()
            .SetIsOriginAllowed(IsAllowed)
            .WithMethods([.. NatakRoutes.All.Select(r => r.Method).Distinct(StringComparer.Ordinal)])
            .WithHeaders([.. AllowedHeaders])
            .WithExposedHeaders([.. ExposedHeaders])
            .SetPreflightMaxAge(PreflightMaxAge)
            .Build();
        _service = new CorsService(Options.Create(new CorsOptions()), NullLoggerFactory.Instance);
    }

    /// <summary>The configured exact origins (not the Development loopback rule).</summary>
    public IReadOnlyCollection<string> Origins => _origins;

    public bool IsAllowed(string origin)
    {
        if (_origins.Contains(origin))
        {
            return true;
        }

        return _anyLoopbackPort
            && Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && uri.Scheme == Uri.UriSchemeHttp
            && uri.Host is "localhost" or "127.0.0.1"
            && uri.AbsolutePath == "/"
            && origin.Equals(uri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Adds the CORS headers of an actual (non-preflight) request from an allowed origin; nothing otherwise.</summary>
    public void Apply(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Request.Headers.Origin.Count == 0 || http.Response.HasStarted)
        {
            return;
        }

        _service.ApplyResult(_service.EvaluatePolicy(http, _policy), http.Response);
    }

    /// <summary>
    /// Middleware answering CORS preflights (<c>OPTIONS</c> with <c>Access-Control-Request-Method</c>) under
    /// <c>/api</c>: 204, with the allowed methods and headers for an allowed origin and no CORS headers otherwise.
    /// </summary>
    public Task AnswerPreflightsAsync(HttpContext http, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(next);
        var request = http.Request;
        if (!HttpMethods.IsOptions(request.Method) || request.Headers.Origin.Count == 0
            || request.Headers.AccessControlRequestMethod.Count == 0 || !request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            return next(http);
        }

        var result = _service.EvaluatePolicy(http, _policy);
        _service.ApplyResult(result, http.Response);
        http.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    private static IEnumerable<string> ReadOrigins(IConfigurationSection section)
    {
        var values = section.GetChildren().Select(c => c.Value).Append(section.Value);
        foreach (var value in values.Where(v => !string.IsNullOrWhiteSpace(v)))
        {
            foreach (var origin in value!.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
                    || !origin.TrimEnd('/').Equals(uri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
                {
                    throw new OptionsValidationException(SectionName, typeof(ApiCors),
                        [$"Cors:AllowedOrigins: '{origin}' is not an origin; write scheme://host[:port] with no path, e.g. https://app.example.com."]);
                }

                yield return origin.TrimEnd('/');
            }
        }
    }
}
