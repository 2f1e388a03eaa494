using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Stripe;
using Stripe.Checkout;

namespace Natak.Simulator.Tests;

/// <summary>
/// The fake Stripe checked with Stripe.net, the client Natak uses: sessions it creates and reads, errors it
/// understands, and webhooks whose signatures <see cref="EventUtility"/> verifies and whose objects it reads.
/// </summary>
public sealed class StripeTests
{
    private const string Secret = "whsec_simulator_tests_secret";
    private const string Key = "sk_test_simulator_tests";

    [Fact]
    public async Task Stripe_net_creates_and_retrieves_a_payment_mode_session()
    {
        await using var sim = await Sim.StartAsync();
        var sessions = Sessions(sim);

        var created = await sessions.CreateAsync(Pro());
        var read = await sessions.GetAsync(created.Id);

        Assert.StartsWith("cs_test_", created.Id, StringComparison.Ordinal);
        Assert.Equal(("checkout.session", "payment", "open", "unpaid"), (read.Object, read.Mode, read.Status, read.PaymentStatus));
        Assert.Equal((2000L, "usd", "user-1"), (read.AmountTotal, read.Currency, read.ClientReferenceId));
        Assert.Equal("pro", read.Metadata["natak_pack"]);
        Assert.Null(read.PaymentIntentId);
        Assert.Equal(sim.BaseUrl.ToString().TrimEnd('/') + "/stripe/c/pay/" + created.Id, read.Url);
        Assert.Equal("https://studio.example/ok?session={CHECKOUT_SESSION_ID}", read.SuccessUrl);
        Assert.True(read.ExpiresAt > read.Created.AddHours(23));
        var call = Assert.Single(sim.Control.Calls(SimulatorProvider.Stripe, SimulatorOperation.Checkout), c => c.Method == "POST");
        Assert.Equal("2000", call.Input!.Value.GetProperty("line_items")[0].GetProperty("price_data").GetProperty("unit_amount").GetString());
    }

    [Theory]
    [InlineData(null, 401, "invalid_request_error", null, null)]
    [InlineData("Basic abc", 401, "invalid_request_error", null, null)]
    [InlineData("Bearer sk_live_0123456789abcdef", 401, "invalid_request_error", "api_key_invalid", null)]
    public async Task Calls_without_a_test_secret_key_are_401_with_stripes_error_body(string? authorization, int status, string type, string? code, string? param)
    {
        await using var sim = await Sim.StartAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, sim.Endpoints.StripeApiBaseUrl + "/v1/checkout/sessions/cs_test_x");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await http.SendAsync(request);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(type, error.GetProperty("type").GetString());
        Assert.Equal(code, error.TryGetProperty("code", out var c) ? c.GetString() : null);
        Assert.Equal(param, error.TryGetProperty("param", out var p) ? p.GetString() : null);
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.DoesNotContain("0123456789abcdef", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("line_items[0][price_data][currency]=usd&line_items[0][price_data][unit_amount]=500&line_items[0][price_data][product_data][name]=x&line_items[0][quantity]=1", "parameter_missing", "mode")]
    [InlineData("mode=payment", "parameter_missing", "line_items")]
    [InlineData("mode=payment&colour=red", "parameter_unknown", "colour")]
    [InlineData("mode=payment&line_items[0][price_data][unit_amount]=500&line_items[0][price_data][product_data][name]=x&line_items[0][quantity]=1", "parameter_missing", "line_items[0][price_data][currency]")]
    [InlineData("mode=payment&line_items[0][price_data][currency]=usd&line_items[0][price_data][unit_amount]=-5&line_items[0][price_data][product_data][name]=x&line_items[0][quantity]=1", "parameter_invalid_integer", "line_items[0][price_data][unit_amount]")]
    [InlineData("mode=payment&line_items[0][price]=price_123&line_items[0][quantity]=1", "resource_missing", "line_items[0][price]")]
    [InlineData("mode=payment&success_url=not%20a%20url&line_items[0][price_data][currency]=usd&line_items[0][price_data][unit_amount]=5&line_items[0][price_data][product_data][name]=x&line_items[0][quantity]=1", "url_invalid", "success_url")]
    public async Task Bad_parameters_are_400s_naming_the_parameter_as_stripe_does(string form, string code, string param)
    {
        await using var sim = await Sim.StartAsync();

        var (status, error) = await PostFormAsync(sim, form);

        Assert.Equal(400, status);
        Assert.Equal(("invalid_request_error", code, param), (error.GetProperty("type").GetString(), error.GetProperty("code").GetString(), error.GetProperty("param").GetString()));
    }

