using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Natak.Api.Health;
using Natak.Api.Http;

namespace Natak.Api.Health;

/// <summary><c>GET /api/health[?deep=true]</c>: dependency reachability, and with <c>deep</c> a canary orchestration's round trip.</summary>
internal static class HealthHandlers
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan CanaryTimeout = TimeSpan.FromSeconds(60);

    public static async Task<IResult> GetHealth(ApiRequest request)
    {
        var deepValue = request.Query("deep");
        if (deepValue is not (null or "true" or "false"))
        {
            throw new ApiProblemException(ApiProblem.Validation("deep", "deep must be true or false."));
        }

        var probes = request.Services.GetServices<IHealthProbe>().ToList();
        var results = await Task.WhenAll(probes.Select(p => RunProbeAsync(p, request.Aborted)));
        var checks = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, result, ms) in results)
        {
            checks[name] = new { status = result.Healthy ? "ok" : "failed", detail = result.Detail, ms = Math.Round(ms, 1) };
        }

        var healthy = results.All(r => r.Result.Healthy);
        object? canary = null;
        if (deepValue == "true")
        {
            var report = await request.Service<CanaryRunner>().RunAsync(request.Durable, CanaryTimeout, request.Aborted);
            canary = new { status = report.Succeeded ? "ok" : "failed", instanceId = report.InstanceId, roundTripMs = Math.Round(report.RoundTripMs, 1), error = report.Error };
            healthy &= report.Succeeded;
        }

        var body = new { status = healthy ? "healthy" : "unhealthy", checks, canary };
        return TypedResults.Json(body, NatakJson.Options, statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<(string Name, ProbeResult Result, double Ms)> RunProbeAsync(IHealthProbe probe, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(ProbeTimeout);
        try
        {
            var result = await probe.CheckAsync(cts.Token);
            return (probe.Name, result, stopwatch.Elapsed.TotalMilliseconds);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (probe.Name, ProbeResult.Fail($"no answer within {ProbeTimeout.TotalSeconds:F0} s"), stopwatch.Elapsed.TotalMilliseconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The exception type is enough to act on; its message can carry endpoints.
            return (probe.Name, ProbeResult.Fail("unreachable (" + ex.GetType().Name + ")"), stopwatch.Elapsed.TotalMilliseconds);
        }
    }
}
