using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Natak.Api.Auth;
using Natak.Core.Problems;

namespace Natak.Api.Http;

/// <summary>What a handler sees of a request: the caller, the route values, the body, the Durable client.</summary>
public sealed class ApiRequest
{
    private readonly ApiRoute _route;
    private byte[]? _body;

    internal ApiRequest(ApiRoute route, HttpContext http, NatakUser? user, DurableTaskClient durable)
    {
        _route = route;
        Http = http;
        User = user;
        Durable = durable;
    }

    public HttpContext Http { get; }

    /// <summary>The authenticated caller; null only on public and webhook routes.</summary>
    public NatakUser? User { get; }

    public DurableTaskClient Durable { get; }

    public IServiceProvider Services => Http.RequestServices;

    public CancellationToken Aborted => Http.RequestAborted;

    /// <summary>The caller of a user/admin route (never null there: the pipeline authenticated it).</summary>
    public NatakUser Caller => User ?? throw new InvalidOperationException("route " + _route.Name + " is not authenticated");

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public string RouteValue(string name) =>
        Http.Request.RouteValues.TryGetValue(name, out var value) && value?.ToString() is { Length: > 0 } text
            ? text
            : throw new ApiProblemException(ApiProblem.Validation(name, $"The route value '{name}' is missing."));

    public string? Query(string name) => Http.Request.Query.TryGetValue(name, out var values) ? values.ToString() : null;

    /// <summary>
    /// The <c>limit</c> query parameter of a paged route (1–<see cref="ApiLimits.MaxPageSize"/>, default
    /// <see cref="ApiLimits.DefaultPageSize"/>); null <paramref name="error"/> when valid.
    /// </summary>
    public int PageLimit(out string? error)
    {
        error = null;
        if (Query("limit") is not { } text)
        {
            return ApiLimits.DefaultPageSize;
        }

        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var limit)
            && limit is >= 1 and <= ApiLimits.MaxPageSize)
        {
            return limit;
        }

        error = $"limit must be a whole number from 1 to {ApiLimits.MaxPageSize}.";
        return ApiLimits.DefaultPageSize;
    }

    /// <summary>The message for a paging cursor this route did not issue.</summary>
    public const string InvalidCursorMessage = "cursor must be a nextCursor value returned by this route.";

    public string? Header(string name) => Http.Request.Headers.TryGetValue(name, out var values) ? values.ToString() : null;

    /// <summary>The raw body (size-capped by the route's limit). Webhook signatures are checked over these exact bytes.</summary>
    public async Task<byte[]> ReadBodyAsync()
    {
        if (_body is not null)
        {
            return _body;
        }

        // a declared Content-Length over the limit was refused by the pipeline; this catches undeclared (chunked) bodies
        var limit = _route.MaxBodyBytes;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await Http.Request.Body.ReadAsync(chunk, Aborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new ApiProblemException(ApiProblem.PayloadTooLarge(limit));
            }

            buffer.Write(chunk, 0, read);
        }

        _body = buffer.ToArray();
        return _body;
    }

    /// <summary>Reads a JSON body into <typeparamref name="T"/>: wrong content type → 415, bad JSON → 400, unknown fields → 400.</summary>
    public async Task<T> ReadJsonAsync<T>()
        where T : class
    {
        return Bind<T>(await ReadJsonNodeAsync());
    }

    /// <summary>Binds a body already read (e.g. kept for the idempotency hash): unknown fields and wrong types are 400s naming the field.</summary>
    public static T Bind<T>(JsonObject body)
        where T : class
    {
        try
        {
            return body.Deserialize<T>(NatakJson.Options)
                ?? throw new ApiProblemException(ApiProblem.Create(400, ProblemCodes.MalformedJson, "Malformed JSON.", "The body must be a JSON object."));
        }
        catch (JsonException ex)
        {
            throw JsonBindingErrors.ToProblem(typeof(T), ex);
        }
    }

    /// <summary>The body as a JSON object (content type and syntax checked), e.g. to hash it for idempotency.</summary>
    public async Task<JsonObject> ReadJsonNodeAsync()
    {
        var contentType = Http.Request.ContentType;
        if (contentType is null || !IsJson(contentType))
        {
            throw new ApiProblemException(ApiProblem.Create(415, ProblemCodes.UnsupportedMediaType, "Unsupported media type.",
                "Send the body as application/json."));
        }

        var body = await ReadBodyAsync();
        try
        {
            return JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false, MaxDepth = 32, AllowDuplicateProperties = false }) as JsonObject
                ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            throw new ApiProblemException(ApiProblem.Create(400, ProblemCodes.MalformedJson, "Malformed JSON.",
                "The body is not a well-formed JSON object."));
        }
    }

    private static bool IsJson(string contentType)
    {
        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }
}