    [Fact]
    public async Task Stripe_net_surfaces_a_simulated_error_as_a_StripeException_with_stripes_fields()
    {
        await using var sim = await Sim.StartAsync();
        var options = Pro();
        options.LineItems[0].PriceData.Currency = null;

        var error = await Assert.ThrowsAsync<StripeException>(() => Sessions(sim).CreateAsync(options));

        Assert.Equal(HttpStatusCode.BadRequest, error.HttpStatusCode);
        Assert.Equal(("invalid_request_error", "parameter_missing", "line_items[0][price_data][currency]"),
            (error.StripeError.Type, error.StripeError.Code, error.StripeError.Param));
        var missing = await Assert.ThrowsAsync<StripeException>(() => Sessions(sim).GetAsync("cs_test_nope"));
        Assert.Equal((HttpStatusCode.NotFound, "resource_missing"), (missing.HttpStatusCode, missing.StripeError.Code));
    }

    [Fact]
    public async Task An_idempotency_key_replays_the_first_session_and_refuses_other_parameters()
    {
        await using var sim = await Sim.StartAsync();
        var sessions = Sessions(sim);

        var first = await sessions.CreateAsync(Pro(), new RequestOptions { IdempotencyKey = "checkout-1" });
        var again = await sessions.CreateAsync(Pro(), new RequestOptions { IdempotencyKey = "checkout-1" });
        var other = Pro();
        other.ClientReferenceId = "user-2";
        var conflict = await Assert.ThrowsAsync<StripeException>(() => sessions.CreateAsync(other, new RequestOptions { IdempotencyKey = "checkout-1" }));

        Assert.Equal(first.Id, again.Id);
        Assert.Equal((HttpStatusCode.BadRequest, "idempotency_error"), (conflict.HttpStatusCode, conflict.StripeError.Type));
    }

    [Fact]
    public async Task Paying_delivers_signed_events_that_EventUtility_verifies_and_reads_as_stripe_objects()
    {
        await using var sim = await Sim.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        Wire(sim, receiver);
        var session = await Sessions(sim).CreateAsync(Pro());

        var sent = await ControlAsync(sim, $"sessions/{session.Id}/pay");
        var deliveries = await receiver.WaitForAsync(3);

        Assert.Equal(["payment_intent.succeeded", "charge.succeeded", "checkout.session.completed"], sent.Select(e => e.Type));
        var events = deliveries.Select(Verify).ToDictionary(e => e.Type);
        Assert.Equal(sent.Select(e => e.Id).Order(), events.Values.Select(e => e.Id).Order());
        var completed = events["checkout.session.completed"];
        Assert.Equal(("event", false, StripeConfiguration.ApiVersion), (completed.Object, completed.Livemode, completed.ApiVersion));
        Assert.StartsWith("evt_", completed.Id, StringComparison.Ordinal);
        var paid = Assert.IsType<Session>(completed.Data.Object);
        Assert.Equal(("complete", "paid", session.Id), (paid.Status, paid.PaymentStatus, paid.Id));
        Assert.StartsWith("pi_", paid.PaymentIntentId, StringComparison.Ordinal);
        Assert.Null(paid.Url);
        var charge = Assert.IsType<Charge>(events["charge.succeeded"].Data.Object);
        Assert.Equal((2000L, 0L, paid.PaymentIntentId), (charge.Amount, charge.AmountRefunded, charge.PaymentIntentId));
        Assert.Equal("user-1", charge.Metadata["natak_user_id"]);
        Assert.Equal(paid.PaymentIntentId, Assert.IsType<PaymentIntent>(events["payment_intent.succeeded"].Data.Object).Id);
        Assert.Equal("complete", (await Sessions(sim).GetAsync(session.Id)).Status);
    }

