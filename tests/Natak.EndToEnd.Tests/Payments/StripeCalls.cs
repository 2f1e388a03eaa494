using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Natak.EndToEnd.Tests.Infrastructure;
using Natak.Simulator;

namespace Natak.EndToEnd.Tests.Payments;

/// <summary>Checkout through Natak, actions on the simulator's Stripe over its control API, and raw webhook deliveries.</summary>
internal sealed class StripeCalls(PaymentsHostFixture fixture)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Creates a checkout for <paramref name="pack"/> as <paramref name="api"/>'s user; returns the session id and its pay-page URL.</summary>
    public static async Task<(string SessionId, string Url)> CheckoutAsync(ApiClient api, string pack)
    {
        var response = await api.PostJsonAsync("/api/credits/checkout", new { pack });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {text}");
        var body = JsonNode.Parse(text)!;
        return ((string)body["id"]!, (string)body["url"]!);
    }

    /// <summary>A control action on a session (<c>pay</c>, <c>refund</c>, <c>dispute</c>); returns the events it sent.</summary>
    public async Task<IReadOnlyList<(string Id, string Type)>> ActAsync(string sessionId, string action, object? body = null)
    {
        var url = $"{fixture.Simulator.Endpoints.ControlBaseUrl}/stripe/sessions/{sessionId}/{action}";
        using var response = body is null
            ? await Http.PostAsync(url, null)
            : await Http.PostAsync(url, new StringContent(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action}: {(int)response.StatusCode} {text}");
        return [.. JsonNode.Parse(text)!["events"]!.AsArray().Select(e => ((string)e!["id"]!, (string)e["type"]!))];
    }

    public async Task ResendAsync(string eventId)
    {
        using var response = await Http.PostAsync($"{fixture.Simulator.Endpoints.ControlBaseUrl}/stripe/events/{eventId}/resend", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>An event's body exactly as the simulator delivered (or would deliver) it.</summary>
    public async Task<byte[]> EventBodyAsync(string eventId) =>
        await Http.GetByteArrayAsync($"{fixture.Simulator.Endpoints.ControlBaseUrl}/stripe/events/{eventId}");

    /// <summary>Waits until <paramref name="deliveries"/> deliveries of the event were answered 2xx by Natak.</summary>
    public async Task WaitDeliveredAsync(string eventId, int deliveries = 1)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (Delivered(eventId) < deliveries)
        {
            Assert.True(DateTime.UtcNow < deadline, $"event {eventId} was not delivered {deliveries} time(s): " +
                string.Join(", ", fixture.Simulator.Control.Calls(SimulatorProvider.Stripe, SimulatorOperation.Webhook)
                    .Where(c => c.RequestId == eventId).Select(c => $"attempt {c.Attempt} → {c.StatusCode}")));
            await Task.Delay(100);
        }
    }

    public int Delivered(string eventId) => fixture.Simulator.Control.Calls(SimulatorProvider.Stripe, SimulatorOperation.Webhook)
        .Count(c => c.RequestId == eventId && c.StatusCode is >= 200 and < 300);

    /// <summary>Pays the session and waits until Natak acknowledged every event that sent.</summary>
    public async Task<IReadOnlyList<(string Id, string Type)>> PayAsync(string sessionId)
    {
        var events = await ActAsync(sessionId, "pay");
        foreach (var (id, _) in events)
        {
            await WaitDeliveredAsync(id);
        }

        return events;
    }

    /// <summary>Refunds (all, or <paramref name="cents"/>) and waits until Natak acknowledged <c>charge.refunded</c>.</summary>
    public async Task RefundAsync(string sessionId, long? cents = null)
    {
        var (id, type) = Assert.Single(await ActAsync(sessionId, "refund", cents is null ? null : new { amount = cents }));
        Assert.Equal("charge.refunded", type);
        await WaitDeliveredAsync(id);
    }

    public async Task DisputeAsync(string sessionId)
    {
        var (id, type) = Assert.Single(await ActAsync(sessionId, "dispute"));
        Assert.Equal("charge.dispute.created", type);
        await WaitDeliveredAsync(id);
    }

    /// <summary>Closes the session's dispute as <c>won</c> or <c>lost</c> and waits until Natak acknowledged <c>charge.dispute.closed</c>; returns its id.</summary>
    public async Task<string> CloseDisputeAsync(string sessionId, string status)
    {
        var (id, type) = Assert.Single(await ActAsync(sessionId, "dispute/close", new { status }));
        Assert.Equal("charge.dispute.closed", type);
        await WaitDeliveredAsync(id);
        return id;
    }

    /// <summary>POSTs a body to Natak's Stripe webhook with the given <c>Stripe-Signature</c> (none when null).</summary>
    public async Task<HttpResponseMessage> DeliverAsync(byte[] body, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.Host.BaseUrl, "/api/webhooks/stripe")) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(StripeSigner.HeaderName, signature);
        }

        return await Http.SendAsync(request);
    }

    /// <summary>Signed as Stripe signs, with the endpoint secret Natak knows, at <paramref name="at"/> (now by default).</summary>
    public static string Sign(byte[] body, DateTimeOffset? at = null, string secret = DevHostFixture.StripeWebhookSecret) =>
        StripeSigner.Signature(secret, (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds(), body);

    /// <summary>The Stripe webhook's deliveries stop (events are still created) until the returned handle is disposed.</summary>
    public IDisposable HoldDeliveries()
    {
        var url = fixture.Simulator.Control.StripeWebhookUrl;
        fixture.Simulator.Control.StripeWebhookUrl = null;
        return new Restore(() => fixture.Simulator.Control.StripeWebhookUrl = url);
    }
}
