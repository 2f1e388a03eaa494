using System.Net;
using System.Text.Json.Nodes;
using Natak.EndToEnd.Tests.Infrastructure;

namespace Natak.EndToEnd.Tests.Money;

/// <summary>Calls and assertions the money tests share.</summary>
internal static class MoneyCalls
{
    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text) as JsonObject ?? throw new InvalidOperationException("not an object: " + text);
    }

    public static async Task<JsonObject> GetAsync(ApiClient api, string path, HttpStatusCode expected = HttpStatusCode.OK) =>
        await ReadAsync(await api.GetAsync(path), expected);

    public static async Task<JsonObject> PostAsync(ApiClient api, string path, object body, HttpStatusCode expected) =>
        await ReadAsync(await api.PostJsonAsync(path, body), expected);

    /// <summary>Asserts a problem response with its stable code; returns the problem.</summary>
    public static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var problem = await ReadAsync(response, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, (string?)problem["code"]);
        return problem;
    }

    /// <summary>Asserts a 400 <c>validation_failed</c> naming exactly <paramref name="fields"/>.</summary>
    public static async Task ValidationAsync(HttpResponseMessage response, params string[] fields)
    {
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal(fields.Order(StringComparer.Ordinal), problem["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    public static async Task<(long Balance, long Reserved, long Available)> CreditsAsync(ApiClient api)
    {
        var credits = await GetAsync(api, "/api/credits");
        return ((long)credits["balance"]!, (long)credits["reserved"]!, (long)credits["available"]!);
    }

    /// <summary>The caller's journal, newest first, as (kind, amount) pairs.</summary>
    public static async Task<IReadOnlyList<(string Kind, long Amount)>> JournalAsync(ApiClient api)
    {
        var page = await GetAsync(api, "/api/credits/entries?limit=100");
        return [.. page["items"]!.AsArray().Select(e => ((string)e!["kind"]!, (long)e["amount"]!))];
    }

    public static decimal Decimal(JsonNode? node) => node!.GetValue<decimal>();
}