    [Fact]
    public async Task A_signature_does_not_verify_with_another_secret_nor_over_a_changed_body_nor_after_300_seconds()
    {
        await using var sim = await Sim.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        Wire(sim, receiver);
        var session = await Sessions(sim).CreateAsync(Pro());
        await ControlAsync(sim, $"sessions/{session.Id}/pay");
        var delivery = (await receiver.WaitForAsync(3))[^1];
        var json = Encoding.UTF8.GetString(delivery.Body);
        var signature = delivery.Headers["Stripe-Signature"];
        var signedAt = long.Parse(signature.Split(',')[0][2..], System.Globalization.CultureInfo.InvariantCulture);

        Assert.Matches("^t=[0-9]+,v1=[0-9a-f]{64}$", signature);
        EventUtility.ValidateSignature(json, signature, Secret, 300, signedAt + 300);
        Assert.Throws<StripeException>(() => EventUtility.ValidateSignature(json, signature, "whsec_other", 300, signedAt));
        Assert.Throws<StripeException>(() => EventUtility.ValidateSignature(json.Replace("2000", "2001", StringComparison.Ordinal), signature, Secret, 300, signedAt));
        Assert.Throws<StripeException>(() => EventUtility.ValidateSignature(json, signature, Secret, 300, signedAt + 301));
    }

    [Fact]
    public async Task Refunds_report_the_cumulative_amount_refunded_and_a_dispute_covers_what_is_left()
    {
        await using var sim = await Sim.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        Wire(sim, receiver);
        var session = await Sessions(sim).CreateAsync(Pro());
        await ControlAsync(sim, $"sessions/{session.Id}/pay");

        await ControlAsync(sim, $"sessions/{session.Id}/refund", new { amount = 700 });
        await ControlAsync(sim, $"sessions/{session.Id}/refund", new { amount = 300 });
        var tooMuch = await ControlStatusAsync(sim, $"sessions/{session.Id}/refund", new { amount = 1001 });
        await ControlAsync(sim, $"sessions/{session.Id}/dispute");
        var afterDispute = await ControlStatusAsync(sim, $"sessions/{session.Id}/refund", null);
        var deliveries = await receiver.WaitForAsync(6);

        var refunds = deliveries.Select(Verify).Where(e => e.Type == "charge.refunded").Select(e => (Charge)e.Data.Object).ToList();
        Assert.Equal([(700L, false), (1000L, false)], refunds.Select(c => (c.AmountRefunded, c.Refunded)).Order());
        Assert.Equal(400, tooMuch);
        var dispute = Assert.IsType<Dispute>(deliveries.Select(Verify).Single(e => e.Type == "charge.dispute.created").Data.Object);
        Assert.Equal((1000L, refunds[0].PaymentIntentId, refunds[0].Id), (dispute.Amount, dispute.PaymentIntentId, dispute.ChargeId));
        Assert.Equal(400, afterDispute);
    }

    [Fact]
    public async Task Closing_a_dispute_sends_charge_dispute_closed_with_the_verdict_once()
    {
        await using var sim = await Sim.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        Wire(sim, receiver);
        var session = await Sessions(sim).CreateAsync(Pro());
        await ControlAsync(sim, $"sessions/{session.Id}/pay");

        var beforeDispute = await ControlStatusAsync(sim, $"sessions/{session.Id}/dispute/close", new { status = "won" });
        await ControlAsync(sim, $"sessions/{session.Id}/dispute");
        var badStatus = await ControlStatusAsync(sim, $"sessions/{session.Id}/dispute/close", new { status = "maybe" });
        var sent = await ControlAsync(sim, $"sessions/{session.Id}/dispute/close", new { status = "won" });
        var again = await ControlStatusAsync(sim, $"sessions/{session.Id}/dispute/close", new { status = "lost" });
        var deliveries = await receiver.WaitForAsync(5); // the payment's three events, the dispute's, its verdict's

        Assert.Equal((400, 400, 400), (beforeDispute, badStatus, again));
        Assert.Equal("charge.dispute.closed", Assert.Single(sent).Type);
        var events = deliveries.Select(Verify).ToList();
        var opened = Assert.IsType<Dispute>(events.Single(e => e.Type == "charge.dispute.created").Data.Object);
        var closed = Assert.IsType<Dispute>(events.Single(e => e.Type == "charge.dispute.closed").Data.Object);
        Assert.Equal((opened.Id, opened.PaymentIntentId, opened.Amount, "needs_response", "won"), (closed.Id, closed.PaymentIntentId, closed.Amount, opened.Status, closed.Status));
    }

