using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Natak.Api.Http;
using Natak.Core.Jobs;

namespace Natak.Api.Jobs;

/// <summary>
/// What a polling client is told: <c>Retry-After</c> on unfinished jobs (how soon a re-read can show something
/// new, by kind), and an <c>ETag</c> over the job view so a re-read that changed nothing is a bodiless 304.
/// Asset URLs in a result are stable within the presign window, so the ETag only moves when the job does.
/// </summary>
internal static class JobPolling
{
    /// <summary>Seconds between reads: an image step takes seconds, a video minutes, a character's training longer.</summary>
    public static int RetryAfterSeconds(JobKind kind) => kind switch
    {
        JobKind.Image => 2,
        JobKind.Video => 5,
        _ => 10,
    };

    public static void SetRetryAfter(HttpContext http, JobView view)
    {
        if (!view.Status.IsTerminal())
        {
            http.Response.Headers.RetryAfter = RetryAfterSeconds(view.Kind).ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The job as JSON with its ETag, or a 304 when the request's If-None-Match already names that ETag.</summary>
    public static IResult Conditional(HttpContext http, JobView view)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(view, NatakJson.Options);
        var etag = new EntityTagHeaderValue("\"" + Base64Url(SHA256.HashData(body).AsSpan(0, 16)) + "\"");
        var response = http.Response;
        response.Headers.ETag = etag.ToString();
        // Private: a job belongs to the bearer of the token. no-cache: a cache must revalidate (cheaply, by ETag).
        response.Headers.CacheControl = "private, no-cache";
        SetRetryAfter(http, view);

        var ifNoneMatch = http.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(etag, useStrongComparison: false)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(body, "application/json; charset=utf-8");
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
