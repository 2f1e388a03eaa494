using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Natak.EndToEnd.Tests.Infrastructure;
using static Natak.EndToEnd.Tests.Money.MoneyCalls;

namespace Natak.EndToEnd.Tests.Payments;

/// <summary>Buying a pack through Stripe Checkout, with the simulator standing in for Stripe over real HTTP.</summary>
[Collection(PaymentsCollection.Name)]
public sealed class CheckoutTests(PaymentsHostFixture fixture)
{
    private readonly StripeCalls _stripe = new(fixture);

    [Fact]
    public async Task Checkout_creates_a_payment_mode_session_with_the_catalogue_price_and_the_buyer_in_its_metadata()
    {
        var user = Users.New("buyer");
        using var api = fixture.Api(user);

        var response = await api.PostJsonAsync("/api/credits/checkout", new { pack = "pro" });
        var body = await ReadAsync(response, HttpStatusCode.Created);

        var sessionId = (string)body["id"]!;
        Assert.StartsWith("cs_test_", sessionId, StringComparison.Ordinal);
        Assert.Equal(("pro", 500L, 20m), ((string?)body["pack"], (long)body["credits"]!, Decimal(body["priceUsd"])));
        Assert.StartsWith(fixture.Simulator.BaseUrl.ToString().TrimEnd('/') + "/stripe/c/pay/", (string)body["url"]!, StringComparison.Ordinal);

        // What Stripe holds, read back through its own API with a test key
        using var stripe = new HttpClient();
        stripe.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "sk_test_natak_e2e");
        var session = JsonNode.Parse(await stripe.GetStringAsync($"{fixture.Simulator.Endpoints.StripeApiBaseUrl}/v1/checkout/sessions/{sessionId}"))!;
        Assert.Equal(("checkout.session", "payment", "open", "unpaid"),
            ((string?)session["object"], (string?)session["mode"], (string?)session["status"], (string?)session["payment_status"]));
        Assert.Equal((2000L, "usd"), ((long)session["amount_total"]!, (string?)session["currency"]));
        Assert.Equal(user, (string?)session["client_reference_id"]);
        Assert.Equal(user, (string?)session["metadata"]!["natak_user_id"]);
        Assert.Equal("pro", (string?)session["metadata"]!["natak_pack"]);
        Assert.Equal("http://127.0.0.1:7071/?checkout=success&session_id={CHECKOUT_SESSION_ID}", (string?)session["success_url"]);
        Assert.Equal("http://127.0.0.1:7071/?checkout=cancelled", (string?)session["cancel_url"]);
        Assert.Equal((0, 0, 0), await CreditsAsync(api));
    }

    [Fact]
    public async Task Paying_on_the_hosted_page_redirects_to_the_success_url_and_credits_the_pack_once()
    {
        var user = Users.New("payer");
        using var api = fixture.Api(user);
        var (sessionId, url) = await StripeCalls.CheckoutAsync(api, "pro");
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        var page = await browser.GetStringAsync(url);
        Assert.Contains("id=\"pay\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"http://127.0.0.1:7071/?checkout=cancelled\"", page, StringComparison.Ordinal);
        fixture.Simulator.Control.ClearCalls();
        using var paid = await browser.PostAsync(url, null);

        Assert.True(paid.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther, $"{(int)paid.StatusCode}");
        Assert.Equal($"http://127.0.0.1:7071/?checkout=success&session_id={sessionId}", paid.Headers.Location?.ToString());
        var completed = await WaitForEventAsync("checkout.session.completed");
        await _stripe.WaitDeliveredAsync(completed);
        Assert.Equal((500, 0, 500), await CreditsAsync(api));
        var entry = Assert.Single((await GetAsync(api, "/api/credits/entries"))["items"]!.AsArray());
        Assert.Equal(("purchase", 500L, "pro"), ((string?)entry!["kind"], (long)entry["amount"]!, (string?)entry["reason"]));
        Assert.StartsWith("pi_", (string?)entry["reference"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_event_delivered_five_times_and_concurrently_credits_the_pack_once()
    {
        var user = Users.New("repeat");
        using var api = fixture.Api(user);
        var (sessionId, _) = await StripeCalls.CheckoutAsync(api, "starter");
        string completed;
        byte[] body;
        using (_stripe.HoldDeliveries())
        {
            completed = Assert.Single(await _stripe.ActAsync(sessionId, "pay"), e => e.Type == "checkout.session.completed").Id;
            body = await _stripe.EventBodyAsync(completed);
        }

        // five deliveries at once through Natak's route, each with its own valid signature …
        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => _stripe.DeliverAsync(body, StripeCalls.Sign(body))));
        var answers = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(answers, a => (bool)JsonNode.Parse(a)!["acted"]!);

        // … and five more resent by Stripe one after another
        for (var i = 0; i < 5; i++)
        {
            await _stripe.ResendAsync(completed);
        }

        await _stripe.WaitDeliveredAsync(completed, 5);
        Assert.Equal((100, 0, 100), await CreditsAsync(api));
        Assert.Equal([("purchase", 100L)], await JournalAsync(api));
    }

    [Fact]
    public async Task An_unknown_pack_is_a_400_naming_the_packs_and_creates_no_session()
    {
        using var api = fixture.Api(Users.New("picky"));
        fixture.Simulator.Control.ClearCalls();

        var problem = await ProblemAsync(await api.PostJsonAsync("/api/credits/checkout", new { pack = "platinum" }), HttpStatusCode.BadRequest, "validation_failed");
        var missing = await ProblemAsync(await api.PostJsonAsync("/api/credits/checkout", new { }), HttpStatusCode.BadRequest, "validation_failed");

        Assert.Equal("pack must be one of: starter, pro, agency.", (string?)problem["errors"]!["pack"]![0]);
        Assert.NotNull(missing["errors"]!["pack"]);
        Assert.Empty(fixture.Simulator.Control.Calls(Natak.Simulator.SimulatorProvider.Stripe));
    }

    [Theory]
    [InlineData("{\"pack\":", "application/json", "malformed_json")]
    [InlineData("[\"pro\"]", "application/json", "malformed_json")]
    [InlineData("{\"pack\":\"pro\",\"priceUsd\":0.01}", "application/json", "validation_failed")]
    [InlineData("{\"pack\":42}", "application/json", "validation_failed")]
    [InlineData("pack=pro", "application/x-www-form-urlencoded", "unsupported_media_type")]
    public async Task Malformed_checkout_bodies_are_4xx_problems_never_500s(string body, string contentType, string code)
    {
        using var api = fixture.Api(Users.New("sloppy"));

        var response = await api.PostRawAsync("/api/credits/checkout", body, contentType);

        await ProblemAsync(response, code == "unsupported_media_type" ? HttpStatusCode.UnsupportedMediaType : HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task Checkout_needs_a_bearer_token()
    {
        using var anonymous = fixture.Api();

        await ProblemAsync(await anonymous.PostJsonAsync("/api/credits/checkout", new { pack = "pro" }), HttpStatusCode.Unauthorized, "unauthorized");
    }

    private async Task<string> WaitForEventAsync(string type)
    {
        var call = await fixture.Simulator.Control.WaitForCallAsync(
            c => c.Provider == Natak.Simulator.SimulatorProvider.Stripe && c.Operation == Natak.Simulator.SimulatorOperation.Webhook && c.Model == type,
            TimeSpan.FromSeconds(30));
        return call.RequestId!;
    }
}