    [Fact]
    public async Task A_failed_delivery_is_retried_with_a_fresh_signature_until_the_endpoint_answers_2xx()
    {
        // over a second apart: a signature covers the whole-second timestamp, so each retry is signed afresh only in a new second
        await using var sim = await Sim.StartAsync(o => o.WebhookInitialBackoff = TimeSpan.FromMilliseconds(1100));
        await using var receiver = await WebhookReceiver.StartAsync();
        var session = await Sessions(sim).CreateAsync(Pro());
        var completed = (await ControlAsync(sim, $"sessions/{session.Id}/pay")).Single(e => e.Type == "checkout.session.completed").Id;
        Wire(sim, receiver);
        receiver.AnswerWith(500, 503);

        await ControlAsync(sim, $"events/{completed}/resend");
        var copies = await receiver.WaitForAsync(3, TimeSpan.FromSeconds(20));
        await sim.Control.WaitForCallAsync(c => c.RequestId == completed && c.StatusCode == 200, TimeSpan.FromSeconds(10));

        var attempts = sim.Control.Calls(SimulatorProvider.Stripe, SimulatorOperation.Webhook).Where(c => c.RequestId == completed && c.Attempt > 0).ToList();
        Assert.Equal([(1, 500), (2, 503), (3, 200)], attempts.Select(a => (a.Attempt!.Value, a.StatusCode)));
        Assert.Equal([500, 503, 200], copies.Select(d => d.AnsweredWith));
        Assert.All(copies, d => Assert.Equal(copies[0].Body, d.Body));
        Assert.All(copies, d => Assert.Equal(completed, Verify(d).Id));
        Assert.Equal(3, copies.Select(d => d.Headers["Stripe-Signature"]).Distinct().Count());
        Assert.True(copies[2].At - copies[1].At > copies[1].At - copies[0].At, "the backoff grows");
    }

    [Fact]
    public async Task Deliveries_stop_after_the_configured_attempts()
    {
        await using var sim = await Sim.StartAsync(o => o.WebhookMaxAttempts = 2);
        await using var receiver = await WebhookReceiver.StartAsync();
        Wire(sim, receiver);
        var session = await Sessions(sim).CreateAsync(Pro());
        receiver.AnswerWith(Enumerable.Repeat(500, 20).ToArray());

        Assert.Equal(400, await ControlStatusAsync(sim, $"sessions/{session.Id}/dispute", null));
        await ControlAsync(sim, $"sessions/{session.Id}/pay");
        await receiver.WaitForAsync(6);
        await Task.Delay(500);

        Assert.Equal(6, receiver.Deliveries.Count);
        Assert.All(sim.Control.Calls(SimulatorProvider.Stripe, SimulatorOperation.Webhook), c => Assert.InRange(c.Attempt!.Value, 1, 2));
    }

    [Fact]
    public async Task Resend_delivers_the_same_event_body_again_and_an_unknown_event_is_404()
    {
        await using var sim = await Sim.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        Wire(sim, receiver);
        var session = await Sessions(sim).CreateAsync(Pro());
        var completed = (await ControlAsync(sim, $"sessions/{session.Id}/pay")).Single(e => e.Type == "checkout.session.completed").Id;
        await receiver.WaitForAsync(3);

        var resent = await ControlAsync(sim, $"events/{completed}/resend");
        var all = await receiver.WaitForAsync(4);
        using var http = new HttpClient();
        var stored = await http.GetByteArrayAsync($"{sim.Endpoints.ControlBaseUrl}/stripe/events/{completed}");

        Assert.Equal((completed, "checkout.session.completed"), Assert.Single(resent));
        var copies = all.Where(d => Verify(d).Id == completed).ToList();
        Assert.Equal(2, copies.Count);
        Assert.Equal(copies[0].Body, copies[1].Body);
        Assert.Equal(stored, copies[0].Body);
        Assert.Equal(404, await ControlStatusAsync(sim, "events/evt_unknown/resend", null));
    }

