using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Natak.EndToEnd.Tests.Infrastructure;
using static Natak.EndToEnd.Tests.Money.MoneyCalls;

namespace Natak.EndToEnd.Tests.Payments;

/// <summary>
/// Only what Stripe signed with the endpoint secret in the last 300 s is acted on; everything else is a 400 that
/// changes nothing — and the genuine delivery of the same event still works afterwards.
/// </summary>
[Collection(PaymentsCollection.Name)]
public sealed class StripeWebhookSecurityTests(PaymentsHostFixture fixture)
{
    private readonly StripeCalls _stripe = new(fixture);

    [Fact]
    public async Task Forged_resigned_stale_and_unsigned_events_are_refused_and_credit_nothing()
    {
        var user = Users.New("target");
        using var api = fixture.Api(user);
        var (body, eventId) = await PaidButUndeliveredAsync(api, "agency");
        var forged = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("\"amount_total\":6000", "\"amount_total\":6001", StringComparison.Ordinal));
        Assert.NotEqual(body, forged);

        // Each signature is made just before it is sent: a loaded machine takes seconds over the list, and a timestamp
        // made early would drift into the tolerance (301 s ahead becomes 299 s ahead).
        var attempts = new (string What, byte[] Body, Func<string?> Signature)[]
        {
            ("body changed after signing", forged, () => StripeCalls.Sign(body)),
            ("signed with another secret", body, () => StripeCalls.Sign(body, secret: "whsec_someone_else_entirely")),
            ("signed 301 s ago", body, () => StripeCalls.Sign(body, DateTimeOffset.UtcNow.AddSeconds(-301))),
            ("signed 310 s ahead", body, () => StripeCalls.Sign(body, DateTimeOffset.UtcNow.AddSeconds(310))),
            ("no signature", body, () => null),
            ("a header without v1", body, () => "t=" + DateTimeOffset.UtcNow.ToUnixTimeSeconds()),
            ("a timestamp that is not a number", body, () => StripeCalls.Sign(body).Replace("t=", "t=x", StringComparison.Ordinal)),
            ("garbage", body, () => "definitely-not-a-signature"),
        };
        foreach (var (what, payload, signature) in attempts)
        {
            var response = await _stripe.DeliverAsync(payload, signature());
            var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "invalid_signature");
            Assert.False(string.IsNullOrEmpty((string?)problem["detail"]), what);
        }

        Assert.Equal((0, 0, 0), await CreditsAsync(api));
        Assert.Empty(await JournalAsync(api));

        // the genuine event, delivered by Stripe, is still acted on: the refusals recorded nothing
        await _stripe.ResendAsync(eventId);
        await _stripe.WaitDeliveredAsync(eventId);
        Assert.Equal((2000, 0, 2000), await CreditsAsync(api));
    }

    [Fact]
    public async Task An_event_signed_just_inside_the_tolerance_is_accepted()
    {
        using var api = fixture.Api(Users.New("prompt"));
        var (body, _) = await PaidButUndeliveredAsync(api, "starter");

        var response = await _stripe.DeliverAsync(body, StripeCalls.Sign(body, DateTimeOffset.UtcNow.AddSeconds(-290)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((100, 0, 100), await CreditsAsync(api));
    }

    [Theory]
    [InlineData("{\"id\":\"evt_1\",\"object\":\"event\"")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"id\":\"evt_1x\",\"object\":\"event\",\"type\":\"checkout.session.completed\",\"api_version\":\"2026-10-28.endive\",\"created\":1,\"data\":{\"object\":{\"id\":\"ch_1\",\"object\":\"charge\"}}}")]
    [InlineData("{\"id\":\"evt_1y\",\"object\":\"event\",\"type\":\"charge.refunded\",\"api_version\":\"2026-10-28.endive\",\"created\":1,\"data\":{\"object\":{\"id\":\"ch_1\",\"object\":\"charge\",\"amount\":-5}}}")]
    [InlineData("{\"id\":\"evt_1z\",\"object\":\"event\",\"type\":\"charge.refunded\",\"api_version\":\"2019-02-19\",\"created\":1,\"data\":{\"object\":{\"id\":\"ch_1\",\"object\":\"charge\"}}}")]
    [InlineData("{\"id\":\"has/slash\",\"object\":\"event\",\"type\":\"charge.refunded\",\"api_version\":\"2026-10-28.endive\",\"created\":1,\"data\":{\"object\":{\"id\":\"ch_1\",\"object\":\"charge\"}}}")]
    public async Task Correctly_signed_but_malformed_events_are_400s_never_500s(string json)
    {
        var body = Encoding.UTF8.GetBytes(json);

        var response = await _stripe.DeliverAsync(body, StripeCalls.Sign(body));

        await ProblemAsync(response, HttpStatusCode.BadRequest, "malformed_json");
    }

    [Fact]
    public async Task A_body_that_is_not_utf8_is_a_400()
    {
        byte[] body = [0x7B, 0xFF, 0xFE, 0x7D];

        await ProblemAsync(await _stripe.DeliverAsync(body, "t=1,v1=00"), HttpStatusCode.BadRequest, "invalid_signature");
    }

    [Fact]
    public async Task Event_types_natak_does_not_act_on_are_acknowledged_and_recorded_once()
    {
        var body = Encoding.UTF8.GetBytes(
            "{\"id\":\"evt_1unknown" + Guid.NewGuid().ToString("N")[..8] + "\",\"object\":\"event\",\"type\":\"customer.created\",\"api_version\":\"2026-10-28.endive\"," +
            "\"created\":1767225600,\"livemode\":false,\"data\":{\"object\":{\"id\":\"cus_1\",\"object\":\"customer\"}}}");

        var first = await ApiClient.ReadObjectAsync(await _stripe.DeliverAsync(body, StripeCalls.Sign(body)));
        var again = await ApiClient.ReadObjectAsync(await _stripe.DeliverAsync(body, StripeCalls.Sign(body)));

        Assert.Equal((true, true), ((bool)first["received"]!, (bool)first["acted"]!));
        Assert.StartsWith("ignored", (string?)first["outcome"], StringComparison.Ordinal);
        Assert.False((bool)again["acted"]!);
    }

    /// <summary>A checkout paid at Stripe whose events were not delivered yet: the completed event's exact body and id.</summary>
    private async Task<(byte[] Body, string EventId)> PaidButUndeliveredAsync(ApiClient api, string pack)
    {
        var (sessionId, _) = await StripeCalls.CheckoutAsync(api, pack);
        using (_stripe.HoldDeliveries())
        {
            var completed = Assert.Single(await _stripe.ActAsync(sessionId, "pay"), e => e.Type == "checkout.session.completed").Id;
            var body = await _stripe.EventBodyAsync(completed);
            Assert.Equal("checkout.session.completed", (string?)JsonNode.Parse(body)!["type"]);
            return (body, completed);
        }
    }
}
