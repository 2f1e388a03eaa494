using System.Text.Json;

namespace Natak.Core.Requests;

/// <summary><c>POST /api/quotes</c>: <c>{ "kind": "image", "request": { …the start route's body… } }</c>.</summary>
public sealed record QuoteRequest
{
    public string? Kind { get; init; }

    public JsonElement? Request { get; init; }
}
