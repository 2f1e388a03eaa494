using System.Text.Json.Nodes;

namespace Natak.Simulator;

/// <summary>What a control action on a session did: the object it changed and the events it sent, or why it could not.</summary>
internal sealed record StripeActionResult(int Status, string? Error, JsonObject? Object, IReadOnlyList<StripeSentEvent> Events)
{
    public static StripeActionResult Fail(int status, string error) => new(status, error, null, []);
}
