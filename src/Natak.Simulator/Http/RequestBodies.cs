using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Natak.Simulator;

internal static class RequestBodies
{
    /// <summary>The JSON body as an object plus a copy for the call log; <c>Object</c> is null when the body is not a JSON object.</summary>
    public static async Task<(JsonObject? Object, JsonElement? Logged, string? Error)> ReadObjectAsync(HttpContext http)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        if (buffer.Length == 0)
        {
            return (null, null, "empty body");
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray());
            var logged = document.RootElement.Clone();
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? (JsonObject.Create(logged), logged, null)
                : (null, logged, "body is not a JSON object");
        }
        catch (JsonException e)
        {
            return (null, null, e.Message);
        }
    }

    /// <summary>The base URL for URLs handed out in answers: the configured public URL, or the one this request came in on.</summary>
    public static string BaseUrl(HttpContext http, SimulatorOptions options) =>
        options.PublicBaseUrl?.TrimEnd('/') ?? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}".TrimEnd('/');
}