    [Fact]
    public async Task The_hosted_page_pays_and_redirects_to_the_success_url_with_the_session_id()
    {
        await using var sim = await Sim.StartAsync();
        var session = await Sessions(sim).CreateAsync(Pro());
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        var page = await browser.GetStringAsync(session.Url);
        using var paid = await browser.PostAsync(session.Url, null);
        using var again = await browser.PostAsync(session.Url, null);

        Assert.Contains("Pay $20.00", page, StringComparison.Ordinal);
        Assert.Contains("href=\"https://studio.example/cancel\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, paid.StatusCode);
        Assert.Equal($"https://studio.example/ok?session={session.Id}", paid.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal("paid", (await Sessions(sim).GetAsync(session.Id)).PaymentStatus);
        var note = Assert.Single(sim.Control.Calls(SimulatorProvider.Stripe, SimulatorOperation.Webhook), c => c.Model == "checkout.session.completed");
        Assert.Equal(0, note.Attempt);
    }

    private static SessionService Sessions(SimulatorServer sim) =>
        new(new StripeClient(new StripeClientOptions { ApiKey = Key, ApiBase = sim.Endpoints.StripeApiBaseUrl }));

    private static SessionCreateOptions Pro() => new()
    {
        Mode = "payment",
        ClientReferenceId = "user-1",
        SuccessUrl = "https://studio.example/ok?session={CHECKOUT_SESSION_ID}",
        CancelUrl = "https://studio.example/cancel",
        Metadata = new() { ["natak_user_id"] = "user-1", ["natak_pack"] = "pro" },
        PaymentIntentData = new SessionPaymentIntentDataOptions { Metadata = new() { ["natak_user_id"] = "user-1", ["natak_pack"] = "pro" } },
        LineItems =
        [
            new SessionLineItemOptions
            {
                Quantity = 1,
                PriceData = new SessionLineItemPriceDataOptions
                {
                    Currency = "usd",
                    UnitAmount = 2000,
                    ProductData = new SessionLineItemPriceDataProductDataOptions { Name = "Natak Pro pack: 500 credits" },
                },
            },
        ],
    };

    private static void Wire(SimulatorServer sim, WebhookReceiver receiver)
    {
        sim.Control.StripeWebhookUrl = receiver.BaseUrl + "/api/webhooks/stripe";
        sim.Control.StripeWebhookSecret = Secret;
    }

    private static Event Verify(WebhookReceiver.Delivery delivery) =>
        EventUtility.ConstructEvent(Encoding.UTF8.GetString(delivery.Body), delivery.Headers["Stripe-Signature"], Secret);

    private static async Task<(int Status, JsonElement Error)> PostFormAsync(SimulatorServer sim, string form)
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        using var response = await http.PostAsync(sim.Endpoints.StripeApiBaseUrl + "/v1/checkout/sessions",
            new StringContent(form.Replace("[", "%5B", StringComparison.Ordinal).Replace("]", "%5D", StringComparison.Ordinal), Encoding.UTF8, "application/x-www-form-urlencoded"));
        return ((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error"));
    }

    private static async Task<IReadOnlyList<(string Id, string Type)>> ControlAsync(SimulatorServer sim, string path, object? body = null)
    {
        var (status, text) = await PostControlAsync(sim, path, body);
        Assert.True(status == 200, $"{path}: {status} {text}");
        return [.. JsonDocument.Parse(text).RootElement.GetProperty("events").EnumerateArray().Select(e => (e.GetProperty("id").GetString()!, e.GetProperty("type").GetString()!))];
    }

    private static async Task<int> ControlStatusAsync(SimulatorServer sim, string path, object? body) => (await PostControlAsync(sim, path, body)).Status;

    private static async Task<(int Status, string Text)> PostControlAsync(SimulatorServer sim, string path, object? body)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync($"{sim.Endpoints.ControlBaseUrl}/stripe/{path}",
            body is null ? null : new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
