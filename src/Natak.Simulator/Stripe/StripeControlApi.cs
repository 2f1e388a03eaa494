using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Natak.Simulator;

/// <summary>
/// Control actions on the fake Stripe under <c>/_sim/stripe</c>: pay, refund (whole or <c>{"amount": cents}</c>),
/// dispute a Checkout Session or close its dispute (<c>{"status": "won" | "lost"}</c>), read an event's body as delivered, and resend an event. Each answers the object it changed and the events it sent
/// (<c>{"object": …, "events": [{"id", "type"}]}</c>); deliveries happen in the background with the webhook retries.
/// </summary>
internal static class StripeControlApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Map(RouteGroupBuilder sim)
    {
        var stripe = sim.MapGroup("/stripe");
        stripe.MapPost("/sessions/{id}/pay", (string id, StripeBook book) => Answer(book.Pay(id)));
        stripe.MapPost("/sessions/{id}/dispute", (string id, StripeBook book) => Answer(book.Dispute(id)));
        stripe.MapPost("/sessions/{id}/dispute/close", async (string id, HttpRequest request, StripeBook book) =>
        {
            try
            {
                using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
                return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("status", out var status)
                    && status.ValueKind == JsonValueKind.String
                    ? Answer(book.CloseDispute(id, status.GetString()!))
                    : Error(400, "the body must be {\"status\": \"won\"} or {\"status\": \"lost\"}");
            }
            catch (JsonException e)
            {
                return Error(400, "the body is not JSON: " + e.Message);
            }
        });
        stripe.MapPost("/sessions/{id}/refund", async (string id, HttpRequest request, StripeBook book) =>
        {
            long? amount = null;
            if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
            {
                try
                {
                    using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
                    if (document.RootElement.ValueKind != JsonValueKind.Object)
                    {
                        return Error(400, "the body must be a JSON object: {\"amount\": cents}, or empty for a full refund");
                    }

                    if (document.RootElement.TryGetProperty("amount", out var value) && value.ValueKind != JsonValueKind.Null)
                    {
                        if (!value.TryGetInt64(out var cents))
                        {
                            return Error(400, "amount must be a whole number of cents");
                        }

                        amount = cents;
                    }
                }
                catch (JsonException e)
                {
                    return Error(400, "the body is not JSON: " + e.Message);
                }
            }

            return Answer(book.Refund(id, amount));
        });
        stripe.MapGet("/events/{eventId}", (string eventId, StripeBook book) =>
            book.EventBody(eventId) is { } body ? Results.Bytes(body, "application/json") : Error(404, $"no event '{eventId}'"));
        stripe.MapPost("/events/{eventId}/resend", (string eventId, StripeBook book) =>
            book.Resend(eventId) is { } sent
                ? Results.Json(new { events = new[] { sent } }, Json)
                : Error(404, $"no event '{eventId}'"));
    }

    private static IResult Answer(StripeActionResult result) => result.Error is not null
        ? Error(result.Status, result.Error)
        : Results.Text(
            new System.Text.Json.Nodes.JsonObject
            {
                ["object"] = result.Object?.DeepClone(),
                ["events"] = JsonSerializer.SerializeToNode(result.Events, Json),
            }.ToJsonString(),
            "application/json",
            statusCode: result.Status);

    private static IResult Error(int status, string message) => Results.Json(new { error = message }, Json, statusCode: status);
}
