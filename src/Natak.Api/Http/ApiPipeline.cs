using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Natak.Api.Auth;
using Natak.Core.Problems;

namespace Natak.Api.Http;

/// <summary>
/// Runs one route the same way in both hosts: authentication and roles, the body-size limit, the handler,
/// and the mapping of every failure to a problem document. Nothing below it writes a stack trace to a client.
/// Requests are logged at Debug (2xx-4xx: per-request chatter; traces and the host's request telemetry carry them);
/// a 5xx answer, and any unhandled exception, at Error. A dependency that is down for a moment (storage unreachable,
/// see <see cref="DependencyFailures"/>) is a 503 with <c>Retry-After</c>, logged at Warning, not a 500.
/// </summary>
public sealed partial class ApiPipeline(JwtAuthenticator authenticator, ApiCors cors, ILogger<ApiPipeline> logger)
{
    public async Task ExecuteAsync(ApiRoute route, HttpContext http, DurableTaskClient durable)
    {
        var started = Stopwatch.GetTimestamp();
        cors.Apply(http);
        IResult result;
        var dependencyDown = false;
        try
        {
            result = await RunAsync(route, http, durable);
        }
        catch (ApiProblemException ex)
        {
            result = ProblemResult(ex.Problem, http);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            LogAborted(logger, route.Name);
            return;
        }
        catch (Exception ex) when (http.Response.HasStarted)
        {
            // A streamed answer (the live progress stream) failed midway: no problem document can follow; the client resumes.
            LogUnhandled(logger, ex, route.Name);
            return;
        }
        catch (Exception ex) when (DependencyFailures.IsTransient(ex))
        {
            LogDependencyUnavailable(logger, ex, route.Name);
            dependencyDown = true;
            http.Response.Headers.RetryAfter = DependencyFailures.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            result = ProblemResult(
                ApiProblem.Create(503, ProblemCodes.ServiceUnavailable, "Service unavailable.",
                    "A service Natak depends on did not answer in time; nothing was lost. Try again in a moment (Retry-After)."),
                http);
        }
        catch (Exception ex)
        {
            LogUnhandled(logger, ex, route.Name);
            result = ProblemResult(
                ApiProblem.Create(500, ProblemCodes.InternalError, "Internal error.", "Something went wrong on our side; the trace id identifies it."),
                http);
        }

        await result.ExecuteAsync(http);
        var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (http.Response.StatusCode >= StatusCodes.Status500InternalServerError && !dependencyDown)
        {
            LogServerError(logger, route.Name, http.Request.Method, http.Response.StatusCode, elapsedMs);
        }
        else
        {
            LogRequest(logger, route.Name, http.Request.Method, http.Response.StatusCode, elapsedMs);
        }
    }

    /// <summary>A problem response with the trace id and path filled in.</summary>
    public static IResult ProblemResult(ApiProblem problem, HttpContext http)
    {
        var withContext = problem with
        {
            Instance = problem.Instance ?? http.Request.Path.Value,
            TraceId = Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier,
        };
        if (problem.Status == StatusCodes.Status401Unauthorized)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
        }

        return TypedResults.Json(withContext, NatakJson.Options, "application/problem+json", problem.Status);
    }

    private async Task<IResult> RunAsync(ApiRoute route, HttpContext http, DurableTaskClient durable)
    {
        NatakUser? user = null;
        if (route.Access is RouteAccess.User or RouteAccess.Admin)
        {
            var auth = await authenticator.AuthenticateAsync(http.Request, http.RequestAborted);
            if (auth.User is null)
            {
                return ProblemResult(ApiProblem.Unauthorized(auth.Failure ?? "A bearer token is required."), http);
            }

            if (route.Access == RouteAccess.Admin && !auth.User.IsAdmin)
            {
                return ProblemResult(ApiProblem.Forbidden("This route requires the admin role."), http);
            }

            user = auth.User;
        }

        if (http.Request.ContentLength > route.MaxBodyBytes)
        {
            return ProblemResult(ApiProblem.PayloadTooLarge(route.MaxBodyBytes), http);
        }

        return await route.Handler(new ApiRequest(route, http, user, durable));
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "{Route} {Method} answered {Status} in {ElapsedMs:F1} ms")]
    private static partial void LogRequest(ILogger logger, string route, string method, int status, double elapsedMs);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "{Route} {Method} answered {Status} in {ElapsedMs:F1} ms")]
    private static partial void LogServerError(ILogger logger, string route, string method, int status, double elapsedMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "{Route} failed with an unhandled exception")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string route);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "{Route} answered 503: a dependency is unavailable")]
    private static partial void LogDependencyUnavailable(ILogger logger, Exception exception, string route);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "{Route}: the client went away")]
    private static partial void LogAborted(ILogger logger, string route);
}
